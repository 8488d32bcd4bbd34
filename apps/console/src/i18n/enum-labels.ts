import type { Locale } from './i18n';

/** Labels of the API's enum values; a value missing here (a newer enum member) is shown as sent. */
const ZH: Record<string, string> = {
  CASH_LOAN: '现金贷',
  PAY_LATER: '先享后付',
  NEW: '新客',
  ACTIVE: '活跃',
  DORMANT: '沉睡',
  HIGH_RISK: '高风险',
  HIGH_VALUE: '高价值',
  MEDIUM_RISK: '中风险',
  STANDARD: '标准',
  INCREASE: '提额',
  DECREASE: '降额',
  MIXED: '有升有降',
  UNCHANGED: '不变',
  FROZEN: '已冻结',
  CLOSED: '已关闭',
  UNKNOWN: '未知',
  CALENDAR: '节日日历',
  DETECTED: '交易量检测',
  REVIEW: '额度复核',
  SCORE_CHANGED: '评分变动',
  MANUAL_OPEN: '人工开户',
  ALLOCATION: '组合额度优化',
};

const EN: Record<string, string> = {
  CASH_LOAN: 'Cash loan',
  PAY_LATER: 'Pay later',
  NEW: 'New',
  ACTIVE: 'Active',
  DORMANT: 'Dormant',
  HIGH_RISK: 'High risk',
  HIGH_VALUE: 'High value',
  MEDIUM_RISK: 'Medium risk',
  STANDARD: 'Standard',
  INCREASE: 'Increase',
  DECREASE: 'Decrease',
  MIXED: 'Mixed',
  UNCHANGED: 'Unchanged',
  FROZEN: 'Frozen',
  CLOSED: 'Closed',
  UNKNOWN: 'Unknown',
  CALENDAR: 'Festival calendar',
  DETECTED: 'Detected',
  REVIEW: 'Review',
  SCORE_CHANGED: 'Score changed',
  MANUAL_OPEN: 'Opened manually',
  ALLOCATION: 'Portfolio allocation',
};

export function enumLabel(locale: Locale, value: string | null | undefined): string {
  if (value == null) return '—';
  return (locale === 'en' ? EN : ZH)[value] ?? value;
}
