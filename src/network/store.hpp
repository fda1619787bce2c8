#pragma once
// SQL of the network feature.
#include <optional>
#include <string>
#include <vector>

#include "network/types.hpp"
#include "store/database.hpp"

namespace schakel::network {

class NetworkStore {
 public:
  explicit NetworkStore(store::Database& db) : db_(db) {}

  // Members on `at` (member_since <= at < member_until), lead first, then by name.
  std::vector<Member> current_members(std::int64_t at);
  // The municipality with `nis_code`, or nullopt.
  std::optional<Municipality> find_municipality(const std::string& nis_code);
  // Municipalities of the postcode, one per distinct NIS code.
  std::vector<Municipality> municipalities_for_postcode(const std::string& postcode);
  // How many municipalities there are in `region` ("Vlaanderen", ...).
  int count_in_region(const std::string& region);

  // Adds a membership inside the caller's transaction; records a change.
  static std::int64_t add_membership(soci::session& sql, const std::string& nis_code,
                                     std::int64_t since, bool is_lead, bool is_demo,
                                     std::int64_t now);

 private:
  store::Database& db_;
};

}  // namespace schakel::network
