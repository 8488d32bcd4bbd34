import { regionByCode } from '@jc/domain';
import type { Locale } from './i18n';

/** A province's name in the console's language; a code the domain does not know is shown as sent. */
export function regionLabel(locale: Locale, code: string): string {
  const region = regionByCode(code);
  if (!region) return code;
  return locale === 'zh-CN' ? region.nameZh : region.nameEn;
}
