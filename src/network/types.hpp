#pragma once
// The member network: municipalities (with their NIS code) and their membership.
#include <cstdint>
#include <optional>
#include <string>

#include "reference/municipalities.hpp"

namespace schakel::network {

using Municipality = reference::Municipality;

struct Member {
  std::int64_t membership_id = 0;
  Municipality municipality;
  std::int64_t member_since = 0;
  std::optional<std::int64_t> member_until;
  bool is_lead = false;
  bool is_demo = false;

  // The one definition of "a member at `at`" in C++: started and not yet ended.
  // network::current_membership_sql says the same in SQL; keep them together.
  bool is_current(std::int64_t at) const {
    return member_since <= at && (!member_until || *member_until > at);
  }
};

struct SpocEntry {
  std::int64_t user_id = 0;
  std::string name;
  std::string email;
  std::string organisation;
  std::string nis_code;
  std::string municipality;
};

struct Lead {
  std::int64_t id = 0;
  std::optional<std::int64_t> coordinator_id;
  std::string coordinator_label;
  std::string nis_code;
  std::string municipality;
  std::int64_t from_at = 0;
  std::optional<std::int64_t> until_at;
};

struct Handover {
  std::int64_t id = 0;
  std::int64_t from_user_id = 0;
  std::string from_name;
  std::int64_t to_user_id = 0;
  std::string to_name;
  std::string to_nis_code;
  std::string to_municipality;
  std::int64_t created_at = 0;
  std::string decision;  // "open", "accepted", "declined", "withdrawn"
};

}  // namespace schakel::network
