#pragma once
// Resources as other features refer to them (signals' action outputs): a small
// read-only facade, so no other feature includes catalog/store.hpp.
#include <cstdint>
#include <optional>
#include <string>

#include <soci/soci.h>

namespace schakel::catalog {

// What another feature needs to name and link a resource: /kennisbank/{slug}.
struct ResourceRef {
  std::int64_t id = 0;
  std::string slug;
  std::string title;
  bool is_public = false;  // published and visible to anonymous visitors
};

// The resource with `id`, or nullopt when there is none (any status).
std::optional<ResourceRef> resource_ref(soci::session& sql, std::int64_t id);
// The resource with `slug`, or nullopt.
std::optional<ResourceRef> resource_ref_by_slug(soci::session& sql, const std::string& slug);

}  // namespace schakel::catalog
