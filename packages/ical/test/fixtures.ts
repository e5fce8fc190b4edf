import { readFileSync } from 'node:fs'
import { parseCalendarObject, type CalendarObject, type ParseOptions } from '../src/index.ts'

/** Raw text of a fixture in test/assets, by file name. */
export function fixtureText(name: string): string {
  return readFileSync(new URL(`./assets/${name}`, import.meta.url), 'utf8')
}

/** A fixture parsed with the library's defaults (Europe/Paris). */
export function fixture(name: string, opts: ParseOptions = {}): CalendarObject {
  return parseCalendarObject(fixtureText(name), opts)
}

/** UTC milliseconds from an ISO string. */
export const at = (iso: string) => Date.parse(iso)
