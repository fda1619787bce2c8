#include "digest/settings_service.hpp"

#include <set>

#include "accounts/roles.hpp"
#include "catalog/terms.hpp"
#include "digest/preference_store.hpp"
#include "store/signing_key.hpp"

namespace schakel::digest {

namespace {

constexpr const char* choose_message = "Kies niets, een dagelijks of een wekelijks overzicht.";

}  // namespace

bool kind_has_themes(Kind kind) {
  return kind == Kind::resources || kind == Kind::trainings || kind == Kind::initiatives;
}

std::string kind_field(Kind kind) { return "kind_" + std::string(kind_name(kind)); }

std::string theme_field(Kind kind, const std::string& theme) {
  return "theme_" + std::string(kind_name(kind)) + "_" + theme;
}

Result<std::vector<Preference>> parse_settings(const web::Form& form, Role role,
                                               const std::vector<catalog::Term>& themes) {
  FieldErrors errors;
  std::vector<Preference> rows;
  std::set<std::string> known = {"_csrf", "newsletter"};
  for (Kind kind : digest_kinds()) {
    if (!kind_offered(kind, role)) continue;
    const std::string field = kind_field(kind);
    known.insert(field);
    const auto whole = parse_frequency(form.get(field));
    if (!whole) {
      errors.push_back({field, choose_message});
      continue;
    }
    if (*whole != default_frequency(kind, role)) rows.push_back({kind, "", *whole});
    if (!kind_has_themes(kind)) continue;
    for (const auto& t : themes) {
      const std::string name = theme_field(kind, t.slug);
      known.insert(name);
      const std::string value = form.get(name);
      if (value.empty()) continue;
      const auto f = parse_frequency(value);
      if (!f) {
        errors.push_back({name, "Kies voor " + t.label +
                                    " 'zoals hierboven', niets, een "
                                    "dagelijks of een wekelijks overzicht."});
        continue;
      }
      if (*f != *whole) rows.push_back({kind, t.slug, *f});
    }
  }
  const std::string newsletter = form.get("newsletter");
  if (newsletter == "no")
    rows.push_back({Kind::newsletter, "", Frequency::none});
  else if (newsletter != "yes")
    errors.push_back({"newsletter", "Kies of je de nieuwsbrief wil krijgen."});
  for (const auto& [name, value] : form.fields())
    if (!known.count(name)) {
      errors.push_back({"", "Het formulier bevat een onbekende keuze. Laad de pagina opnieuw."});
      break;
    }
  if (!errors.empty()) return Error{Failure::invalid, errors};
  return rows;
}

Preferences SettingsService::load(std::int64_t user_id, Role role) {
  return db_.run([&](soci::session& sql) { return PreferenceStore::load(sql, user_id, role); });
}

Result<Preferences> SettingsService::save(std::int64_t user_id, Role role, const web::Form& form) {
  auto rows = parse_settings(form, role, catalog::terms(db_, "theme"));
  if (!rows) return rows.error();
  store::RateLimiter limiter(db_, clock_);
  const std::string bucket = "digest-settings:" + std::to_string(user_id);
  if (limiter.wait_seconds(bucket, settings_saves_per_hour) > 0)
    return Error::of(Failure::busy,
                     "Je paste je keuzes te vaak aan. Probeer het over een uur opnieuw.");
  limiter.hit(bucket);
  db_.transact([&](soci::session& sql) {
    PreferenceStore::replace(sql, user_id, rows.value(), clock_.now());
  });
  return Preferences{role, rows.value()};
}

Result<UnsubscribeTarget> SettingsService::check(const std::string& token) {
  const auto target = read_unsubscribe_token(store::signing_key(db_), token, clock_.now());
  const auto invalid =
      Error::invalid("token",
                     "Deze afmeldlink is ongeldig of verlopen. Meld je aan en pas je keuzes aan op "
                     "Mijn profiel, bij Mails van het platform.");
  if (!target) return invalid;
  const bool exists = db_.run([&](soci::session& sql) {
    return accounts::Roles::find_stored(sql, target->user_id, clock_.now()).has_value();
  });
  if (!exists) return invalid;
  return *target;
}

Result<UnsubscribeTarget> SettingsService::unsubscribe(const std::string& token,
                                                       const std::string& client) {
  // Only bad tokens count against the client: a signed token cannot be
  // guessed, and one-click unsubscribes of many people arrive from the few
  // servers of their mail providers.
  auto target = check(token);
  if (!target) {
    store::RateLimiter limiter(db_, clock_);
    const std::string bucket = "unsubscribe:" + client;
    if (limiter.wait_seconds(bucket, unsubscribes_per_client) > 0)
      return Error::of(Failure::busy, "Te veel pogingen. Probeer het over een kwartier opnieuw.");
    limiter.hit(bucket);
    return target;
  }
  const UnsubscribeTarget t = target.value();
  db_.transact([&](soci::session& sql) {
    const std::int64_t now = clock_.now();
    if (!t.all_digests) return PreferenceStore::turn_off(sql, t.user_id, t.kind, now);
    for (Kind kind : digest_kinds()) PreferenceStore::turn_off(sql, t.user_id, kind, now);
  });
  return t;
}

}  // namespace schakel::digest
