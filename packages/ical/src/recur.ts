import ICAL from 'ical.js'
import type { Timing } from './timing.ts'
import { DAY, timeOfWall, wallOf } from './values.ts'

type Recur = InstanceType<typeof ICAL.Recur>

const WEEKDAYS = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA']
// 1970-01-01 was a Thursday.
const weekday = (day: number) => (((day + 4) % 7) + 7) % 7

/** Stops a rule at UNTIL, which RFC 5545 makes inclusive and compares in DTSTART's terms. */
function untilCheck(t: Timing, rule: Recur): (wall: number) => boolean {
  const until = rule.until
  if (!until) return () => true
  const start = t.start!
  if (until.isDate) {
    const lastDay = wallOf(until)
    return (wall) => Math.floor(wall / DAY) * DAY <= lastDay
  }
  if (until.zone === ICAL.Timezone.utcTimezone && !start.isDate) {
    const limit = wallOf(until)
    return (wall) => start.toUtc(wall) <= limit
  }
  const limit = wallOf(until)
  return (wall) => wall <= limit
}

/** Whether the rule is plain enough for the arithmetic fast path (most real-world rules are). */
function isSimple(rule: Recur): boolean {
  const parts = Object.keys(rule.parts)
  if (rule.freq === 'DAILY') return parts.length === 0
  if (rule.freq !== 'WEEKLY') return false
  if (parts.some((p) => p !== 'BYDAY')) return false
  return ((rule.parts.BYDAY ?? []) as string[]).every((d) => WEEKDAYS.includes(d))
}

function* simpleWalls(t: Timing, rule: Recur, fromWall: number): Generator<number> {
  const startWall = t.start!.wall
  const startDay = Math.floor(startWall / DAY)
  const timeOfDay = startWall - startDay * DAY
  const interval = rule.interval || 1
  const count = rule.count ?? Infinity
  if (rule.freq === 'DAILY') {
    let k = 0
    if (count === Infinity && fromWall > startWall) k = Math.max(0, Math.floor((fromWall - startWall) / (interval * DAY)) - 1)
    for (let n = k; n < count; n++) yield startWall + n * interval * DAY
    return
  }
  const wkst = (rule.wkst || 2) - 1
  const byday = (rule.parts.BYDAY as string[] | undefined)?.map((d) => WEEKDAYS.indexOf(d)) ?? [weekday(startDay)]
  const offsets = [...new Set(byday.map((d) => (d - wkst + 7) % 7))].sort((a, b) => a - b)
  const weekStart = startDay - ((weekday(startDay) - wkst + 7) % 7)
  let week = 0
  if (count === Infinity && fromWall > startWall) {
    week = Math.max(0, Math.floor((fromWall / DAY - weekStart) / (7 * interval)) - 1) * interval
  }
  for (let n = 0; n < count; week += interval) {
    for (const off of offsets) {
      const day = weekStart + week * 7 + off
      if (day < startDay) continue
      if (n++ >= count) return
      yield day * DAY + timeOfDay
    }
  }
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b)
}

/** Moves DTSTART forward by whole periods so iteration starts near the range (no COUNT only). */
function fastForward(startWall: number, rule: Recur, fromWall: number): number {
  const interval = rule.interval || 1
  const gap = fromWall - startWall
  if (rule.count || gap <= 0) return startWall
  if (rule.freq === 'DAILY' || rule.freq === 'WEEKLY') {
    const period = (rule.freq === 'DAILY' ? 1 : 7) * interval * DAY
    return startWall + Math.max(0, Math.floor(gap / period) - 1) * period
  }
  const d = new Date(startWall)
  if ((rule.freq !== 'MONTHLY' && rule.freq !== 'YEARLY') || d.getUTCDate() > 28) return startWall
  const yearsStep = rule.freq === 'YEARLY' ? interval : (interval * 12) / gcd(interval, 12) / 12
  const years = Math.floor(gap / (366 * DAY) / yearsStep - 1) * yearsStep
  if (years <= 0) return startWall
  return Date.UTC(d.getUTCFullYear() + years, d.getUTCMonth(), d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds())
}

function* icalWalls(t: Timing, rule: Recur, fromWall: number): Generator<number> {
  const plain = rule.clone()
  plain.until = null
  const start = fastForward(t.start!.wall, plain, fromWall)
  const it = plain.iterator(timeOfWall(start, t.start!.isDate))
  for (let next = it.next(); next; next = it.next()) yield wallOf(next)
}

/**
 * Wall times of DTSTART and the RRULE's instances, ascending. Instances may be skipped when they
 * start before `fromWall` (a hint; the caller keeps its own check). Callers bound the loop.
 */
export function* ruleWalls(t: Timing, fromWall = -Infinity): Generator<number> {
  const startWall = t.start!.wall
  const rule = t.rrule
  if (!rule) {
    yield startWall
    return
  }
  const within = untilCheck(t, rule)
  const walls = isSimple(rule) ? simpleWalls(t, rule, fromWall) : icalWalls(t, rule, fromWall)
  let first = true
  for (const wall of walls) {
    // RFC 5545 §3.8.5.3: DTSTART is always the first instance, even when the rule skips it.
    if (first && wall !== startWall && wall > startWall && fromWall <= startWall) yield startWall
    first = false
    if (!within(wall)) return
    yield wall
  }
  if (first && fromWall <= startWall) yield startWall
}

