import { describe, expect, it } from 'vitest'
import { DavConflict, DavForbidden, DavInsufficientStorage, davError } from './errors.ts'
import { parseMultistatus } from './multistatus.ts'

describe('parseMultistatus', () => {
  it('reads hrefs, statuses, ETags, calendar data (CRLF kept) and the sync token, whatever the prefixes', () => {
    const xml = `<?xml version="1.0"?>
<D:multistatus xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">
  <D:response><D:href>/dav/cal/a.ics</D:href>
    <D:propstat><D:prop><D:getetag>"e1"</D:getetag><C:calendar-data>BEGIN:VCALENDAR&#13;
SUMMARY:a &amp; b&#13;
END:VCALENDAR&#13;
</C:calendar-data></D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat>
    <D:propstat><D:prop><D:displayname/></D:prop><D:status>HTTP/1.1 404 Not Found</D:status></D:propstat>
  </D:response>
  <D:response><D:href>/dav/cal/gone.ics</D:href><D:status>HTTP/1.1 404 Not Found</D:status></D:response>
  <D:sync-token>http://x/sync/1-2</D:sync-token>
</D:multistatus>`
    const ms = parseMultistatus(xml)
    expect(ms.syncToken).toBe('http://x/sync/1-2')
    expect(ms.responses).toEqual([
      { href: '/dav/cal/a.ics', status: 200, etag: '"e1"', calendarData: 'BEGIN:VCALENDAR\r\nSUMMARY:a & b\r\nEND:VCALENDAR\r\n' },
      { href: '/dav/cal/gone.ics', status: 404, etag: null, calendarData: null },
    ])
  })
})

describe('davError', () => {
  it('maps statuses to the error family', () => {
    expect(davError('PUT', 'http://h/x.ics', 412, '')).toBeInstanceOf(DavConflict)
    expect(davError('PUT', 'http://h/x.ics', 412, '')).toMatchObject({ status: 409, code: 'edit_conflict' })
    expect(davError('PUT', 'http://h/x.ics', 507, '')).toBeInstanceOf(DavInsufficientStorage)
    expect(davError('PUT', 'http://h/x.ics', 507, '').status).toBe(507)
    const refused = davError('PUT', 'http://h/x.ics', 403, '<d:error xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav"><c:no-uid-conflict/></d:error>')
    expect(refused).toBeInstanceOf(DavForbidden)
    expect((refused as DavForbidden).precondition).toBe('no-uid-conflict')
    expect(davError('GET', 'http://h/x.ics', 503, '').status).toBe(503)
  })
})
