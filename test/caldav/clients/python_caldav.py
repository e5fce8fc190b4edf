"""python3-caldav (Debian) against a Maison space: argv URL USER PASSWORD. Prints one JSON document of findings."""
import json
import sys
from datetime import datetime, timezone

from urllib.parse import urljoin

import caldav
import requests

root, user, password = sys.argv[1:4]
out = {}

# RFC 6764 discovery from the space root: python-caldav 0.11 does not follow /.well-known itself.
hop = requests.request("PROPFIND", root.rstrip("/") + "/.well-known/caldav", auth=(user, password), allow_redirects=False)
out["well_known_status"] = hop.status_code
url = urljoin(root, hop.headers["Location"])
out["context_path"] = url

client = caldav.DAVClient(url=url, username=user, password=password)
principal = client.principal()
out["principal"] = str(principal.url)
calendars = principal.calendars()
out["initial_calendars"] = sorted(c.name or "" for c in calendars)

cal = principal.make_calendar(name="Réunions", cal_id="meetings")
out["created"] = str(cal.url)

SINGLE = """BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//test//EN
BEGIN:VEVENT
UID:single-1
DTSTAMP:20260301T000000Z
DTSTART;TZID=Europe/Paris:20260327T100000
DTEND;TZID=Europe/Paris:20260327T110000
SUMMARY:Single
END:VEVENT
END:VCALENDAR
"""

# Weekly on Friday 18:00 Paris across the 29 March 2026 DST change, the 3 April one moved to 20:00.
WEEKLY = """BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//test//EN
BEGIN:VTIMEZONE
TZID:Europe/Paris
BEGIN:DAYLIGHT
TZOFFSETFROM:+0100
TZOFFSETTO:+0200
TZNAME:CEST
DTSTART:19700329T020000
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU
END:DAYLIGHT
BEGIN:STANDARD
TZOFFSETFROM:+0200
TZOFFSETTO:+0100
TZNAME:CET
DTSTART:19701025T030000
RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU
END:STANDARD
END:VTIMEZONE
BEGIN:VEVENT
UID:weekly-1
DTSTAMP:20260301T000000Z
DTSTART;TZID=Europe/Paris:20260320T180000
DTEND;TZID=Europe/Paris:20260320T190000
RRULE:FREQ=WEEKLY;COUNT=6
SUMMARY:Weekly
END:VEVENT
BEGIN:VEVENT
UID:weekly-1
DTSTAMP:20260301T000000Z
RECURRENCE-ID;TZID=Europe/Paris:20260403T180000
DTSTART;TZID=Europe/Paris:20260403T200000
DTEND;TZID=Europe/Paris:20260403T210000
SUMMARY:Weekly (moved)
END:VEVENT
END:VCALENDAR
"""

cal.save_event(SINGLE)
cal.save_event(WEEKLY)
token = cal.objects_by_sync_token(load_objects=False).sync_token

events = cal.search(
    start=datetime(2026, 3, 26, tzinfo=timezone.utc), end=datetime(2026, 4, 5, tzinfo=timezone.utc), event=True, expand=True
)
occ = []
for e in events:
    for comp in e.icalendar_instance.walk("VEVENT"):
        occ.append([str(comp.get("UID")), comp.decoded("DTSTART").astimezone(timezone.utc).strftime("%Y%m%dT%H%M%SZ")])
out["occurrences"] = sorted(occ)

# Changes after the token: one event changed, one removed, one added.
single = cal.event_by_uid("single-1")
single.data = SINGLE.replace("SUMMARY:Single", "SUMMARY:Single (changed)")
single.save()
cal.event_by_uid("weekly-1").delete()
cal.save_event(SINGLE.replace("single-1", "single-2"))
changes = cal.objects_by_sync_token(sync_token=token, load_objects=False)
out["sync_changed"] = sorted(str(o.url).rsplit("/", 1)[-1] for o in changes)
out["sync_token_moved"] = changes.sync_token != token
out["final_uids"] = sorted(str(e.icalendar_component.get("UID")) for e in cal.events())
print(json.dumps(out))
