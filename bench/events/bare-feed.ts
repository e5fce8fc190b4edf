// Child process of the events bench: the peer of our feed — `ical-generator` serialising the same events
// on every request in a bare node:http handler. Prints `READY {port}`.
import fs from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import ical from 'ical-generator'
import { tzlib_get_ical_block } from 'timezones-ical-library'

interface FeedEvent {
  id: string
  uid: string
  url: string
  title: string
  descriptionText: string
  start: string
  end: string
  timezone: string
  address: string | null
  tags: string[]
  status: 'tentative' | 'confirmed' | 'cancelled'
}

const events = JSON.parse(fs.readFileSync(process.argv[2]!, 'utf8')) as FeedEvent[]

function feed(): string {
  const cal = ical({ name: 'Events', timezone: { name: 'Europe/Paris', generator: (tz) => String(tzlib_get_ical_block(tz)[0]) } })
  for (const e of events) {
    cal.createEvent({
      id: e.uid, start: new Date(e.start), end: new Date(e.end), timezone: e.timezone, summary: e.title,
      description: e.descriptionText, location: e.address ?? undefined, url: e.url,
      categories: e.tags.map((name) => ({ name })), status: e.status.toUpperCase() as never,
    })
  }
  return cal.toString()
}

const server = http.createServer((_req, res) => {
  const body = feed()
  res.writeHead(200, { 'Content-Type': 'text/calendar; charset=utf-8', 'Content-Length': Buffer.byteLength(body) })
  res.end(body)
})
server.listen(0, '127.0.0.1', () => process.stdout.write(`READY ${(server.address() as AddressInfo).port}\n`))
process.on('SIGTERM', () => server.close(() => process.exit(0)))
