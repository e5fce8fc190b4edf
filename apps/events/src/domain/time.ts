/**
 * Wall times of events: parsing and formatting here, zone arithmetic shared with the calendar server
 * (@maison/ical). "Wall" milliseconds encode a local date and time with Date.UTC, so adding days never
 * meets a DST jump.
 */
import { isKnownZone as runtimeKnowsZone, utcToWall, wallToUtc } from '@maison/ical'

export { utcToWall, wallToUtc }

const DAY = 86_400_000

/** Whether the runtime knows this IANA zone (e.g. `Europe/Paris`); abbreviations and offsets are refused. */
export function isKnownZone(zone: string): boolean {
  return /^(?:UTC|[A-Za-z_]+(?:\/[A-Za-z0-9_+-]+){1,2})$/.test(zone) && runtimeKnowsZone(zone)
}

const WALL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:\d{2})$/
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/

/** Wall ms of `YYYY-MM-DDTHH:mm[:ss]`, or null when malformed or not a real date. */
export function parseWall(text: string): number | null {
  const m = WALL.exec(text)
  if (!m) return null
  const [y, mo, d, h, mi, s] = m.slice(1).map((x) => Number(x ?? 0)) as [number, number, number, number, number, number]
  const ms = Date.UTC(y, mo - 1, d, h, mi, s)
  const back = new Date(ms)
  return back.getUTCMonth() === mo - 1 && back.getUTCDate() === d && h < 24 && mi < 60 && s < 60 ? ms : null
}

/** Wall ms at midnight of `YYYY-MM-DD`, or null. */
export function parseDate(text: string): number | null {
  const m = DATE.exec(text)
  return m ? parseWall(`${text}T00:00`) : null
}

/**
 * A time the API accepts: an instant with `Z` or an offset, or a wall time read in `zone`.
 * Answers UTC ms, or null when it is neither.
 */
export function parseTime(text: string, zone: string): number | null {
  if (INSTANT.test(text)) {
    const ms = Date.parse(text)
    return Number.isNaN(ms) ? null : ms
  }
  const wall = parseWall(text)
  return wall === null ? null : wallToUtc(zone, wall)
}

/** `YYYY-MM-DDTHH:mm:ss` of wall ms. */
export function formatWall(wall: number): string {
  return new Date(wall).toISOString().slice(0, 19)
}

/** `YYYY-MM-DD` of wall ms. */
export function formatDate(wall: number): string {
  return new Date(wall).toISOString().slice(0, 10)
}

export const DAY_MS = DAY
