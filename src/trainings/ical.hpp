#pragma once
// iCalendar (RFC 5545) of training sessions, written with libical: the public
// feeds, a participant's private feed and the .ics of a confirmation mail.
//
// Times are local Europe/Brussels times with TZID=Europe/Brussels and a VTIMEZONE
// that carries the EU rule (summer time from the last Sunday of March to the last
// Sunday of October, 01:00 UTC), so calendar apps need no time zone database of
// their own. Every session is one VEVENT with the stable UID
// "training-session-<id>@<host>": a change or cancellation reaches subscribers as
// the same event with a higher SEQUENCE (and STATUS:CANCELLED when cancelled).
#include <cstdint>
#include <string>
#include <vector>

#include "mail/mail.hpp"
#include "store/database.hpp"
#include "trainings/types.hpp"

namespace schakel::trainings {

// One event of a calendar: a session with its series.
struct CalendarEntry {
  Series series;
  Session session;
  int sequence = 0;              // SEQUENCE: grows with every change of session or series
  std::int64_t modified_at = 0;  // LAST-MODIFIED (UTC seconds)
};

struct CalendarOptions {
  // The site's public URL without a trailing slash ("https://schakel.be"): the
  // series pages are <base_url>/vorming/<slug>, and its host names the UIDs.
  std::string base_url;
  // Online meeting links are for participants only: true only for a participant's
  // private feed and the .ics of their confirmation mail, never for public feeds.
  bool include_online_links = false;
  std::int64_t now = 0;  // DTSTAMP (UTC seconds)
};

// A VCALENDAR (VERSION 2.0, PRODID, METHOD:PUBLISH, NAME and X-WR-CALNAME
// `calendar_name`) with the Europe/Brussels VTIMEZONE and one VEVENT per entry,
// in the order given. An event is CANCELLED when its session or its whole series
// is cancelled, CONFIRMED otherwise. Lines end in CRLF and are folded at 75 octets.
std::string calendar_ics(const std::string& calendar_name,
                         const std::vector<CalendarEntry>& entries, const CalendarOptions& options);

// Whether anyone may read the feed of `series` (/vorming/<slug>/agenda.ics): it is
// public, and published or cancelled (a cancelled series keeps its feed so that
// subscribers see the cancellation). Series pages link the feed only then.
bool has_public_feed(const Series& series);

// "training-session-<id>@<host of base_url>".
std::string session_uid(std::int64_t session_id, const std::string& base_url);

// The calendar of one registration for its confirmation mail: every session of
// its unit (the whole series, or its one session), with the online links.
// Reads the sessions in the caller's transaction.
std::string registration_ics(soci::session& sql, const Registration& registration,
                             const std::string& base_url, std::int64_t now);
// registration_ics as a mail attachment "vorming.ics" (text/calendar, method PUBLISH).
mail::MailAttachment registration_attachment(soci::session& sql, const Registration& registration,
                                             const std::string& base_url, std::int64_t now);

}  // namespace schakel::trainings
