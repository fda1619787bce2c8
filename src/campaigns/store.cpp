#include "campaigns/store.hpp"

#include "store/row.hpp"

namespace schakel::campaigns {

using store::int64_at;
using store::string_at;

std::vector<Postcard> CampaignStore::postcards(soci::session& sql) {
  std::vector<Postcard> out;
  for (const auto& theme : postcard_themes())
    if (auto p = find_postcard(sql, theme.value)) out.push_back(*p);
  return out;
}

std::optional<Postcard> CampaignStore::find_postcard(soci::session& sql, const std::string& theme) {
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT theme, title, tips, call_to_action, updated_at FROM postcards "
                      "WHERE theme = :t",
       soci::use(theme));
  for (const auto& r : rows)
    return Postcard{string_at(r, 0), string_at(r, 1), string_at(r, 2), string_at(r, 3),
                    int64_at(r, 4)};
  return std::nullopt;
}

void CampaignStore::save_postcard(soci::session& sql, const Postcard& p, bool is_demo,
                                  std::int64_t now) {
  const long long at = now;
  const int demo = is_demo ? 1 : 0;
  sql << "INSERT INTO postcards (theme, title, tips, call_to_action, is_demo, updated_at) "
         "VALUES (:theme, :title, :tips, :call, :demo, :at) ON CONFLICT (theme) DO UPDATE SET "
         "title = excluded.title, tips = excluded.tips, call_to_action = excluded.call_to_action, "
         "is_demo = excluded.is_demo, updated_at = excluded.updated_at",
      soci::use(p.theme), soci::use(p.title), soci::use(p.tips), soci::use(p.call_to_action),
      soci::use(demo), soci::use(at);
}

std::vector<HelpLine> CampaignStore::help_lines(soci::session& sql, const std::string& nis_code) {
  std::vector<HelpLine> out;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT label, phone FROM postcard_help_lines WHERE nis_code = :n "
                      "ORDER BY position",
       soci::use(nis_code));
  for (const auto& r : rows) out.push_back({string_at(r, 0), string_at(r, 1)});
  return out;
}

void CampaignStore::replace_help_lines(soci::session& sql, const std::string& nis_code,
                                       const std::vector<HelpLine>& lines, bool is_demo) {
  sql << "DELETE FROM postcard_help_lines WHERE nis_code = :n", soci::use(nis_code);
  int position = 0;
  const int demo = is_demo ? 1 : 0;
  for (const auto& line : lines) {
    ++position;
    sql << "INSERT INTO postcard_help_lines (nis_code, position, label, phone, is_demo) "
           "VALUES (:n, :p, :l, :ph, :d)",
        soci::use(nis_code), soci::use(position), soci::use(line.label), soci::use(line.phone),
        soci::use(demo);
  }
}

namespace {

Round round_from(const soci::row& r) {
  return Round{int64_at(r, 0), string_at(r, 1), string_at(r, 2), string_at(r, 3)};
}

Distribution distribution_from(const soci::row& r) {
  return Distribution{int64_at(r, 0),  int64_at(r, 1),  string_at(r, 2),
                      string_at(r, 3), string_at(r, 4), int64_at(r, 5)};
}

}  // namespace

std::vector<Round> CampaignStore::rounds(soci::session& sql) {
  std::vector<Round> out;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT id, name, starts_on, ends_on FROM distribution_rounds "
                      "ORDER BY starts_on DESC, id DESC");
  for (const auto& r : rows) out.push_back(round_from(r));
  return out;
}

std::optional<Round> CampaignStore::find_round(soci::session& sql, std::int64_t id) {
  const long long key = id;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT id, name, starts_on, ends_on FROM distribution_rounds WHERE id = :id",
       soci::use(key));
  for (const auto& r : rows) return round_from(r);
  return std::nullopt;
}

std::int64_t CampaignStore::insert_round(soci::session& sql, const Round& r, bool is_demo,
                                         std::int64_t now) {
  long long id = 0;
  const long long at = now;
  const int demo = is_demo ? 1 : 0;
  sql << "INSERT INTO distribution_rounds (name, starts_on, ends_on, is_demo, created_at) "
         "VALUES (:name, :s, :e, :d, :at) RETURNING id",
      soci::use(r.name), soci::use(r.starts_on), soci::use(r.ends_on), soci::use(demo),
      soci::use(at), soci::into(id);
  return id;
}

std::vector<Distribution> CampaignStore::distributions(soci::session& sql, std::int64_t round_id,
                                                       const std::string& nis_code) {
  std::vector<Distribution> out;
  const long long round = round_id;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT id, round_id, nis_code, theme, place_type, cards FROM distributions "
                      "WHERE round_id = :r AND nis_code = :n ORDER BY id",
       soci::use(round), soci::use(nis_code));
  for (const auto& r : rows) out.push_back(distribution_from(r));
  return out;
}

std::optional<Distribution> CampaignStore::find_distribution(soci::session& sql, std::int64_t id) {
  const long long key = id;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT id, round_id, nis_code, theme, place_type, cards FROM distributions "
                      "WHERE id = :id",
       soci::use(key));
  for (const auto& r : rows) return distribution_from(r);
  return std::nullopt;
}

std::int64_t CampaignStore::count_distributions(soci::session& sql, std::int64_t round_id,
                                                const std::string& nis_code) {
  long long n = 0;
  const long long round = round_id;
  sql << "SELECT COUNT(*) FROM distributions WHERE round_id = :r AND nis_code = :n",
      soci::use(round), soci::use(nis_code), soci::into(n);
  return n;
}

std::int64_t CampaignStore::insert_distribution(soci::session& sql, const Distribution& d,
                                                std::optional<std::int64_t> user_id,
                                                std::int64_t now) {
  long long id = 0;
  const long long round = d.round_id, cards = d.cards, at = now;
  long long user = user_id.value_or(0);
  soci::indicator user_ind = user_id ? soci::i_ok : soci::i_null;
  sql << "INSERT INTO distributions (round_id, nis_code, theme, place_type, cards, created_by, "
         "created_at, updated_at) VALUES (:r, :n, :t, :p, :c, :u, :at, :at2) RETURNING id",
      soci::use(round), soci::use(d.nis_code), soci::use(d.theme), soci::use(d.place_type),
      soci::use(cards), soci::use(user, user_ind), soci::use(at), soci::use(at), soci::into(id);
  return id;
}

void CampaignStore::update_distribution(soci::session& sql, const Distribution& d,
                                        std::int64_t now) {
  const long long id = d.id, cards = d.cards, at = now;
  sql << "UPDATE distributions SET theme = :t, place_type = :p, cards = :c, updated_at = :at "
         "WHERE id = :id",
      soci::use(d.theme), soci::use(d.place_type), soci::use(cards), soci::use(at), soci::use(id);
}

void CampaignStore::delete_distribution(soci::session& sql, std::int64_t id) {
  const long long key = id;
  sql << "DELETE FROM distributions WHERE id = :id", soci::use(key);
}

std::vector<Distribution> CampaignStore::summed_distributions(soci::session& sql,
                                                              std::int64_t round_id) {
  std::vector<Distribution> out;
  const long long round = round_id;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT 0, round_id, nis_code, theme, place_type, "
                      "CAST(SUM(cards) AS BIGINT) FROM distributions WHERE round_id = :r "
                      "GROUP BY round_id, nis_code, theme, place_type "
                      "ORDER BY nis_code, theme, place_type",
       soci::use(round));
  for (const auto& r : rows) out.push_back(distribution_from(r));
  return out;
}

void CampaignStore::count_scan(soci::session& sql, const std::string& day,
                               const std::string& nis_code, const std::string& theme,
                               std::int64_t scans, bool is_demo) {
  const long long n = scans;
  const int demo = is_demo ? 1 : 0;
  sql << "INSERT INTO postcard_scans (day, nis_code, theme, scans, is_demo) "
         "VALUES (:d, :n, :t, :s, :demo) ON CONFLICT (day, nis_code, theme) "
         "DO UPDATE SET scans = postcard_scans.scans + excluded.scans",
      soci::use(day), soci::use(nis_code), soci::use(theme), soci::use(n), soci::use(demo);
}

std::vector<RoundTotals::Scans> CampaignStore::scans_between(soci::session& sql,
                                                             const std::string& first_day,
                                                             const std::string& last_day) {
  std::vector<RoundTotals::Scans> out;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT nis_code, theme, CAST(SUM(scans) AS BIGINT) FROM postcard_scans "
                      "WHERE day >= :a AND day <= :b GROUP BY nis_code, theme "
                      "ORDER BY nis_code, theme",
       soci::use(first_day), soci::use(last_day));
  for (const auto& r : rows) out.push_back({string_at(r, 0), string_at(r, 1), int64_at(r, 2)});
  return out;
}

void CampaignStore::delete_demo(soci::session& sql) {
  sql << "DELETE FROM postcard_scans WHERE is_demo = 1";
  sql << "DELETE FROM distribution_rounds WHERE is_demo = 1";
  sql << "DELETE FROM postcard_help_lines WHERE is_demo = 1";
  sql << "DELETE FROM postcards WHERE is_demo = 1";
}

}  // namespace schakel::campaigns
