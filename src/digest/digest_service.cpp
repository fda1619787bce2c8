#include "digest/digest_service.hpp"

#include <algorithm>
#include <map>

#include <spdlog/spdlog.h>

#include "accounts/service.hpp"
#include "catalog/terms.hpp"
#include "core/log.hpp"
#include "digest/digest_store.hpp"
#include "digest/preference_store.hpp"
#include "digest/unsubscribe.hpp"
#include "mail/mail.hpp"
#include "store/signing_key.hpp"

namespace schakel::digest {

std::vector<std::string> Digest::keys() const {
  std::vector<std::string> out;
  for (const auto& k : kinds)
    for (const auto& t : k.themes)
      for (const auto& item : t.items) out.push_back(item.key);
  return out;
}

bool may_see(const NewsItem& item, std::int64_t user_id, Role role) {
  if (item.network_only && !role_in_network(role)) return false;
  if (!item.for_users.empty() &&
      std::find(item.for_users.begin(), item.for_users.end(), user_id) == item.for_users.end())
    return false;
  return true;
}

Digest build_digest(const Preferences& prefs, std::int64_t user_id, Frequency frequency,
                    const std::vector<NewsItem>& items, const std::set<std::string>& already_sent,
                    const std::vector<catalog::Term>& themes) {
  // Position of each theme in the catalog's order; unknown themes after them.
  std::map<std::string, std::size_t> position;
  for (std::size_t i = 0; i < themes.size(); ++i) position[themes[i].slug] = i;
  const auto rank = [&](const std::string& theme) {
    if (theme.empty()) return themes.size() + 1;
    auto it = position.find(theme);
    return it == position.end() ? themes.size() : it->second;
  };
  const auto label_of = [&](const std::string& theme) -> std::string {
    if (theme.empty()) return "Algemeen";
    for (const auto& t : themes)
      if (t.slug == theme) return t.label;
    return theme;
  };

  Digest out;
  for (Kind kind : all_kinds()) {
    if (kind == Kind::newsletter) continue;
    const std::string name(kind_name(kind));
    std::vector<std::pair<std::string, const NewsItem*>> placed;  // theme, item
    for (const auto& item : items) {
      if (item.kind != name || already_sent.count(item.key) || !may_see(item, user_id, prefs.role))
        continue;
      if (item.themes.empty()) {
        if (prefs.of(kind) == frequency) placed.emplace_back("", &item);
        continue;
      }
      std::vector<std::string> wanted;
      for (const auto& theme : item.themes)
        if (prefs.of(kind, theme) == frequency) wanted.push_back(theme);
      if (wanted.empty()) continue;
      const auto first = std::min_element(
          wanted.begin(), wanted.end(),
          [&](const std::string& a, const std::string& b) { return rank(a) < rank(b); });
      placed.emplace_back(*first, &item);
    }
    if (placed.empty()) continue;
    std::stable_sort(placed.begin(), placed.end(),
                     [&](const auto& a, const auto& b) { return rank(a.first) < rank(b.first); });
    KindGroup group{kind, {}};
    for (const auto& [theme, item] : placed) {
      if (group.themes.empty() || group.themes.back().theme != theme)
        group.themes.push_back(ThemeGroup{theme, label_of(theme), {}});
      group.themes.back().items.push_back(*item);
    }
    out.kinds.push_back(std::move(group));
  }
  return out;
}

namespace {

// The mail's model: kinds with their themes and items, absolute links.
nlohmann::json mail_model(const App& app, const std::string& name, const Period& period,
                          const Digest& digest, const std::string& unsubscribe_link) {
  const std::string base = app.base_url();
  nlohmann::json kinds = nlohmann::json::array();
  std::size_t count = 0;
  for (const auto& k : digest.kinds) {
    nlohmann::json themes = nlohmann::json::array();
    for (const auto& t : k.themes) {
      nlohmann::json items = nlohmann::json::array();
      for (const auto& item : t.items) {
        items.push_back({{"title", item.title},
                         {"summary", item.summary},
                         {"has_summary", !item.summary.empty()},
                         {"url", item.href.rfind("/", 0) == 0 ? base + item.href : item.href}});
        ++count;
      }
      themes.push_back({{"label", t.label}, {"items", items}});
    }
    kinds.push_back({{"label", std::string(kind_label(k.kind))}, {"themes", themes}});
  }
  const bool daily = period.frequency == Frequency::daily;
  return {{"name", name},
          {"daily", daily},
          {"period_label", period.label},
          {"count", count},
          {"one", count == 1},
          {"kinds", kinds},
          {"unsubscribe_link", unsubscribe_link},
          {"settings_link", base + "/profiel/meldingen"}};
}

// Thrown inside a person's transaction when, once claimed, nothing is left to
// send: rolls the claim back.
struct NothingToSend {};

}  // namespace

int DigestRunner::run() {
  const std::int64_t now = app_.clock().now();
  return run_period(last_completed(Frequency::daily, now)) +
         run_period(last_completed(Frequency::weekly, now));
}

int DigestRunner::run_period(const Period& period) {
  store::Database& db = app_.db();
  const Clock& clock = app_.clock();
  const auto themes = catalog::terms(db, "theme");
  const std::string key = store::signing_key(db);
  std::vector<NewsItem> items;
  std::map<std::int64_t, std::vector<Preference>> rows;
  db.run([&](soci::session& sql) {
    for (const auto& source : app_.news_sources()) {
      auto found = source.items(sql, period.from, period.until);
      items.insert(items.end(), std::make_move_iterator(found.begin()),
                   std::make_move_iterator(found.end()));
    }
    rows = PreferenceStore::all_rows(sql);
  });
  std::stable_sort(items.begin(), items.end(),
                   [](const NewsItem& a, const NewsItem& b) { return a.at < b.at; });
  if (items.empty()) return 0;

  int queued = 0;
  for (const auto& user : accounts::AccountService(db, clock).all_users()) {
    if (user.status != "active") continue;
    Preferences prefs;
    prefs.role = user.role;
    if (auto it = rows.find(user.id); it != rows.end()) prefs.rows = it->second;
    // A quick look first: most people need no transaction at all.
    const Digest preview = db.run([&](soci::session& sql) {
      if (DigestStore::sent(sql, user.id, period.key)) return Digest{};
      return build_digest(prefs, user.id, period.frequency, items,
                          DigestStore::sent_keys(sql, user.id), themes);
    });
    if (preview.empty()) continue;
    bool sent = false;
    try {
      db.transact([&](soci::session& sql) {
        const std::int64_t now = clock.now();
        if (!DigestStore::claim(sql, user.id, period.key, now)) return;
        // Read again under the claim: another period's digest may have sent some.
        const Digest digest = build_digest(prefs, user.id, period.frequency, items,
                                           DigestStore::sent_keys(sql, user.id), themes);
        if (digest.empty()) throw NothingToSend{};
        const std::string link =
            unsubscribe_url(app_.base_url(), digests_unsubscribe_token(key, user.id, now));
        mail::Mail m = app_.compose_mail(user.email, "digest/mail_digest",
                                         mail_model(app_, user.display_name, period, digest, link));
        m.headers = unsubscribe_headers(link);
        const std::string message_id = mail::enqueue(sql, m, now);
        DigestStore::record(sql, user.id, period.key, digest.keys(), message_id, now);
        sent = true;
      });
    } catch (const NothingToSend&) {
      continue;
    }
    if (!sent) continue;
    ++queued;
    if (after_send) after_send(user.id);
  }
  if (queued > 0) log::app()->info("digest {}: {} mails queued", period.key, queued);
  return queued;
}

}  // namespace schakel::digest
