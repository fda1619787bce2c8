#include "view/ical.hpp"

#include <libical/ical.h>

#include <cctype>
#include <ctime>
#include <memory>
#include <stdexcept>
#include <utility>

#include "core/clock.hpp"

namespace schakel::view {

namespace {

const char* const brussels = "Europe/Brussels";

// The EU rule since 1996: CEST from the last Sunday of March 01:00 UTC (02:00
// local) to the last Sunday of October 01:00 UTC (03:00 local). brussels_offset()
// in core/clock applies the same rule to the stored UTC times.
const char* const brussels_vtimezone =
    "BEGIN:VTIMEZONE\r\n"
    "TZID:Europe/Brussels\r\n"
    "X-LIC-LOCATION:Europe/Brussels\r\n"
    "BEGIN:DAYLIGHT\r\n"
    "TZOFFSETFROM:+0100\r\n"
    "TZOFFSETTO:+0200\r\n"
    "TZNAME:CEST\r\n"
    "DTSTART:19700329T020000\r\n"
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\n"
    "END:DAYLIGHT\r\n"
    "BEGIN:STANDARD\r\n"
    "TZOFFSETFROM:+0200\r\n"
    "TZOFFSETTO:+0100\r\n"
    "TZNAME:CET\r\n"
    "DTSTART:19701025T030000\r\n"
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\n"
    "END:STANDARD\r\n"
    "END:VTIMEZONE\r\n";

struct ComponentFree {
  void operator()(icalcomponent* c) const { icalcomponent_free(c); }
};
using Component = std::unique_ptr<icalcomponent, ComponentFree>;

// libical's UTC zone, initialised once (the first call sets up its tables).
icaltimezone* utc_zone() {
  static icaltimezone* const zone = icaltimezone_get_utc_timezone();
  return zone;
}

// The calendar fields of `unix_seconds + offset` (no zone attached).
icaltimetype fields_of(std::int64_t unix_seconds, std::int64_t offset) {
  const std::time_t t = static_cast<std::time_t>(unix_seconds + offset);
  std::tm tm{};
  gmtime_r(&t, &tm);
  icaltimetype out = icaltime_null_time();
  out.year = tm.tm_year + 1900;
  out.month = tm.tm_mon + 1;
  out.day = tm.tm_mday;
  out.hour = tm.tm_hour;
  out.minute = tm.tm_min;
  out.second = tm.tm_sec;
  out.is_date = 0;
  return out;
}

icaltimetype utc_time(std::int64_t unix_seconds) {
  icaltimetype t = fields_of(unix_seconds, 0);
  t.zone = utc_zone();
  return t;
}

// DTSTART/DTEND: the local time in Brussels with its TZID. The hour from 02:00
// to 03:00 on the night summer time ends happens twice; RFC 5545 (3.3.5) reads
// such a local time as the first, some parsers as the second, so a moment in
// that hour is written in UTC, which nobody can misread.
icalproperty* time_property(icalproperty* (*make)(icaltimetype), std::int64_t unix_seconds) {
  const std::int64_t offset = brussels_offset(unix_seconds);
  const bool repeated_hour = offset == 7200 ? brussels_offset(unix_seconds + 3600) == 3600
                                            : brussels_offset(unix_seconds - 3600) == 7200;
  if (repeated_hour) return make(utc_time(unix_seconds));
  icalproperty* property = make(fields_of(unix_seconds, offset));
  icalproperty_add_parameter(property, icalparameter_new_tzid(brussels));
  return property;
}

icalcomponent* event_of(const IcalEvent& e, std::int64_t now) {
  icalcomponent* ev = icalcomponent_new_vevent();
  icalcomponent_add_property(ev, icalproperty_new_uid(e.uid.c_str()));
  icalcomponent_add_property(ev, icalproperty_new_dtstamp(utc_time(now)));
  icalcomponent_add_property(ev, icalproperty_new_lastmodified(utc_time(e.modified_at)));
  icalcomponent_add_property(ev, icalproperty_new_sequence(e.sequence));
  icalcomponent_add_property(ev, time_property(icalproperty_new_dtstart, e.starts_at));
  icalcomponent_add_property(ev, time_property(icalproperty_new_dtend, e.ends_at));
  icalcomponent_add_property(ev, icalproperty_new_summary(ical_one_line(e.summary).c_str()));
  icalcomponent_add_property(ev, icalproperty_new_description(ical_clean(e.description).c_str()));
  const std::string location = ical_one_line(e.location);
  if (!location.empty())
    icalcomponent_add_property(ev, icalproperty_new_location(location.c_str()));
  icalcomponent_add_property(ev, icalproperty_new_url(e.url.c_str()));
  icalcomponent_add_property(
      ev, icalproperty_new_status(e.cancelled ? ICAL_STATUS_CANCELLED : ICAL_STATUS_CONFIRMED));
  return ev;
}

}  // namespace

std::string ical_clean(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '\t')
      out.push_back(' ');
    else if (c == '\n' || (u >= 0x20 && u != 0x7F))
      out.push_back(c);
  }
  return out;
}

std::string ical_one_line(const std::string& text) {
  std::string out = ical_clean(text);
  for (char& c : out)
    if (c == '\n') c = ' ';
  return out;
}

std::string ical_host(const std::string& base_url) {
  std::string host = base_url;
  if (auto scheme = host.find("://"); scheme != std::string::npos) host.erase(0, scheme + 3);
  host = host.substr(0, host.find_first_of("/:?#"));
  std::string out;
  for (char c : host)
    if (std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-') out.push_back(c);
  return out.empty() ? "schakel.invalid" : out;
}

std::string calendar_ics(const IcalCalendar& calendar, const std::vector<IcalEvent>& events) {
  Component cal(icalcomponent_new_vcalendar());
  const std::string name = ical_one_line(calendar.name);
  icalcomponent_add_property(cal.get(), icalproperty_new_version("2.0"));
  icalcomponent_add_property(cal.get(), icalproperty_new_prodid(calendar.prodid.c_str()));
  icalcomponent_add_property(
      cal.get(),
      icalproperty_new_method(calendar.cancel ? ICAL_METHOD_CANCEL : ICAL_METHOD_PUBLISH));
  icalcomponent_add_property(cal.get(), icalproperty_new_name(name.c_str()));
  // The older names that Apple, Google and Outlook read.
  const std::pair<const char*, std::string> older_names[] = {
      {"X-WR-CALNAME", name}, {"X-WR-TIMEZONE", brussels}, {"X-PUBLISHED-TTL", "PT6H"}};
  for (const auto& [x_name, value] : older_names) {
    icalproperty* x = icalproperty_new_x(value.c_str());
    icalproperty_set_x_name(x, x_name);
    icalcomponent_add_property(cal.get(), x);
  }
  icalcomponent* zone = icalcomponent_new_from_string(brussels_vtimezone);
  if (!zone) throw std::logic_error("the Europe/Brussels VTIMEZONE does not parse");
  icalcomponent_add_component(cal.get(), zone);
  for (const auto& e : events) icalcomponent_add_component(cal.get(), event_of(e, calendar.now));
  char* text = icalcomponent_as_ical_string_r(cal.get());
  if (!text) throw std::runtime_error("libical could not write the calendar");
  std::string out(text);
  icalmemory_free_buffer(text);
  return out;
}

}  // namespace schakel::view
