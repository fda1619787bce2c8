#pragma once
// The member network: municipalities (with their NIS code) and their membership.
#include <cstdint>
#include <optional>
#include <string>

namespace schakel::network {

struct Municipality {
  std::string nis_code;  // 5-digit REFNIS code after the 2025 mergers, e.g. "44021" (Gent)
  std::string name_nl;
  std::string name_fr;
  std::string region;    // "Vlaanderen", "Wallonie", "Brussel"
  std::string province;  // "" for Brussels
};

struct Member {
  std::int64_t membership_id = 0;
  Municipality municipality;
  std::int64_t member_since = 0;
  std::optional<std::int64_t> member_until;
  bool is_lead = false;
  bool is_demo = false;
};

}  // namespace schakel::network
