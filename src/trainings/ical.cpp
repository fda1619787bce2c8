#include "trainings/ical.hpp"

#include "trainings/calendar_store.hpp"
#include "view/ical.hpp"

namespace schakel::trainings {

namespace {

using view::ical_clean;
using view::ical_one_line;

bool is_cancelled(const CalendarEntry& e) {
  return e.session.status == "cancelled" || e.series.status == "cancelled";
}

bool is_online(const Session& s) { return s.format == "online" || s.format == "webinar"; }

std::string summary_of(const CalendarEntry& e) {
  const std::string part =
      e.session.title.empty() ? label_of(modules(), e.session.module) : e.session.title;
  // Not every calendar app shows STATUS:CANCELLED: the title says it too.
  return std::string(is_cancelled(e) ? "Geannuleerd: " : "") + ical_one_line(e.series.title) +
         " – " + ical_one_line(part);
}

std::string location_of(const CalendarEntry& e, const CalendarOptions& options) {
  const Session& s = e.session;
  if (is_online(s)) {
    if (options.include_online_links && !s.online_url.empty()) return ical_one_line(s.online_url);
    return s.format == "webinar" ? "Online (webinar)" : "Online";
  }
  std::string place = ical_one_line(s.address);
  if (!s.room.empty()) place += (place.empty() ? "" : ", ") + ical_one_line(s.room);
  return place;
}

std::string description_of(const CalendarEntry& e, const CalendarOptions& options,
                           const std::string& url) {
  const Session& s = e.session;
  std::string text = ical_clean(e.series.title) + "\n" + label_of(modules(), s.module);
  if (!s.title.empty()) text += ": " + ical_one_line(s.title);
  text += " (" + label_of(formats(), s.format) + ")\n";
  if (is_cancelled(e))
    text += e.series.status == "cancelled" ? "Deze vorming gaat niet door.\n"
                                           : "Deze sessie gaat niet door.\n";
  if (!e.series.organiser.empty())
    text += "Organisator: " + ical_one_line(e.series.organiser) + "\n";
  if (!s.trainers.empty()) text += "Trainers: " + ical_one_line(s.trainers) + "\n";
  if (is_online(s) && options.include_online_links && !s.online_url.empty())
    text += "Deelnemen: " + ical_one_line(s.online_url) + "\n";
  text += "Meer informatie: " + url;
  return text;
}

view::IcalEvent event_of(const CalendarEntry& e, const CalendarOptions& options) {
  const std::string url = options.base_url + "/vorming/" + e.series.slug;
  return view::IcalEvent{session_uid(e.session.id, options.base_url),
                         e.sequence,
                         e.modified_at,
                         e.session.starts_at,
                         e.session.ends_at,
                         summary_of(e),
                         description_of(e, options, url),
                         location_of(e, options),
                         url,
                         is_cancelled(e)};
}

}  // namespace

bool has_public_feed(const Series& series) {
  return series.visibility == "public" &&
         (series.status == "published" || series.status == "cancelled");
}

std::string session_uid(std::int64_t session_id, const std::string& base_url) {
  return "training-session-" + std::to_string(session_id) + "@" + view::ical_host(base_url);
}

std::string calendar_ics(const std::string& calendar_name,
                         const std::vector<CalendarEntry>& entries,
                         const CalendarOptions& options) {
  std::vector<view::IcalEvent> events;
  events.reserve(entries.size());
  for (const auto& e : entries) events.push_back(event_of(e, options));
  return view::calendar_ics(
      view::IcalCalendar{calendar_name, "-//Schakel//Vorming//NL", false, options.now}, events);
}

std::string registration_ics(soci::session& sql, const Registration& registration,
                             const std::string& base_url, std::int64_t now) {
  const auto entries = CalendarStore::unit_entries(sql, registration.unit);
  const std::string name =
      entries.empty() ? std::string("Vorming") : "Vorming: " + entries.front().series.title;
  return calendar_ics(name, entries, CalendarOptions{base_url, true, now});
}

mail::MailAttachment registration_attachment(soci::session& sql, const Registration& registration,
                                             const std::string& base_url, std::int64_t now) {
  return mail::MailAttachment{"vorming.ics", "text/calendar; charset=utf-8; method=PUBLISH",
                              registration_ics(sql, registration, base_url, now)};
}

}  // namespace schakel::trainings
