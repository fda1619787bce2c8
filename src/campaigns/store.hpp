#pragma once
// All SQL of the postcards campaign. Functions run inside the caller's session
// (a transaction for writes); they check nothing beyond what the schema holds:
// the rules are in service.hpp.
#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "campaigns/types.hpp"

namespace schakel::campaigns {

struct CampaignStore {
  // Postcards, in the order of postcard_themes(); a theme without a row is left out.
  static std::vector<Postcard> postcards(soci::session& sql);
  static std::optional<Postcard> find_postcard(soci::session& sql, const std::string& theme);
  // Inserts or replaces the postcard of `p.theme`.
  static void save_postcard(soci::session& sql, const Postcard& p, bool is_demo, std::int64_t now);

  // The help lines of `nis_code`, first position first.
  static std::vector<HelpLine> help_lines(soci::session& sql, const std::string& nis_code);
  // Replaces the help lines of `nis_code` with `lines` (at most 2).
  static void replace_help_lines(soci::session& sql, const std::string& nis_code,
                                 const std::vector<HelpLine>& lines, bool is_demo);

  // Rounds, the latest start first.
  static std::vector<Round> rounds(soci::session& sql);
  static std::optional<Round> find_round(soci::session& sql, std::int64_t id);
  static std::int64_t insert_round(soci::session& sql, const Round& r, bool is_demo,
                                   std::int64_t now);

  // The distributions of one municipality in one round, in the order entered.
  static std::vector<Distribution> distributions(soci::session& sql, std::int64_t round_id,
                                                 const std::string& nis_code);
  static std::optional<Distribution> find_distribution(soci::session& sql, std::int64_t id);
  static std::int64_t count_distributions(soci::session& sql, std::int64_t round_id,
                                          const std::string& nis_code);
  static std::int64_t insert_distribution(soci::session& sql, const Distribution& d,
                                          std::optional<std::int64_t> user_id, std::int64_t now);
  // Changes theme, place type and cards of distribution `d.id`.
  static void update_distribution(soci::session& sql, const Distribution& d, std::int64_t now);
  static void delete_distribution(soci::session& sql, std::int64_t id);
  // The cards of a round summed per municipality, theme and place type (id 0).
  static std::vector<Distribution> summed_distributions(soci::session& sql, std::int64_t round_id);

  // Counts one scan on `day` (YYYY-MM-DD) for the municipality and theme: one UPSERT.
  static void count_scan(soci::session& sql, const std::string& day, const std::string& nis_code,
                         const std::string& theme, std::int64_t scans = 1, bool is_demo = false);
  // The scans from `first_day` to `last_day` (inclusive) per municipality and theme.
  static std::vector<RoundTotals::Scans> scans_between(soci::session& sql,
                                                       const std::string& first_day,
                                                       const std::string& last_day);

  // Deletes the demo rows (demo --force).
  static void delete_demo(soci::session& sql);
};

}  // namespace schakel::campaigns
