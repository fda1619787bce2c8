#include "catalog/resource_refs.hpp"

#include "catalog/store.hpp"

namespace schakel::catalog {

std::optional<ResourceRef> resource_ref(soci::session& sql, std::int64_t id) {
  auto r = CatalogStore::find(sql, id);
  if (!r) return std::nullopt;
  return ResourceRef{r->id, r->slug, r->title,
                     r->status == "published" && r->visibility == "public"};
}

std::optional<ResourceRef> resource_ref_by_slug(soci::session& sql, const std::string& slug) {
  long long id = 0;
  soci::indicator ind = soci::i_null;
  sql << "SELECT id FROM resources WHERE slug = :s", soci::use(slug), soci::into(id, ind);
  if (!sql.got_data() || ind != soci::i_ok) return std::nullopt;
  return resource_ref(sql, id);
}

}  // namespace schakel::catalog
