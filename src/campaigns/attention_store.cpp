#include "campaigns/attention_store.hpp"

#include "store/row.hpp"

namespace schakel::campaigns::attention_store {

std::vector<RoundReports> followed_rounds(soci::session& sql, const std::string& today,
                                          const std::string& since) {
  std::vector<RoundReports> out;
  {
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT id, name FROM distribution_rounds WHERE starts_on <= :t "
                        "AND ends_on >= :s ORDER BY starts_on, id",
         soci::use(today), soci::use(since));
    for (const auto& r : rows) out.push_back({store::int64_at(r, 0), store::string_at(r, 1), {}});
  }
  for (auto& round : out) {
    long long id = round.id;
    soci::rowset<std::string> codes =
        (sql.prepare << "SELECT DISTINCT nis_code FROM distributions WHERE round_id = :r",
         soci::use(id));
    for (const auto& code : codes) round.reported.insert(code);
  }
  return out;
}

YearFigures year_figures(soci::session& sql, const std::string& first, const std::string& last) {
  YearFigures f;
  long long rounds = 0, cards = 0, municipalities = 0, scans = 0;
  sql << "SELECT COUNT(*) FROM distribution_rounds WHERE starts_on >= :f AND starts_on <= :l",
      soci::use(first), soci::use(last), soci::into(rounds);
  sql << "SELECT CAST(COALESCE(SUM(d.cards), 0) AS BIGINT), COUNT(DISTINCT d.nis_code) FROM "
         "distributions d "
         "JOIN distribution_rounds r ON r.id = d.round_id "
         "WHERE r.starts_on >= :f AND r.starts_on <= :l",
      soci::use(first), soci::use(last), soci::into(cards), soci::into(municipalities);
  sql << "SELECT CAST(COALESCE(SUM(scans), 0) AS BIGINT) FROM postcard_scans WHERE day >= :f AND "
         "day <= :l",
      soci::use(first), soci::use(last), soci::into(scans);
  f.rounds = rounds;
  f.cards = cards;
  f.municipalities = municipalities;
  f.scans = scans;
  return f;
}

}  // namespace schakel::campaigns::attention_store
