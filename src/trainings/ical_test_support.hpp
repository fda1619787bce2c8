#pragma once
// For the calendar tests: reads an .ics with Debian's python3-icalendar (a real
// parser, not ours) and returns what it found as JSON.
#include <fstream>
#include <string>

#include <nlohmann/json.hpp>

#include "test_support.hpp"

namespace schakel::trainings::testing {

// {"version", "prodid", "method", "name", "timezones": [TZID...], "events": [{"uid",
// "summary", "description", "location", "url", "status", "sequence", "start",
// "start_tzid", "start_utc", "start_utc_by_vtimezone", "end", "end_utc",
// "end_utc_by_vtimezone"}]}. "start" is the local time as written
// ("2026-07-15T10:00:00"); "start_utc" the moment as python-icalendar
// understands it; "start_utc_by_vtimezone" the moment computed from the
// calendar's own VTIMEZONE (its RRULEs), so the rule we wrote is checked too.
inline nlohmann::json parse_ics(const std::string& ics) {
  schakel::testing::TempDir dir;
  const auto file = dir.path() / "calendar.ics";
  std::ofstream(file, std::ios::binary) << ics;
  const auto script = dir.path() / "parse.py";
  std::ofstream(script) << R"PY(import datetime, json, sys
import icalendar
cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
zones = {str(z['TZID']): z.to_tz() for z in cal.walk('VTIMEZONE')}
def moment(prop):
    dt = prop.dt
    tzid = prop.params.get('TZID', '')
    own = None
    if tzid in zones:
        own = int(zones[tzid].localize(dt.replace(tzinfo=None)).timestamp())
    elif dt.tzinfo is not None:
        own = int(dt.timestamp())
    return dt.strftime('%Y-%m-%dT%H:%M:%S'), tzid, int(dt.timestamp()), own
out = {'version': str(cal['VERSION']), 'prodid': str(cal['PRODID']),
       'method': str(cal['METHOD']), 'name': str(cal.get('X-WR-CALNAME', '')),
       'timezones': list(zones), 'events': []}
for e in cal.walk('VEVENT'):
    start, start_tzid, start_utc, start_own = moment(e['DTSTART'])
    end, end_tzid, end_utc, end_own = moment(e['DTEND'])
    out['events'].append({
        'uid': str(e['UID']), 'summary': str(e['SUMMARY']),
        'description': str(e.get('DESCRIPTION', '')), 'location': str(e.get('LOCATION', '')),
        'url': str(e.get('URL', '')), 'status': str(e['STATUS']),
        'sequence': int(e['SEQUENCE']), 'start': start, 'start_tzid': start_tzid,
        'start_utc': start_utc, 'start_utc_by_vtimezone': start_own, 'end': end,
        'end_utc': end_utc, 'end_utc_by_vtimezone': end_own,
        'dtstamp': int(e['DTSTAMP'].dt.timestamp()),
        'last_modified': int(e['LAST-MODIFIED'].dt.timestamp())})
print(json.dumps(out))
)PY";
  const std::string printed =
      schakel::testing::run_command("/usr/bin/python3 " + script.string() + " " + file.string());
  return nlohmann::json::parse(printed.empty() ? "{}" : printed);
}

}  // namespace schakel::trainings::testing
