#include "digest/newsletter_types.hpp"

#include <utility>

namespace schakel::digest {

namespace {

constexpr std::pair<NewsletterSegment::By, std::string_view> by_names[] = {
    {NewsletterSegment::By::role, "role"},
    {NewsletterSegment::By::municipality, "municipality"},
    {NewsletterSegment::By::municipality_spocs, "municipality_spocs"},
    {NewsletterSegment::By::theme, "theme"},
};

// The roles a newsletter may be sent to by role (admins run the installation,
// not the network).
bool newsletter_role(Role role) {
  return role == Role::professional || role == Role::spoc || role == Role::coordinator;
}

}  // namespace

std::string_view newsletter_status_name(NewsletterStatus status) {
  switch (status) {
    case NewsletterStatus::draft:
      return "draft";
    case NewsletterStatus::sending:
      return "sending";
    case NewsletterStatus::sent:
      return "sent";
  }
  return "draft";
}

std::optional<NewsletterStatus> parse_newsletter_status(std::string_view name) {
  for (auto s : {NewsletterStatus::draft, NewsletterStatus::sending, NewsletterStatus::sent})
    if (newsletter_status_name(s) == name) return s;
  return std::nullopt;
}

std::string NewsletterSegment::key() const {
  for (const auto& [b, name] : by_names)
    if (b == by)
      return std::string(name) + ":" + (by == By::role ? std::string(role_name(role)) : value);
  return {};
}

bool segment_is_network_only(std::string_view key) {
  const auto segment = parse_newsletter_segment(key);
  if (!segment) return true;
  switch (segment->by) {
    case NewsletterSegment::By::role:
      return segment->role != Role::professional;
    case NewsletterSegment::By::municipality_spocs:
      return true;
    case NewsletterSegment::By::municipality:
    case NewsletterSegment::By::theme:
      return false;
  }
  return true;
}

std::optional<NewsletterSegment> parse_newsletter_segment(std::string_view key) {
  const auto colon = key.find(':');
  if (colon == std::string_view::npos || colon + 1 == key.size()) return std::nullopt;
  const std::string_view head = key.substr(0, colon), tail = key.substr(colon + 1);
  for (const auto& [b, name] : by_names) {
    if (name != head) continue;
    NewsletterSegment s;
    s.by = b;
    if (b == NewsletterSegment::By::role) {
      const auto role = parse_role(tail);
      if (!role || !newsletter_role(*role)) return std::nullopt;
      s.role = *role;
    } else {
      s.value = std::string(tail);
    }
    return s;
  }
  return std::nullopt;
}

std::optional<NewsletterSegment> segment_of_choice(std::string_view choice,
                                                   const std::string& municipality,
                                                   const std::string& theme) {
  NewsletterSegment s;
  if (choice == "professionals" || choice == "spocs" || choice == "coordinators") {
    s.by = NewsletterSegment::By::role;
    s.role = choice == "professionals" ? Role::professional
             : choice == "spocs"       ? Role::spoc
                                       : Role::coordinator;
    return s;
  }
  if (choice == "municipality" || choice == "municipality_spocs") {
    if (municipality.empty()) return std::nullopt;
    s.by = choice == "municipality" ? NewsletterSegment::By::municipality
                                    : NewsletterSegment::By::municipality_spocs;
    s.value = municipality;
    return s;
  }
  if (choice == "theme" && !theme.empty()) {
    s.by = NewsletterSegment::By::theme;
    s.value = theme;
    return s;
  }
  return std::nullopt;
}

std::int64_t spread_send_at(std::int64_t start, std::size_t k, std::int64_t per_minute) {
  return start + static_cast<std::int64_t>(k) / per_minute * 60;
}

}  // namespace schakel::digest
