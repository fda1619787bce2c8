#include "citizens/helpline_types.hpp"

namespace schakel::citizens {

namespace {
struct KindNames {
  ChannelKind kind;
  std::string_view key;
  std::string_view label;
};
constexpr KindNames kinds[] = {{ChannelKind::phone, "phone", "Telefoon"},
                               {ChannelKind::chat, "chat", "Chat"},
                               {ChannelKind::email, "email", "E-mail"}};
}  // namespace

std::string_view kind_key(ChannelKind kind) {
  for (const auto& k : kinds)
    if (k.kind == kind) return k.key;
  return "phone";
}

std::optional<ChannelKind> kind_from_key(std::string_view key) {
  for (const auto& k : kinds)
    if (k.key == key) return k.kind;
  return std::nullopt;
}

std::string_view kind_label(ChannelKind kind) {
  for (const auto& k : kinds)
    if (k.kind == kind) return k.label;
  return "Telefoon";
}

}  // namespace schakel::citizens
