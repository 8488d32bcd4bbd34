import { PEAK_FESTIVALS } from '@jc/domain';
import type { PeakWindow } from '../graphql/campaigns';
import type { Locale } from './i18n';

/**
 * A peak's name in the console's language: festivals from the domain's calendar by code, detected
 * peaks from their dates. The API names them in English only.
 */
export function peakLabel(locale: Locale, peak: Pick<PeakWindow, 'code' | 'name' | 'start' | 'end'>): string {
  const festival = PEAK_FESTIVALS.find((f) => f.code === peak.code);
  if (festival) return locale === 'zh-CN' ? festival.nameZh : festival.nameEn;
  if (peak.code !== 'DETECTED') return peak.name;
  const span = peak.end === peak.start ? peak.start : `${peak.start} – ${peak.end}`;
  return locale === 'zh-CN' ? `交易量高峰 ${span}` : `Volume peak ${span}`;
}
