#include "network/meetings/ical.hpp"

#include "view/ical.hpp"

namespace schakel::meetings {

namespace {

bool is_cancelled(const Meeting& m) { return m.status == "cancelled"; }

std::string location_of(const Meeting& m, bool with_link) {
  std::string place = m.format == "online" ? std::string() : m.address;
  if (m.format != "in_person") {
    const std::string online = with_link && !m.online_url.empty() ? m.online_url : "Online";
    place += (place.empty() ? "" : " / ") + online;
  }
  return place;
}

std::string description_of(const Meeting& m, const std::vector<AgendaItem>& items,
                           const std::string& url, bool with_link) {
  std::string text = m.title + "\n";
  if (is_cancelled(m)) text += "Dit overleg gaat niet door.\n";
  bool heading = false;
  for (const auto& i : items) {
    if (i.status != "accepted") continue;
    if (!heading) text += "Agenda:\n";
    heading = true;
    text += "- " + i.title;
    if (i.minutes_planned > 0) text += " (" + std::to_string(i.minutes_planned) + " min.)";
    text += "\n";
  }
  if (with_link && m.format != "in_person" && !m.online_url.empty())
    text += "Deelnemen: " + m.online_url + "\n";
  return text + "Meer informatie: " + url;
}

}  // namespace

std::string meeting_uid(std::int64_t id, const std::string& base_url) {
  return "meeting-" + std::to_string(id) + "@" + view::ical_host(base_url);
}

std::string meeting_ics(const Meeting& m, const std::vector<AgendaItem>& items,
                        const std::string& base_url, bool with_link, std::int64_t now) {
  const std::string url = base_url + "/overleg/" + std::to_string(m.id);
  const std::string summary = (is_cancelled(m) ? "Geannuleerd: " : "") + m.title;
  view::IcalEvent event{meeting_uid(m.id, base_url),
                        m.sequence,
                        m.updated_at,
                        m.starts_at,
                        m.ends_at,
                        summary,
                        description_of(m, items, url, with_link),
                        location_of(m, with_link),
                        url,
                        is_cancelled(m)};
  return view::calendar_ics(
      view::IcalCalendar{"Overleg: " + m.title, "-//Schakel//Overleg//NL", is_cancelled(m), now},
      {event});
}

mail::MailAttachment meeting_attachment(const Meeting& m, const std::vector<AgendaItem>& items,
                                        const std::string& base_url, bool with_link,
                                        std::int64_t now) {
  const std::string method = m.status == "cancelled" ? "CANCEL" : "PUBLISH";
  return mail::MailAttachment{"overleg.ics", "text/calendar; charset=utf-8; method=" + method,
                              meeting_ics(m, items, base_url, with_link, now)};
}

}  // namespace schakel::meetings
