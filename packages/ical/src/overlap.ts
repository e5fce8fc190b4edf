import ICAL from 'ical.js'
import type { Instance } from './instances.ts'
import { readTime } from './values.ts'

type Component = InstanceType<typeof ICAL.Component>

/** A time range in UTC milliseconds; an absent bound is -Infinity / Infinity. */
export interface Range {
  start: number
  end: number
}

/** RFC 4791 §9.9: does this instance overlap the range? One branch per row of the VEVENT and VTODO tables. */
export function overlaps(i: Instance, { start, end }: Range): boolean {
  const s = i.start
  const e = i.end
  switch (i.timing.rule) {
    case 'span':
      if (e > s) return start < e && end > s
      return (i.timing.closedWhenEmpty ? start <= s : start < s) && end > s
    case 'todo-duration':
      return start <= e && (end > s || end >= e)
    case 'todo-due':
      return (start < e || start <= s) && (end > s || end >= e)
    case 'todo-start':
      return start <= s && end > s
    case 'todo-due-only':
      return start < s && end >= s
    case 'todo-created-completed':
      return start <= e && end >= s
    case 'todo-completed':
      return start <= s && end >= s
    case 'todo-created':
      return end > s
    case 'always':
      return true
    case 'never':
      return false
  }
}

/** The instant an instance's alarm fires first, and its repetitions (RFC 5545 §3.8.6.3, §3.8.6.5). */
export function alarmTriggers(alarm: Component, i: Instance, tz: string): number[] {
  const prop = alarm.getFirstProperty('trigger')
  if (!prop) return []
  const value = prop.getFirstValue()
  let first: number
  if (value instanceof ICAL.Duration) {
    const related = String(prop.getParameter('related') ?? 'START').toUpperCase()
    const anchor = related === 'END' ? i.end : i.start
    if (!Number.isFinite(anchor)) return []
    first = anchor + value.toSeconds() * 1000
  } else {
    first = readTime(prop, tz).utc
  }
  const times = [first]
  const repeat = Number(alarm.getFirstPropertyValue('repeat') ?? 0)
  const every = alarm.getFirstPropertyValue('duration')
  if (repeat > 0 && every instanceof ICAL.Duration) {
    const step = every.toSeconds() * 1000
    // RFC 5545 does not bound REPEAT; a hundred reminders is already absurd.
    for (let n = 1; n <= Math.min(repeat, 100); n++) times.push(first + n * step)
  }
  return times
}

/** §9.9 VALARM row: start <= trigger < end. */
export function alarmOverlaps(triggers: number[], { start, end }: Range): boolean {
  return triggers.some((t) => start <= t && end > t)
}
