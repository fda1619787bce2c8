#pragma once
// iCalendar (RFC 5545) written with libical, the part every feature shares:
// events in local Europe/Brussels time with our own VTIMEZONE (the EU rule:
// summer time from the last Sunday of March to the last Sunday of October,
// 01:00 UTC), so calendar apps need no time zone database of their own. Each
// feature decides its events' UIDs, texts and who may see which link
// (trainings/ical.hpp, network/meetings/ical.hpp).
#include <cstdint>
#include <string>
#include <vector>

namespace schakel::view {

// One VEVENT.
struct IcalEvent {
  std::string uid;               // stable across changes: the same event in every calendar
  int sequence = 0;              // SEQUENCE: raised by every change the attendees should see
  std::int64_t modified_at = 0;  // LAST-MODIFIED (UTC seconds)
  std::int64_t starts_at = 0, ends_at = 0;  // DTSTART, DTEND (UTC seconds)
  std::string summary;
  std::string description;  // may hold line feeds
  std::string location;     // left out when empty
  std::string url;
  bool cancelled = false;  // STATUS:CANCELLED, else CONFIRMED
};

// The VCALENDAR around the events.
struct IcalCalendar {
  std::string name;      // NAME and X-WR-CALNAME
  std::string prodid;    // "-//Schakel//Vorming//NL"
  bool cancel = false;   // METHOD:CANCEL (a cancellation mailed to attendees), else PUBLISH
  std::int64_t now = 0;  // DTSTAMP (UTC seconds)
};

// A VCALENDAR (VERSION 2.0, PRODID, METHOD, NAME, X-WR-CALNAME, X-WR-TIMEZONE,
// X-PUBLISHED-TTL) with the Europe/Brussels VTIMEZONE and one VEVENT per event,
// in the order given. Lines end in CRLF and are folded at 75 octets. Control
// characters are dropped from every text; summary and location are one line.
std::string calendar_ics(const IcalCalendar& calendar, const std::vector<IcalEvent>& events);

// The host part of `base_url` ("https://schakel.be/x" -> "schakel.be"), reduced
// to letters, digits, '.' and '-', or "schakel.invalid" when none: the right
// side of the UIDs.
std::string ical_host(const std::string& base_url);

// `text` with control characters dropped (line feeds kept, tabs as spaces).
std::string ical_clean(const std::string& text);
// ical_clean with line feeds as spaces.
std::string ical_one_line(const std::string& text);

}  // namespace schakel::view
