// CampaignService: distributions, the figures of a round and scans (the rest
// is in service.cpp).
#include <algorithm>
#include <map>

#include "campaigns/service.hpp"
#include "campaigns/store.hpp"
#include "core/client_key.hpp"
#include "core/random.hpp"
#include "store/rate_limits.hpp"
#include "store/signing_key.hpp"
#include "web/access.hpp"

namespace schakel::campaigns {

namespace {

// Distribution writes per user and hour: a SPOC enters a round's list in one go.
const store::RateRule distribution_writes_per_hour{120, 3600};
// Scans counted per client and hour; more are still answered, not counted.
const store::RateRule scans_per_hour{20, 3600};

// Totals under every key of `keys`, in that order, leaving out keys without any.
std::vector<Total> in_order(const std::map<std::string, std::int64_t>& sums,
                            const std::vector<std::string>& keys) {
  std::vector<Total> out;
  for (const auto& key : keys)
    if (auto it = sums.find(key); it != sums.end()) out.push_back({key, it->second});
  return out;
}

std::vector<std::string> values_of(const std::vector<Choice>& list) {
  std::vector<std::string> out;
  for (const auto& c : list) out.push_back(c.value);
  return out;
}

}  // namespace

std::optional<Error> CampaignService::over_write_limit(const web::Principal& user) {
  store::RateLimiter limiter(db_, clock_);
  const auto slot = limiter.reserve("campaigns:distributions:" + std::to_string(user.id),
                                    distribution_writes_per_hour);
  if (slot.wait <= 0) return std::nullopt;
  return Error::of(Failure::busy,
                   "Je paste de verdeling dit uur al vaak aan. Probeer opnieuw over " +
                       std::to_string((slot.wait + 59) / 60) + " minuten.");
}

Result<std::vector<Distribution>> CampaignService::distributions(
    const std::optional<web::Principal>& user, std::int64_t round_id, const std::string& nis_code) {
  auto r = round(round_id);
  if (!r) return r.error();
  auto m = municipality_for(user, nis_code);
  if (!m) return m.error();
  return db_.run(
      [&](soci::session& sql) { return CampaignStore::distributions(sql, round_id, nis_code); });
}

// The checks every write of a distribution shares: round, municipality, fields.
Result<Distribution> CampaignService::checked(const std::optional<web::Principal>& user,
                                              Distribution d, const std::string& cards_text) {
  auto r = round(d.round_id);
  if (!r) return r.error();
  auto m = municipality_for(user, d.nis_code);
  if (!m) return m.error();
  FieldErrors errors;
  if (!is_choice(postcard_themes(), d.theme)) errors.push_back({"theme", "Kies een thema."});
  if (!is_choice(place_types(), d.place_type))
    errors.push_back({"place_type", "Kies waar de kaarten naartoe gingen."});
  auto cards = parse_cards(cards_text);
  if (!cards) errors.push_back(cards.error().fields.front());
  if (!errors.empty()) return Error{Failure::invalid, errors};
  d.cards = cards.value();
  return d;
}

Result<Distribution> CampaignService::add_distribution(const std::optional<web::Principal>& user,
                                                       Distribution d,
                                                       const std::string& cards_text) {
  auto ok = checked(user, d, cards_text);
  if (!ok) return ok;
  d = ok.value();
  if (auto busy = over_write_limit(*user)) return *busy;
  return db_.transact([&](soci::session& sql) -> Result<Distribution> {
    if (CampaignStore::count_distributions(sql, d.round_id, d.nis_code) >= distributions_max)
      return Error::of(Failure::conflict, "Deze ronde heeft al " +
                                              std::to_string(distributions_max) +
                                              " regels voor je gemeente. Tel regels samen.");
    d.id = CampaignStore::insert_distribution(sql, d, user->id, clock_.now());
    return d;
  });
}

Result<Distribution> CampaignService::correct_distribution(
    const std::optional<web::Principal>& user, Distribution d, const std::string& cards_text) {
  auto ok = checked(user, d, cards_text);
  if (!ok) return ok;
  d = ok.value();
  if (auto busy = over_write_limit(*user)) return *busy;
  return db_.transact([&](soci::session& sql) -> Result<Distribution> {
    auto found = CampaignStore::find_distribution(sql, d.id);
    if (!found || found->round_id != d.round_id || found->nis_code != d.nis_code)
      return Error::of(Failure::not_found, "Deze regel bestaat niet (meer).");
    CampaignStore::update_distribution(sql, d, clock_.now());
    return d;
  });
}

Status CampaignService::delete_distribution(const std::optional<web::Principal>& user,
                                            std::int64_t round_id, const std::string& nis_code,
                                            std::int64_t id) {
  auto r = round(round_id);
  if (!r) return r.error();
  auto m = municipality_for(user, nis_code);
  if (!m) return m.error();
  if (auto busy = over_write_limit(*user)) return *busy;
  return db_.transact([&](soci::session& sql) -> Status {
    auto found = CampaignStore::find_distribution(sql, id);
    if (!found || found->round_id != round_id || found->nis_code != nis_code)
      return Error::of(Failure::not_found, "Deze regel bestaat niet (meer).");
    CampaignStore::delete_distribution(sql, id);
    return ok_status();
  });
}

Result<RoundTotals> CampaignService::totals(std::int64_t round_id) {
  auto r = round(round_id);
  if (!r) return r.error();
  RoundTotals t;
  t.round = r.value();
  db_.run([&](soci::session& sql) {
    t.rows = CampaignStore::summed_distributions(sql, round_id);
    t.scans = CampaignStore::scans_between(sql, t.round.starts_on, t.round.ends_on);
  });
  std::map<std::string, std::int64_t> theme, municipality, place;
  for (const auto& row : t.rows) {
    t.cards += row.cards;
    theme[row.theme] += row.cards;
    municipality[row.nis_code] += row.cards;
    place[row.place_type] += row.cards;
  }
  t.by_theme = in_order(theme, values_of(postcard_themes()));
  t.by_place_type = in_order(place, values_of(place_types()));
  for (const auto& [nis, cards] : municipality) t.by_municipality.push_back({nis, cards});
  for (const auto& s : t.scans) t.scans_total += s.scans;
  return t;
}

Result<ScanTarget> CampaignService::scan_target(const std::string& code) {
  auto target = parse_scan_code(code);
  if (!target || !reference::is_municipality(db_, target->nis_code))
    return Error::of(Failure::not_found, "Deze code kennen we niet.");
  return *target;
}

Result<ScanTarget> CampaignService::scan(const std::string& code, const std::string& ip) {
  auto target = scan_target(code);
  if (!target) return target;
  store::RateLimiter limiter(db_, clock_);
  // The limit counts the client under a keyed hash of its address, so that not even
  // the rate limit's events (purged after a day) hold an address next to a scan.
  const std::string client =
      hmac_sha256_hex(store::signing_key(db_), "postcard-scan:" + client_key(ip));
  if (limiter.reserve("scan:" + client, scans_per_hour).wait > 0) return target;
  const std::string day = format_date_input(clock_.now());
  db_.transact([&](soci::session& sql) {
    CampaignStore::count_scan(sql, day, target.value().nis_code, target.value().theme);
  });
  return target;
}

}  // namespace schakel::campaigns
