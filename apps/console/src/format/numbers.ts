import type { Locale } from '../i18n/i18n';

export const showPercent = (ratio: number | null | undefined, digits = 1): string =>
  ratio == null ? '—' : `${(ratio * 100).toFixed(digits)}%`;

export const showRatio = (value: number | null | undefined, digits = 3): string => (value == null ? '—' : value.toFixed(digits));

/** Instants are UTC across the platform, so they are shown in UTC. */
export const showDateTime = (iso: string | null | undefined, locale: Locale): string =>
  iso == null ? '—' : new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }).format(new Date(iso));

export const showDate = (iso: string | null | undefined, locale: Locale): string =>
  iso == null ? '—' : new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(iso));

/** "2025-07-01" → "2025-07", the label of a monthly statement. */
export const monthLabel = (isoDate: string): string => isoDate.slice(0, 7);
