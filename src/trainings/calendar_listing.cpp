#include "trainings/calendar_listing.hpp"

#include <algorithm>

#include "core/clock.hpp"
#include "trainings/permissions.hpp"
#include "trainings/service.hpp"

namespace schakel::trainings {

namespace {

// The first moment after `now` at which a session of `l` starts or ends or its
// registration deadline passes.
std::optional<std::int64_t> next_change(const ListedSeries& l, std::int64_t now) {
  std::optional<std::int64_t> next;
  auto consider = [&](std::int64_t t) {
    if (t > now && (!next || t < *next)) next = t;
  };
  for (const auto& x : l.sessions) {
    consider(x.starts_at);
    consider(x.ends_at);
  }
  if (l.series.registration_deadline) consider(*l.series.registration_deadline + 1);
  return next;
}

bool matches(const CalendarFilter& f, const Series& s, const std::vector<Session>& upcoming) {
  if (!f.theme.empty() && std::find(s.themes.begin(), s.themes.end(), f.theme) == s.themes.end())
    return false;
  if (!f.region.empty() && s.region != f.region) return false;
  if (!f.format.empty() &&
      std::none_of(upcoming.begin(), upcoming.end(), [&](auto& x) { return x.format == f.format; }))
    return false;
  if (!f.month.empty() && std::none_of(upcoming.begin(), upcoming.end(), [&](auto& x) {
        return format_month_key(x.starts_at) == f.month;
      }))
    return false;
  return true;
}

std::string places_of(const ListedSeries& l, std::int64_t now) {
  if (!RegistrationService::closed_reason(l.series, l.sessions, now).empty())
    return "Inschrijvingen afgesloten";
  if (l.series.registration_unit != "series") return "Inschrijven per sessie";
  return places_text(l.capacity(), l.holding, l.waitlist);
}

}  // namespace

std::string places_text(int capacity, int taken, bool waitlist) {
  if (capacity == 0) return "Geen plaatsen";
  if (taken >= capacity || waitlist) return "Volzet: je komt op de wachtlijst";
  const int left = capacity - taken;
  return left == 1 ? "Nog 1 plaats" : "Nog " + std::to_string(left) + " plaatsen";
}

Calendar calendar_of(const std::vector<ListedSeries>& listed, const CalendarFilter& filter,
                     const std::optional<web::Principal>& user, std::int64_t now) {
  Calendar out;
  for (const auto& l : listed) {
    if (l.series.status != "published" || !may_view(user, l.series)) continue;
    if (auto t = next_change(l, now); t && (!out.until || *t < *out.until)) out.until = t;
    std::vector<Session> upcoming;
    for (const auto& x : l.sessions)
      if (x.ends_at > now && x.status == "planned") upcoming.push_back(x);
    if (upcoming.empty()) continue;
    if (!l.series.region.empty()) out.regions.insert(l.series.region);
    for (const auto& x : upcoming) out.months.insert(format_month_key(x.starts_at));
    if (!matches(filter, l.series, upcoming)) continue;
    out.cards.push_back(CalendarCard{l.series, std::move(upcoming), places_of(l, now)});
  }
  std::stable_sort(out.cards.begin(), out.cards.end(), [](const auto& a, const auto& b) {
    return a.upcoming.front().starts_at < b.upcoming.front().starts_at;
  });
  return out;
}

}  // namespace schakel::trainings
