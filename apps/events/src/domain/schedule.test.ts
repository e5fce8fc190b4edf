import { describe, expect, it } from 'vitest'
import { ValidationError } from '@maison/errors'
import { resolveSchedule } from './schedule.ts'
import { checkRrule } from './rrule.ts'
import { htmlToText, sanitizeRichText, textToHtml } from './text.ts'

const fieldOf = (fn: () => unknown): string | undefined => {
  try {
    fn()
  } catch (err) {
    if (err instanceof ValidationError) return err.errors?.[0]?.path
    throw err
  }
  return undefined
}

describe('resolveSchedule', () => {
  it('reads wall times in the event zone, across DST', () => {
    const winter = resolveSchedule({ start: '2026-12-05T19:00', end: '2026-12-05T21:00', timezone: 'Europe/Paris' }, null, 'UTC')
    expect(new Date(winter.start).toISOString()).toBe('2026-12-05T18:00:00.000Z')
    const summer = resolveSchedule({ start: '2026-07-05T19:00', end: '2026-07-05T21:00' }, null, 'Europe/Paris')
    expect(new Date(summer.start).toISOString()).toBe('2026-07-05T17:00:00.000Z')
    const instant = resolveSchedule({ start: '2026-07-05T19:00:00+02:00', end: '2026-07-05T20:00:00Z' }, null, 'Europe/Paris')
    expect(new Date(instant.end).toISOString()).toBe('2026-07-05T20:00:00.000Z')
  })

  it('spans whole days for all-day events, the end day included', () => {
    const s = resolveSchedule({ start: '2026-10-24', end: '2026-10-25', allDay: true }, null, 'Europe/Paris')
    expect(new Date(s.start).toISOString()).toBe('2026-10-23T22:00:00.000Z')
    // 25 October 2026 is 25 hours long in Paris (back to CET).
    expect(new Date(s.end).toISOString()).toBe('2026-10-25T23:00:00.000Z')
  })

  it('keeps the duration when only the start moves', () => {
    const current = resolveSchedule({ start: '2026-12-05T19:00', end: '2026-12-05T21:30' }, null, 'Europe/Paris')
    const moved = resolveSchedule({ start: '2026-12-06T10:00' }, current, 'Europe/Paris')
    expect(moved.end - moved.start).toBe(2.5 * 3600_000)
  })

  it('names the field of each mistake', () => {
    expect(fieldOf(() => resolveSchedule({ start: '2026-12-05T19:00', end: '2026-12-05T18:00' }, null, 'UTC'))).toBe('end')
    expect(fieldOf(() => resolveSchedule({ start: '2026-12-05T19:00', end: '2026-12-05T20:00', timezone: 'Paris' }, null, 'UTC'))).toBe('timezone')
    expect(fieldOf(() => resolveSchedule({ start: 'tomorrow', end: '2026-12-05T20:00' }, null, 'UTC'))).toBe('start')
    expect(fieldOf(() => resolveSchedule({ start: '2026-12-05T19:00', end: '2026-12-05T20:00', rrule: 'FREQ=SECONDLY' }, null, 'UTC'))).toBe('rrule')
    expect(fieldOf(() => resolveSchedule({ start: '2026-12-05T19:00' }, null, 'UTC'))).toBe('end')
    expect(fieldOf(() => resolveSchedule({ start: '2026-12-05T19:00', end: '2028-12-05T19:00' }, null, 'UTC'))).toBe('end')
  })
})

describe('checkRrule', () => {
  const start = Date.UTC(2026, 11, 1)
  it('accepts ordinary rules, endless ones too', () => {
    expect(checkRrule('FREQ=WEEKLY;BYDAY=TU,TH;COUNT=20', start)).toEqual({ ok: true, value: 'FREQ=WEEKLY;BYDAY=TU,TH;COUNT=20' })
    expect(checkRrule('rrule:freq=monthly;bysetpos=-1;byday=fr', start).ok).toBe(true)
    expect(checkRrule('FREQ=YEARLY', start).ok).toBe(true)
  })
  it('refuses bombs and nonsense', () => {
    for (const bad of ['FREQ=SECONDLY', 'FREQ=HOURLY', 'FREQ=DAILY;COUNT=501', 'FREQ=DAILY;COUNT=0', 'FREQ=DAILY;INTERVAL=0', 'FREQ=DAILY;BYMINUTE=1',
      'FREQ=DAILY;UNTIL=20500101T000000Z', 'FREQ=DAILY;UNTIL=20200101T000000Z', 'FREQ=DAILY;COUNT=3;UNTIL=20270101T000000Z', 'FREQ=DAILY;FREQ=WEEKLY', 'nonsense', 'FREQ=DAILY;X-FOO=1']) {
      expect(checkRrule(bad, start).ok, bad).toBe(false)
    }
  })
})

describe('rich text', () => {
  it('keeps formatting and safe links, drops scripts, handlers and javascript: links', () => {
    const html = sanitizeRichText('<p onclick="x()">Hi <b>all</b><script>alert(1)</script><img src=x onerror=alert(1)><a href="javascript:alert(1)">j</a><a href="https://example.org">ok</a></p><iframe src="//evil"></iframe>')
    expect(html).toBe('<p>Hi <b>all</b><a rel="noopener noreferrer nofollow" target="_blank">j</a><a href="https://example.org" rel="noopener noreferrer nofollow" target="_blank">ok</a></p>')
  })
  it('turns HTML into text and text into escaped HTML', () => {
    expect(htmlToText('<p>Un &amp; deux</p><ul><li>a</li><li>b</li></ul><p>x<br>y</p>')).toBe('Un & deux\n\n- a\n- b\n\nx\ny')
    expect(textToHtml('a < b\nc\n\nd')).toBe('<p>a &lt; b<br />c</p><p>d</p>')
  })
})
