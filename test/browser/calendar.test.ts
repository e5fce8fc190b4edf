import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import ICAL from 'ical.js'
import type { Page } from 'playwright-core'
import { describe, expect, it, onTestFinished } from 'vitest'
import { run } from '../caldav/support.ts'
import { browserSuite } from '../support/browser-suite.ts'
import { TopBar } from './pages/TopBar.ts'

const ZONE = 'Europe/Paris'
const admin = { username: 'alice', password: 'alice-password-1' }
const auth = 'Basic ' + Buffer.from(`${admin.username}:${admin.password}`).toString('base64')

/** The calendar app: its grid, the event dialog and the calendar list. */
class CalendarPage {
  constructor(private readonly page: Page) {}

  async open(spaceUrl: string): Promise<void> {
    await this.page.goto(`${spaceUrl}/apps/calendar/`)
    await this.page.locator('[data-test=calendar] .fc-daygrid-day[data-date]').first().waitFor()
    await this.page.locator('[data-test-calendar]').first().waitFor()
  }

  field(name: string) {
    return this.page.locator(`input[data-test=${name}], [data-test=${name}] input, select[data-test=${name}]`).first()
  }

  events(title: string) {
    return this.page.locator(`[data-test=calendar-event][data-test-title="${title}"]`)
  }

  /** Occurrences shown in the grid as "title@start", sorted. */
  async shown(): Promise<string[]> {
    const all = await this.page.locator('[data-test=calendar-event]').evaluateAll((els) => els.map((e) => `${e.getAttribute('data-test-title')}@${e.getAttribute('data-test-start')}`))
    return [...new Set(all)].sort()
  }

  /** The first and last day of the month grid. */
  async gridDays(): Promise<[string, string]> {
    const days = await this.page.locator('.fc-daygrid-day[data-date]').evaluateAll((els) => els.map((e) => e.getAttribute('data-date')!))
    return [days[0]!, days.at(-1)!]
  }

  async save(): Promise<void> {
    await this.page.locator('[data-test=event-save]').click()
    await this.page.locator('[data-test=event-editor]').waitFor({ state: 'detached' })
  }
}

/** Occurrences of the association calendar between two days, straight from CalDAV (expanded by the server). */
async function caldavOccurrences(spaceUrl: string, first: string, last: string): Promise<{ shown: string[]; objects: ICAL.Component[] }> {
  const url = `${spaceUrl}/remote.php/dav/calendars/${admin.username}/association/`
  const stamp = (day: string, shift: number) => new Date(Date.parse(`${day}T00:00:00Z`) + shift * 86_400_000).toISOString().replace(/[-:]/g, '').replace('.000', '')
  const range = `start="${stamp(first, -1)}" end="${stamp(last, 2)}"`
  const query = (expand: boolean) => `<?xml version="1.0"?><c:calendar-query xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav">
    <d:prop><d:getetag/><c:calendar-data>${expand ? `<c:expand ${range}/>` : ''}</c:calendar-data></d:prop>
    <c:filter><c:comp-filter name="VCALENDAR"><c:comp-filter name="VEVENT"><c:time-range ${range}/></c:comp-filter></c:comp-filter></c:filter></c:calendar-query>`
  const report = async (expand: boolean) => {
    const res = await fetch(url, { method: 'REPORT', headers: { authorization: auth, depth: '1', 'content-type': 'application/xml' }, body: query(expand) })
    expect(res.status).toBe(207)
    const xml = await res.text()
    return [...xml.matchAll(/<(?:\w+:)?calendar-data[^>]*>([\s\S]*?)<\/(?:\w+:)?calendar-data>/g)].map((m) => ICAL.Component.fromString(m[1]!.replace(/&#13;/g, '\r').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')))
  }
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' })
  const shown = (await report(true)).flatMap((cal) => cal.getAllSubcomponents('vevent')).flatMap((ev) => {
    const start = (ev.getFirstPropertyValue('dtstart') as ICAL.Time).toJSDate()
    const local = day.format(start)
    return local >= first && local <= last ? [`${ev.getFirstPropertyValue('summary')}@${start.toISOString()}`] : []
  })
  return { shown: shown.sort(), objects: await report(false) }
}

/** vdirsyncer (Debian) mirroring the association calendar into a local folder, as a member's laptop would. */
class LocalMirror {
  readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), 'maison-browser-vdirsyncer-'))

  constructor(spaceUrl: string) {
    fs.mkdirSync(path.join(this.dir, 'local'))
    fs.writeFileSync(
      path.join(this.dir, 'config'),
      [
        '[general]', `status_path = "${this.dir}/status/"`, '',
        '[pair association]', 'a = "local"', 'b = "remote"', 'collections = null', '',
        '[storage local]', 'type = "filesystem"', `path = "${this.dir}/local/"`, 'fileext = ".ics"', '',
        '[storage remote]', 'type = "caldav"', `url = "${spaceUrl}/remote.php/dav/calendars/${admin.username}/association/"`,
        `username = "${admin.username}"`, `password = "${admin.password}"`, '',
      ].join('\n'),
    )
  }

  /** Runs `vdirsyncer sync` (discovering first), failing with its output. */
  async sync(): Promise<void> {
    const env = { ...process.env, LANG: 'C.UTF-8' }
    for (const args of [['discover', 'association'], ['sync']]) {
      const r = await run('vdirsyncer', ['-c', path.join(this.dir, 'config'), ...args], { timeout: 60_000, env }).catch((err: { code: number; stdout: string; stderr: string }) => err)
      expect('code' in r ? r.code : 0, `vdirsyncer ${args[0]}: ${r.stdout}${r.stderr}`).toBe(0)
    }
  }

  /** The texts of the local .ics files. */
  files(): string[] {
    const local = path.join(this.dir, 'local')
    return fs.readdirSync(local).filter((f) => f.endsWith('.ics')).sort().map((f) => fs.readFileSync(path.join(local, f), 'utf8'))
  }

  close(): void {
    fs.rmSync(this.dir, { recursive: true, force: true })
  }
}

// Desktop clients reading the folder (khal, …) resolve a TZID by its Olson name when the object
// carries no VTIMEZONE, as the app's objects do today; ical.js needs the definition given.
const PARIS = ICAL.Component.fromString('BEGIN:VTIMEZONE\r\nTZID:Europe/Paris\r\nBEGIN:DAYLIGHT\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nTZNAME:CEST\r\nDTSTART:19700329T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\nEND:DAYLIGHT\r\nBEGIN:STANDARD\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nTZNAME:CET\r\nDTSTART:19701025T030000\r\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n')

/** Occurrences of one local iCalendar object whose day (Paris) is in the grid, as "title@start" (ical.js expands it). */
function localOccurrences(text: string, first: string, last: string): string[] {
  const cal = ICAL.Component.fromString(text)
  const zones = cal.getAllSubcomponents('vtimezone')
  for (const tz of zones.length ? zones : [PARIS]) ICAL.TimezoneService.register(tz)
  const parts = cal.getAllSubcomponents('vevent')
  const event = new ICAL.Event(parts.find((p) => !p.hasProperty('recurrence-id')))
  for (const exception of parts.filter((p) => p.hasProperty('recurrence-id'))) event.relateException(exception)
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' })
  const until = Date.parse(`${last}T00:00:00Z`) + 2 * 86_400_000
  const out: string[] = []
  const it = event.iterator()
  for (let next = it.next(); next && next.toJSDate().getTime() < until; next = it.next()) {
    const details = event.getOccurrenceDetails(next)
    const start = details.startDate.toJSDate()
    const local = day.format(start)
    if (local >= first && local <= last) out.push(`${details.item.summary}@${start.toISOString()}`)
  }
  return out.sort()
}

describe('calendar app', () => {
  const host = browserSuite()

  /** A fresh space, logged in, the calendar app open; returns its URL, the grid's days and the month's first day. */
  async function openApp(): Promise<{ page: Page; calendar: CalendarPage; spaceUrl: string; first: string; last: string; day1: string }> {
    const spaceUrl = await host.space(`cal${crypto.randomBytes(3).toString('hex')}`, admin, 'Chorale du Port')
    const page = await host.loggedIn(spaceUrl, admin, { timezoneId: ZONE, locale: 'en-GB', acceptDownloads: true })
    const calendar = new CalendarPage(page)
    await calendar.open(spaceUrl)
    const [first, last] = await calendar.gridDays()
    // The first of the month is always in the month grid, with at least three more weeks after it.
    const month = new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit' }).format(new Date())
    return { page, calendar, spaceUrl, first, last, day1: `${month}-01` }
  }

  it('creates a weekly event, CalDAV and vdirsyncer see the series; one occurrence edited, grid, CalDAV and vdirsyncer agree', async () => {
    const { page, calendar, spaceUrl, first, last, day1 } = await openApp()
    const mirror = new LocalMirror(spaceUrl)
    onTestFinished(() => mirror.close())
    // The app is in the top bar of the shell.
    await page.locator('a[href$="/apps/calendar/"]').first().waitFor()

    await page.locator('[data-test=new-event]').click()
    await calendar.field('event-title').fill('Rehearsal')
    await calendar.field('event-start').fill(`${day1}T18:00`)
    await calendar.field('event-end').fill(`${day1}T19:30`)
    await calendar.field('event-timezone').selectOption(ZONE)
    await calendar.field('event-location').fill('Salle des fêtes')
    await calendar.field('event-repeat').selectOption('weekly')
    await calendar.field('event-reminder').selectOption({ label: '15 minutes before' })
    await calendar.save()
    await expect.poll(() => calendar.events('Rehearsal').count()).toBeGreaterThanOrEqual(4)

    let dav = await caldavOccurrences(spaceUrl, first, last)
    expect(dav.objects).toHaveLength(1)
    const master = dav.objects[0]!.getFirstSubcomponent('vevent')!
    expect(String(master.getFirstPropertyValue('rrule'))).toBe('FREQ=WEEKLY')
    expect(master.getFirstProperty('dtstart')!.getParameter('tzid')).toBe(ZONE)
    expect(master.getFirstPropertyValue('dtstart')!.toString()).toBe(`${day1}T18:00:00`)
    expect(master.getFirstPropertyValue('location')).toBe('Salle des fêtes')
    expect(String(master.getFirstSubcomponent('valarm')?.getFirstPropertyValue('trigger'))).toBe('-PT15M')
    expect(await calendar.shown()).toEqual(dav.shown)

    // The same series in vdirsyncer's local folder, expanding to what the grid shows.
    await mirror.sync()
    let files = mirror.files()
    expect(files).toHaveLength(1)
    const localSeries = ICAL.Component.fromString(files[0]!).getAllSubcomponents('vevent')
    expect(localSeries).toHaveLength(1)
    expect(String(localSeries[0]!.getFirstPropertyValue('rrule'))).toBe('FREQ=WEEKLY')
    expect(localSeries[0]!.getFirstPropertyValue('uid')).toBe(master.getFirstPropertyValue('uid'))
    expect(localSeries[0]!.getFirstProperty('dtstart')!.getParameter('tzid')).toBe(ZONE)
    expect(localSeries[0]!.getFirstPropertyValue('dtstart')!.toString()).toBe(`${day1}T18:00:00`)
    expect(localOccurrences(files[0]!, first, last)).toEqual(await calendar.shown())

    // Edit the second occurrence only: a new title, one hour later.
    const second = calendar.events('Rehearsal').nth(1)
    const secondStart = await second.getAttribute('data-test-start')
    // From the keyboard: events are focusable and open with Enter.
    await second.focus()
    await page.keyboard.press('Enter')
    await expect.poll(() => calendar.field('event-title').inputValue()).toBe('Rehearsal')
    const start = await calendar.field('event-start').inputValue()
    expect(start).toMatch(/T18:00$/)
    await calendar.field('event-title').fill('Rehearsal (moved)')
    await calendar.field('event-start').fill(start.replace('T18:00', 'T19:00'))
    await calendar.field('event-end').fill(start.replace('T18:00', 'T20:30'))
    await page.getByRole('radio', { name: 'Only this occurrence' }).check({ force: true })
    await calendar.save()
    await calendar.events('Rehearsal (moved)').waitFor()

    dav = await caldavOccurrences(spaceUrl, first, last)
    expect(dav.objects).toHaveLength(1)
    const parts = dav.objects[0]!.getAllSubcomponents('vevent')
    expect(parts).toHaveLength(2)
    const override = parts.find((p) => p.hasProperty('recurrence-id'))!
    expect(override.getFirstPropertyValue('summary')).toBe('Rehearsal (moved)')
    expect((override.getFirstPropertyValue('recurrence-id') as ICAL.Time).toString()).toBe(start.replace('T18:00', 'T18:00:00'))
    const moved = dav.shown.filter((s) => s.startsWith('Rehearsal (moved)@'))
    expect(moved).toEqual([`Rehearsal (moved)@${new Date(Date.parse(secondStart!) + 3_600_000).toISOString()}`])
    await expect.poll(() => calendar.shown()).toEqual(dav.shown)

    // vdirsyncer brings the override down into the same local file; its expansion is the grid's.
    await mirror.sync()
    files = mirror.files()
    expect(files).toHaveLength(1)
    const localParts = ICAL.Component.fromString(files[0]!).getAllSubcomponents('vevent')
    expect(localParts).toHaveLength(2)
    const localOverride = localParts.find((p) => p.hasProperty('recurrence-id'))!
    expect(localOverride.getFirstPropertyValue('summary')).toBe('Rehearsal (moved)')
    expect((localOverride.getFirstPropertyValue('recurrence-id') as ICAL.Time).toString()).toBe(start.replace('T18:00', 'T18:00:00'))
    expect(localOccurrences(files[0]!, first, last)).toEqual(await calendar.shown())
    expect(localOccurrences(files[0]!, first, last)).toEqual(dav.shown)
  })

  it('splits a series at "this and following", deletes one occurrence, exports and imports .ics', async () => {
    const { page, calendar, spaceUrl, first, last, day1 } = await openApp()
    const put = await fetch(`${spaceUrl}/remote.php/dav/calendars/${admin.username}/association/board.ics`, {
      method: 'PUT',
      headers: { authorization: auth, 'content-type': 'text/calendar', 'if-none-match': '*' },
      body: `BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\nUID:board\r\nDTSTAMP:20260101T000000Z\r\nDTSTART;TZID=${ZONE}:${day1.replace(/-/g, '')}T180000\r\nDTEND;TZID=${ZONE}:${day1.replace(/-/g, '')}T190000\r\nRRULE:FREQ=WEEKLY\r\nSUMMARY:Board\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n`,
    })
    expect(put.status).toBe(201)
    await page.reload()
    await expect.poll(() => calendar.events('Board').count()).toBeGreaterThanOrEqual(4)

    await calendar.events('Board').nth(2).click()
    await expect.poll(() => calendar.field('event-title').inputValue()).toBe('Board')
    await calendar.field('event-title').fill('Board (new room)')
    await page.getByRole('radio', { name: 'This and following occurrences' }).check({ force: true })
    await calendar.save()
    await expect.poll(() => calendar.events('Board (new room)').count()).toBeGreaterThanOrEqual(2)

    let dav = await caldavOccurrences(spaceUrl, first, last)
    expect(dav.objects).toHaveLength(2)
    const rules = dav.objects.map((o) => String(o.getFirstSubcomponent('vevent')!.getFirstPropertyValue('rrule')))
    expect(rules.sort()).toEqual(['FREQ=WEEKLY', expect.stringMatching(/^FREQ=WEEKLY;UNTIL=\d{8}T\d{6}Z$/)].sort())
    expect(dav.shown.filter((s) => s.startsWith('Board@'))).toHaveLength(2)
    await expect.poll(() => calendar.shown()).toEqual(dav.shown)

    // Delete the first occurrence only: an EXDATE, the second stays.
    await calendar.events('Board').first().click()
    await expect.poll(() => calendar.field('event-title').inputValue()).toBe('Board')
    await page.getByRole('radio', { name: 'Only this occurrence' }).check({ force: true })
    await page.locator('[data-test=event-delete]').click()
    await page.locator('[data-test=event-editor]').waitFor({ state: 'detached' })
    await expect.poll(() => calendar.events('Board').count()).toBe(1)
    dav = await caldavOccurrences(spaceUrl, first, last)
    expect(dav.objects.some((o) => o.getFirstSubcomponent('vevent')!.hasProperty('exdate'))).toBe(true)
    await expect.poll(() => calendar.shown()).toEqual(dav.shown)

    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-test=export]').click()])
    const exported = fs.readFileSync(await download.path(), 'utf8')
    expect(exported).toContain('UID:board')
    expect(exported.match(/BEGIN:VEVENT/g)).toHaveLength(2)

    const imported = `BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\nUID:fair\r\nDTSTAMP:20260101T000000Z\r\nDTSTART;VALUE=DATE:${day1.replace(/-/g, '')}\r\nSUMMARY:Fair\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n`
    await page.locator('[data-test=import-input]').setInputFiles({ name: 'fair.ics', mimeType: 'text/calendar', buffer: Buffer.from(imported) })
    await calendar.events('Fair').waitFor()
    expect(await page.locator('[data-test=transfer-status]').innerText()).toContain('1 event imported')
    // The same file again: the event is already there, nothing is duplicated.
    await page.locator('[data-test=import-input]').setInputFiles({ name: 'fair.ics', mimeType: 'text/calendar', buffer: Buffer.from(imported) })
    await expect.poll(() => page.locator('[data-test=transfer-status]').innerText()).toContain('already there')
    expect(await calendar.events('Fair').count()).toBe(1)
  })

  it('refuses an event that ends before it starts, with a message, and writes nothing; speaks French', async () => {
    const { page, calendar, spaceUrl, first, last, day1 } = await openApp()
    await page.locator('[data-test=new-event]').focus()
    await page.keyboard.press('Enter')
    await calendar.field('event-title').fill('Backwards')
    await calendar.field('event-start').fill(`${day1}T18:00`)
    await calendar.field('event-end').fill(`${day1}T17:00`)
    await page.locator('[data-test=event-save]').click()
    await page.locator('[data-test=event-error]').waitFor()
    expect(await page.locator('[data-test=event-error]').innerText()).toContain('end after it starts')
    await page.keyboard.press('Escape')
    expect((await caldavOccurrences(spaceUrl, first, last)).objects).toHaveLength(0)

    await new TopBar(page).switchLanguage()
    await expect.poll(() => page.locator('[data-test=new-event]').innerText()).toContain('Nouvel événement')
    await expect.poll(() => page.locator('.fc-today-button').innerText()).toContain('Aujourd')
  })
})
