#pragma once
// The way to help (issue 12): the channels of 1712, their weekly hours and the
// days the helpline is closed.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "citizens/opening_hours.hpp"

namespace schakel::citizens {

// How a citizen reaches 1712. The set is fixed (1712.be offers these three); the
// coordinator keeps their addresses and hours current.
enum class ChannelKind { phone, chat, email };

// "phone", "chat", "email" (as stored and used in form field names).
std::string_view kind_key(ChannelKind kind);
std::optional<ChannelKind> kind_from_key(std::string_view key);
// "Telefoon", "Chat", "E-mail".
std::string_view kind_label(ChannelKind kind);

struct Channel {
  std::int64_t id = 0;
  ChannelKind kind = ChannelKind::phone;
  // phone: the number as dialled ("1712"); chat and email: an https:// address
  // (email also mailto:).
  std::string address;
  bool offered = true;  // shown to citizens
  WeeklySchedule schedule;
};

// A local date on which every channel with hours is closed.
struct ClosingDay {
  std::int64_t id = 0;
  std::string day;  // YYYY-MM-DD
  std::string name;
  bool is_demo = false;
};

}  // namespace schakel::citizens
