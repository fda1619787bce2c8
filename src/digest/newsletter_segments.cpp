// Who a newsletter reaches: the segments of the send form and their people,
// read through the accounts, network and catalog features' public headers and
// the stored mail choices.
#include <algorithm>

#include "accounts/service.hpp"
#include "app/app.hpp"
#include "catalog/terms.hpp"
#include "digest/newsletter_service.hpp"
#include "digest/preference_store.hpp"
#include "network/members.hpp"
#include "reference/municipalities.hpp"

namespace schakel::digest {

namespace {

bool contains(const std::vector<std::string>& list, const std::string& value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

// True when `user` belongs to `segment`, with `prefs` their mail choices.
bool in_segment(const accounts::User& user, const Preferences& prefs,
                const NewsletterSegment& segment) {
  using By = NewsletterSegment::By;
  switch (segment.by) {
    case By::role:
      return user.role == segment.role;
    case By::municipality:
      return user.nis_code == segment.value || contains(user.spoc_of, segment.value);
    case By::municipality_spocs:
      return user.role == Role::spoc && contains(user.spoc_of, segment.value);
    case By::theme:
      // Only kinds whose news has themes: meetings have none, so their choice
      // says nothing about a theme.
      for (Kind kind : {Kind::resources, Kind::trainings, Kind::initiatives})
        if (prefs.of(kind, segment.value) != Frequency::none) return true;
      return false;
  }
  return false;
}

}  // namespace

Result<NewsletterSegment> NewsletterService::segment(const std::string& choice,
                                                     const std::string& municipality,
                                                     const std::string& theme) {
  const auto segment = segment_of_choice(choice, municipality, theme);
  if (!segment) {
    if (choice == "municipality" || choice == "municipality_spocs")
      return Error::invalid("municipality", "Kies een gemeente.");
    if (choice == "theme") return Error::invalid("theme", "Kies een thema.");
    return Error::invalid("segment", "Kies naar wie de nieuwsbrief gaat.");
  }
  using By = NewsletterSegment::By;
  if (segment->by == By::municipality || segment->by == By::municipality_spocs) {
    const auto members = network::member_municipalities(app_.db(), app_.clock().now());
    const bool member = std::any_of(members.begin(), members.end(),
                                    [&](const auto& m) { return m.nis_code == municipality; });
    if (!member) return Error::invalid("municipality", "Kies een gemeente van het netwerk.");
  }
  if (segment->by == By::theme) {
    const auto themes = catalog::terms(app_.db(), "theme");
    const bool known =
        std::any_of(themes.begin(), themes.end(), [&](const auto& t) { return t.slug == theme; });
    if (!known) return Error::invalid("theme", "Kies een thema uit de lijst.");
  }
  return *segment;
}

std::vector<NewsletterRecipient> NewsletterService::recipients(const NewsletterSegment& segment) {
  const auto users = accounts::AccountService(app_.db(), app_.clock()).all_users();
  const auto rows =
      app_.db().run([](soci::session& sql) { return PreferenceStore::all_rows(sql); });
  std::vector<NewsletterRecipient> out;
  for (const auto& user : users) {
    if (user.status != "active") continue;
    Preferences prefs{user.role, {}};
    if (auto found = rows.find(user.id); found != rows.end()) prefs.rows = found->second;
    if (prefs.of(Kind::newsletter) == Frequency::none) continue;
    if (!in_segment(user, prefs, segment)) continue;
    out.push_back({user.id, user.email, user.display_name});
  }
  std::sort(out.begin(), out.end(),
            [](const auto& a, const auto& b) { return a.user_id < b.user_id; });
  return out;
}

std::string NewsletterService::describe(const NewsletterSegment& segment) {
  using By = NewsletterSegment::By;
  switch (segment.by) {
    case By::role:
      return segment.role == Role::professional ? "alle professionals"
             : segment.role == Role::spoc       ? "alle SPOC's"
                                                : "alle coördinatoren";
    case By::municipality:
      return "iedereen van " + reference::municipality_name(app_.db(), segment.value);
    case By::municipality_spocs:
      return "de SPOC's van " + reference::municipality_name(app_.db(), segment.value);
    case By::theme: {
      for (const auto& t : catalog::terms(app_.db(), "theme"))
        if (t.slug == segment.value) return "wie nieuws krijgt over " + t.label;
      return "wie nieuws krijgt over " + segment.value;
    }
  }
  return {};
}

}  // namespace schakel::digest
