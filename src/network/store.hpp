#pragma once
// SQL of the network feature.
#include <optional>
#include <string>
#include <vector>

#include "network/types.hpp"
#include "store/database.hpp"

namespace schakel::network {

// The one definition of "a member municipality at a moment", owned by the network
// (Member::is_current says the same in C++): the membership started on or before
// the moment and has not ended by then. Returns an SQL condition on the memberships
// row aliased `alias`, with two placeholders that both take the moment, in order:
//   "... WHERE " + current_membership_sql("m"), soci::use(at), soci::use(at)
// Only network's store uses it; other features ask NetworkStore.
std::string current_membership_sql(const std::string& alias);

class NetworkStore {
 public:
  explicit NetworkStore(store::Database& db) : db_(db) {}

  // Members on `at` (member_since <= at < member_until), lead first, then by name.
  std::vector<Member> current_members(std::int64_t at);
  // The municipalities that are members on `at`, by name.
  std::vector<Municipality> member_municipalities(std::int64_t at);
  // The municipality with `nis_code`, or nullopt (reference::find_municipality).
  std::optional<Municipality> find_municipality(const std::string& nis_code);

  // Every membership, current and ended, newest first.
  std::vector<Member> all_memberships();
  // The Flemish municipalities, by name (for choosing a new member; from reference/).
  std::vector<Municipality> flemish_municipalities();
  // True when `nis_code` is a member on `at`.
  bool is_member(const std::string& nis_code, std::int64_t at);
  // SPOCs of the municipalities that are members on `at`, by municipality then name.
  std::vector<SpocEntry> spocs(std::int64_t at);
  // The contact text a member municipality publishes to the network ("" when none).
  std::string profile_text(const std::string& nis_code);
  std::vector<Lead> lead_history();
  std::optional<Handover> handover(std::int64_t id);
  std::vector<Handover> open_handovers();

  static void end_membership(soci::session& sql, std::int64_t membership_id, std::int64_t until,
                             std::int64_t now);
  static void set_profile_text(soci::session& sql, const std::string& nis_code,
                               const std::string& text, std::int64_t user_id, std::int64_t now);
  static void open_lead(soci::session& sql, std::optional<std::int64_t> coordinator_id,
                        const std::string& label, const std::string& nis_code, std::int64_t from);
  static void close_open_lead(soci::session& sql, std::int64_t until);
  static void move_lead_flag(soci::session& sql, const std::string& nis_code, std::int64_t now);
  static std::int64_t create_handover(soci::session& sql, std::int64_t from_user,
                                      std::int64_t to_user, const std::string& nis_code,
                                      std::int64_t now);
  static void decide_handover(soci::session& sql, std::int64_t id, const std::string& decision,
                              std::int64_t now);

  // Those of `nis_codes` that are members on `at`, in the given order. Accounts
  // derives a SPOC's municipalities (and so their role) from it: see
  // network::provide_member_filter.
  static std::vector<std::string> members_among(soci::session& sql,
                                                const std::vector<std::string>& nis_codes,
                                                std::int64_t at);
  // The earliest member_since or member_until after `after` among the
  // memberships of `nis_codes`, or none: until then members_among answers the
  // same for them unless a membership is written (each such write raises the
  // session epoch first). See network::provide_member_filter.
  static std::optional<std::int64_t> next_membership_change(
      soci::session& sql, const std::vector<std::string>& nis_codes, std::int64_t after);

  // Deletes the demo memberships (demo --force).
  static void delete_demo(soci::session& sql);
  // Adds a membership inside the caller's transaction; records a change.
  static std::int64_t add_membership(soci::session& sql, const std::string& nis_code,
                                     std::int64_t since, bool is_lead, bool is_demo,
                                     std::int64_t now);

 private:
  store::Database& db_;
};

}  // namespace schakel::network
