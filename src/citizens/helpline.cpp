// The way to help as a view model: each channel of 1712 with its state now, the
// week's hours and the coming closing days; and the demo hours of FACTS.md.
#include "citizens/helpline.hpp"

#include <algorithm>

#include "citizens/helpline_model.hpp"
#include "citizens/helpline_store.hpp"
#include "core/clock.hpp"

namespace schakel::citizens {

namespace {

using std::chrono::days;

std::set<std::chrono::sys_days> closing_dates(const std::vector<ClosingDay>& list) {
  std::set<std::chrono::sys_days> out;
  for (const auto& d : list)
    if (auto day = parse_iso_date(d.day)) out.insert(*day);
  return out;
}

nlohmann::json channel_model(const Channel& c, const std::set<std::chrono::sys_days>& closed,
                             std::int64_t now, std::int64_t* valid_until) {
  nlohmann::json m = {{"kind", kind_key(c.kind)}, {"label", kind_label(c.kind)}};
  switch (c.kind) {
    case ChannelKind::phone:
      m["href"] = "tel:" + c.address;
      m["action"] = "Bel " + c.address;
      break;
    case ChannelKind::chat:
      m["href"] = c.address;
      m["action"] = "Chat met 1712";
      break;
    case ChannelKind::email:
      m["href"] = c.address;
      m["action"] = "Mail 1712";
      break;
  }
  const bool has_state = c.schedule.always_open || c.schedule.has_hours();
  m["has_state"] = has_state;
  if (has_state) {
    const auto state = open_state(c.schedule, closed, now);
    m["open"] = state.open;
    m["state"] = describe_state(state, now);
    *valid_until = std::min(*valid_until, state.valid_until);
  }
  return m;
}

}  // namespace

WayToHelp way_to_help(store::Database& db, std::int64_t now) {
  HelplineStore store(db);
  const auto closed = closing_dates(store.closing_days_from(iso_date(brussels_date(now))));
  std::int64_t valid_until = brussels_moment(brussels_date(now) + days{1}, 0);
  nlohmann::json channels = nlohmann::json::array();
  bool phone_shown = false;
  for (const auto& c : store.channels()) {
    if (!c.offered) continue;
    phone_shown = phone_shown || c.kind == ChannelKind::phone;
    channels.push_back(channel_model(c, closed, now, &valid_until));
  }
  // 1712 answers the phone whatever the table says: never leave a citizen without it.
  if (!phone_shown)
    channels.insert(channels.begin(), {{"kind", "phone"},
                                       {"label", "Telefoon"},
                                       {"href", "tel:1712"},
                                       {"action", "Bel 1712"},
                                       {"has_state", false}});
  return WayToHelp{{{"channels", channels}}, valid_until};
}

nlohmann::json way_to_help_model(store::Database& db, std::int64_t now) {
  return way_to_help(db, now).model;
}

WayToHelp helpline_page_model(store::Database& db, std::int64_t now) {
  WayToHelp help = way_to_help(db, now);
  help.model["on_helpline_page"] = true;
  HelplineStore store(db);
  nlohmann::json hours = nlohmann::json::array();
  for (const auto& c : store.channels()) {
    if (!c.offered || (!c.schedule.always_open && !c.schedule.has_hours())) continue;
    nlohmann::json lines = nlohmann::json::array();
    for (const auto& line : describe_week(c.schedule))
      lines.push_back({{"days", line.days}, {"hours", line.hours}});
    hours.push_back({{"label", kind_label(c.kind)}, {"lines", lines}});
  }
  // The closing days of the coming year.
  const auto today = brussels_date(now);
  const std::string last = iso_date(today + days{366});
  nlohmann::json closed = nlohmann::json::array();
  for (const auto& d : store.closing_days_from(iso_date(today))) {
    if (d.day > last) break;
    closed.push_back(
        {{"date", format_weekday_date_nl(brussels_moment(*parse_iso_date(d.day), 720))},
         {"name", d.name}});
  }
  return WayToHelp{{{"way_to_help", help.model},
                    {"hours", hours},
                    {"has_hours", !hours.empty()},
                    {"closing_days", closed},
                    {"has_closing_days", !closed.empty()}},
                   help.valid_until};
}

void load_helpline_demo(soci::session& sql, const Clock& clock) {
  const std::int64_t now = clock.now();
  for (auto channel : HelplineStore::channels(sql)) {
    channel.schedule = WeeklySchedule{};
    switch (channel.kind) {
      case ChannelKind::phone:  // working days 9:00-17:00
        for (int d = 0; d < 5; ++d) channel.schedule.days[d] = {{9 * 60, 17 * 60}};
        break;
      case ChannelKind::chat:  // Tuesday, Wednesday and Thursday 17:00-19:00
        for (int d = 1; d <= 3; ++d) channel.schedule.days[d] = {{17 * 60, 19 * 60}};
        break;
      case ChannelKind::email:  // at any time, through the website
        channel.schedule.always_open = true;
        break;
    }
    HelplineStore::save_channel(sql, channel, true, now);
  }
  // The ten Belgian public holidays of 2026 and 2027 (Easter: 5 April 2026 and
  // 28 March 2027).
  static const std::pair<const char*, const char*> holidays[] = {
      {"2026-01-01", "Nieuwjaar"},
      {"2026-04-06", "Paasmaandag"},
      {"2026-05-01", "Dag van de Arbeid"},
      {"2026-05-14", "Onze-Lieve-Heer-Hemelvaart"},
      {"2026-05-25", "Pinkstermaandag"},
      {"2026-07-21", "Nationale feestdag"},
      {"2026-08-15", "Onze-Lieve-Vrouw-Hemelvaart"},
      {"2026-11-01", "Allerheiligen"},
      {"2026-11-11", "Wapenstilstand"},
      {"2026-12-25", "Kerstmis"},
      {"2027-01-01", "Nieuwjaar"},
      {"2027-03-29", "Paasmaandag"},
      {"2027-05-01", "Dag van de Arbeid"},
      {"2027-05-06", "Onze-Lieve-Heer-Hemelvaart"},
      {"2027-05-17", "Pinkstermaandag"},
      {"2027-07-21", "Nationale feestdag"},
      {"2027-08-15", "Onze-Lieve-Vrouw-Hemelvaart"},
      {"2027-11-01", "Allerheiligen"},
      {"2027-11-11", "Wapenstilstand"},
      {"2027-12-25", "Kerstmis"},
  };
  for (const auto& [day, name] : holidays)
    if (!HelplineStore::closing_day_on(sql, day))
      HelplineStore::add_closing_day(sql, ClosingDay{0, day, name, true}, now);
}

}  // namespace schakel::citizens
