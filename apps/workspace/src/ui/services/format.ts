import { getLanguage } from '@nextcloud/l10n'

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB']

/** Human size in binary units with the page's decimal separator: 1536 → "1.5 KB" (en) / "1,5 KB" (fr). */
export function formatSize(bytes: number, language: string = getLanguage()): string {
  let value = Math.max(0, bytes)
  let unit = 0
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024
    unit++
  }
  const digits = unit === 0 || value >= 10 ? 0 : 1
  const number = new Intl.NumberFormat(language, { maximumFractionDigits: digits }).format(value)
  return `${number} ${language === 'fr' ? UNITS[unit]!.replace('B', 'o') : UNITS[unit]}`
}

/** Date and time in the page's language, e.g. "27 Nov 2025, 10:42". */
export function formatDateTime(date: Date | string, language: string = getLanguage()): string {
  const d = typeof date === 'string' ? new Date(date) : date
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(d)
}

/** Date only, e.g. "27 Nov 2025". */
export function formatDate(date: Date | string, language: string = getLanguage()): string {
  const d = typeof date === 'string' ? new Date(date) : date
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium' }).format(d)
}
