#include "network/meetings/view_model.hpp"

#include <algorithm>

#include "app/app.hpp"
#include "catalog/resource_refs.hpp"
#include "core/clock.hpp"
#include "network/meetings/people.hpp"
#include "reference/municipalities.hpp"
#include "view/markdown.hpp"

namespace schakel::meetings {

namespace {

std::string format_label(const std::string& format) {
  if (format == "online") return "Online";
  if (format == "hybrid") return "Hybride (ter plaatse en online)";
  return "Ter plaatse";
}

std::string name_of(soci::session& sql, std::int64_t id, std::int64_t now) {
  auto p = person(sql, id, now);
  return p ? p->name : "(onbekend)";
}

nlohmann::json item_model(App& app, const AgendaItem& i, std::size_t index, std::size_t count) {
  nlohmann::json links = nlohmann::json::array();
  if (i.resource_id) {
    auto ref = app.db().run(
        [&](soci::session& sql) { return catalog::resource_ref(sql, *i.resource_id); });
    if (ref) links.push_back({{"href", "/kennisbank/" + ref->slug}, {"label", ref->title}});
  }
  if (i.need_id)
    links.push_back({{"href", "/noden/" + std::to_string(*i.need_id)},
                     {"label", "Nood " + std::to_string(*i.need_id)}});
  if (i.action_id)
    links.push_back({{"href", "/acties/" + std::to_string(*i.action_id)},
                     {"label", "Actie " + std::to_string(*i.action_id)}});
  return {{"id", i.id},
          {"meeting_id", i.meeting_id},
          {"title", i.title},
          {"owner_name", i.owner_name},
          {"minutes_planned", i.minutes_planned},
          {"links", links},
          {"has_links", !links.empty()},
          {"minutes_md", i.minutes_md},
          {"minutes_html", i.minutes_md.empty() ? "" : view::render_markdown(i.minutes_md)},
          {"first", index == 0},
          {"last", index + 1 == count}};
}

}  // namespace

nlohmann::json summary_model(const Meeting& m) {
  return {{"id", m.id},
          {"title", m.title},
          {"when", format_weekday_date_nl(m.starts_at) + ", " + format_time_nl(m.starts_at) + "–" +
                       format_time_nl(m.ends_at)},
          {"format_label", format_label(m.format)},
          {"cancelled", m.status == "cancelled"}};
}

// Long because: one block per part of the meeting page, in the order it shows them.
nlohmann::json meeting_model(App& app, const web::Request& req, MeetingService& service,
                             const MeetingRecord& r) {
  const Meeting& m = r.meeting;
  const auto now = app.clock().now();
  const bool organiser = is_meeting_organiser(req.user);
  nlohmann::json model = summary_model(m);
  model["address"] = m.address;
  model["online_url"] = service.sees_link(req.user, m) ? m.online_url : "";
  model["is_online"] = m.format != "in_person";
  model["proposals_until"] = format_date_at_time_nl(m.proposals_until);
  model["proposals_open"] = now <= m.proposals_until && m.status != "cancelled";
  model["is_organiser"] = organiser;
  model["may_propose"] = organiser || (now <= m.proposals_until && m.status != "cancelled");
  nlohmann::json towns = nlohmann::json::array();
  for (const auto& nis : m.nis_codes)
    towns.push_back({{"name", reference::municipality_name(app.db(), nis)}});
  model["has_municipalities"] = !towns.empty();
  model["municipalities"] = towns;
  std::vector<AgendaItem> agenda, proposed;
  std::size_t declined = 0;
  for (const auto& i : r.items) {
    if (i.status == "accepted") agenda.push_back(i);
    if (i.status == "proposed") proposed.push_back(i);
    if (i.status == "declined") ++declined;
  }
  nlohmann::json agenda_json = nlohmann::json::array(), proposed_json = nlohmann::json::array();
  for (std::size_t k = 0; k < agenda.size(); ++k)
    agenda_json.push_back(item_model(app, agenda[k], k, agenda.size()));
  for (std::size_t k = 0; k < proposed.size(); ++k)
    proposed_json.push_back(item_model(app, proposed[k], k, proposed.size()));
  model["agenda"] = agenda_json;
  model["has_agenda"] = !agenda.empty();
  model["proposed"] = proposed_json;
  model["has_proposed"] = !proposed.empty();
  model["declined_count"] = declined;
  auto people = service.concerned(m);
  nlohmann::json invited = nlohmann::json::array(), attendance = nlohmann::json::array(),
                 owners = nlohmann::json::array(), points = nlohmann::json::array();
  std::size_t present = 0;
  app.db().run([&](soci::session& sql) {
    if (req.user && std::find(people.begin(), people.end(), req.user->id) == people.end())
      people.push_back(req.user->id);
    for (const auto id : people) {
      auto p = person(sql, id, now);
      if (!p) continue;
      const auto came = std::find_if(r.attendance.begin(), r.attendance.end(),
                                     [&](const Attendee& a) { return a.user_id == id; });
      const bool was_there = came != r.attendance.end();
      std::string town = was_there ? came->nis_code : p->nis_code;
      if (!was_there)
        for (const auto& nis : p->spoc_of)
          if (std::find(m.nis_codes.begin(), m.nis_codes.end(), nis) != m.nis_codes.end())
            town = nis;
      const std::string town_name =
          town.empty() ? "" : reference::municipality_name(app.db(), town);
      present += was_there ? 1 : 0;
      attendance.push_back(
          {{"id", id}, {"name", p->name}, {"municipality", town_name}, {"present", was_there}});
      owners.push_back({{"value", id}, {"label", p->name}});
      if (std::find(m.people.begin(), m.people.end(), id) != m.people.end())
        invited.push_back({{"name", p->name}});
    }
    for (const auto& pt : r.action_points)
      points.push_back({{"id", pt.id},
                        {"meeting_id", pt.meeting_id},
                        {"text", pt.text},
                        {"owner", name_of(sql, pt.owner_id, now)},
                        {"due_on", pt.due_on},
                        {"overdue", !pt.done && pt.due_on < format_date_input(now)},
                        {"done", pt.done},
                        {"may_mark", organiser || (req.user && req.user->id == pt.owner_id)},
                        {"action_id", pt.action_id ? *pt.action_id : 0},
                        {"has_action", pt.action_id.has_value()}});
  });
  model["has_invited_people"] = !invited.empty();
  model["invited_people"] = invited;
  model["attendance"] = attendance;
  model["present_count"] = present;
  model["owners"] = owners;
  nlohmann::json decisions = nlohmann::json::array();
  for (const auto& d : r.decisions) decisions.push_back({{"text", d.text}});
  model["decisions"] = decisions;
  model["has_decisions"] = !decisions.empty();
  model["action_points"] = points;
  model["has_action_points"] = !points.empty();
  return model;
}

nlohmann::json points_model(App& app, const std::vector<ActionPoint>& points) {
  nlohmann::json out = nlohmann::json::array();
  const auto now = app.clock().now();
  app.db().run([&](soci::session& sql) {
    for (const auto& p : points)
      out.push_back({{"id", p.id},
                     {"meeting_id", p.meeting_id},
                     {"meeting_title", p.meeting_title},
                     {"text", p.text},
                     {"owner", name_of(sql, p.owner_id, now)},
                     {"due_on", p.due_on},
                     {"overdue", p.due_on < format_date_input(now)},
                     {"action_id", p.action_id ? *p.action_id : 0},
                     {"has_action", p.action_id.has_value()}});
  });
  return out;
}

}  // namespace schakel::meetings
