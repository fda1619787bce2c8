#include "citizens/help_page_service.hpp"

#include <algorithm>

#include "citizens/help_page_store.hpp"
#include "core/text.hpp"
#include "store/rate_limits.hpp"

namespace schakel::citizens {

namespace {

constexpr std::size_t max_title = 120;
constexpr std::size_t max_summary = 400;
constexpr std::size_t max_section = 12000;
// New pages are rare: a coordinator writes a few; more than this is a script or a loop.
const store::RateRule new_pages_per_hour{20, 3600};

bool well_formed_slug(const std::string& slug) {
  if (slug.empty() || slug.size() > 60 || slug.front() == '-' || slug.back() == '-') return false;
  return std::all_of(slug.begin(), slug.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  });
}

}  // namespace

const std::vector<std::string>& reserved_help_slugs() {
  static const std::vector<std::string> list = {"1712", "in-de-buurt", "dichtbij", "nieuw"};
  return list;
}

FieldErrors validate_help_page(const HelpPage& page) {
  FieldErrors errors;
  if (trim(page.title).empty())
    errors.push_back({"title", "Geef de pagina een titel."});
  else if (page.title.size() > max_title)
    errors.push_back({"title", "De titel is te lang (hoogstens 120 tekens)."});
  if (trim(page.summary).empty())
    errors.push_back({"summary", "Schrijf in een of twee zinnen waar de pagina over gaat."});
  else if (page.summary.size() > max_summary)
    errors.push_back({"summary", "De korte inleiding is te lang (hoogstens 400 tekens)."});
  for (const auto& s : help_sections()) {
    const std::string& text = page.*(s.text);
    if (trim(text).empty())
      errors.push_back({s.field, std::string("Vul het deel \"") + s.heading + "\" in."});
    else if (text.size() > max_section)
      errors.push_back({s.field, std::string("Het deel \"") + s.heading +
                                     "\" is te lang (hoogstens 12.000 tekens)."});
  }
  return errors;
}

Result<HelpPage> HelpPageService::save(const web::Principal& actor, const std::string& slug,
                                       HelpPage changes) {
  if (actor.role != Role::coordinator) return Error::of(Failure::forbidden);
  return db_.transact([&](soci::session& sql) -> Result<HelpPage> {
    auto current = HelpPageStore::find_by_slug(sql, slug);
    if (!current) return Error::of(Failure::not_found);
    auto errors = validate_help_page(changes);
    if (!errors.empty()) return Error{Failure::invalid, errors};
    HelpPage next = *current;
    apply_snapshot(next, snapshot_of(changes));
    next.updated_by = actor.id;
    const std::int64_t now = clock_.now();
    HelpPageStore::update(sql, next, now);
    revisions::RevisionStore::add(sql, help_page_revision_kind, next.id, snapshot_of(next),
                                  actor.id, actor.name, now);
    return *HelpPageStore::find(sql, next.id);
  });
}

Result<HelpPage> HelpPageService::add(const web::Principal& actor, const HelpPage& page) {
  if (actor.role != Role::coordinator) return Error::of(Failure::forbidden);
  store::RateLimiter limiter(db_, clock_);
  const auto slot =
      limiter.reserve("help_pages:new:" + std::to_string(actor.id), new_pages_per_hour);
  if (slot.wait > 0)
    return Error::of(Failure::busy,
                     "Je maakte dit uur al veel nieuwe pagina's. Probeer opnieuw over " +
                         std::to_string((slot.wait + 59) / 60) + " minuten.");
  auto created = db_.transact([&](soci::session& sql) -> Result<HelpPage> {
    auto id = create(sql, page, actor.id, actor.name, clock_.now());
    if (!id) return id.error();
    return *HelpPageStore::find(sql, id.value());
  });
  if (!created) limiter.release(slot.id);  // a refused form does not count
  return created;
}

Result<HelpPage> HelpPageService::restore(const web::Principal& actor, const std::string& slug,
                                          int number) {
  if (actor.role != Role::coordinator) return Error::of(Failure::forbidden);
  auto current =
      db_.run([&](soci::session& sql) { return HelpPageStore::find_by_slug(sql, slug); });
  if (!current) return Error::of(Failure::not_found);
  auto revision = revisions::RevisionStore(db_).find(help_page_revision_kind, current->id, number);
  if (!revision) return Error::of(Failure::not_found, "Deze versie bestaat niet.");
  HelpPage restored = *current;
  apply_snapshot(restored, revision->snapshot);
  return save(actor, slug, restored);
}

std::vector<revisions::Revision> HelpPageService::history(const std::string& slug) {
  auto page = db_.run([&](soci::session& sql) { return HelpPageStore::find_by_slug(sql, slug); });
  if (!page) return {};
  return revisions::RevisionStore(db_).list(help_page_revision_kind, page->id);
}

Result<std::int64_t> HelpPageService::create(soci::session& sql, const HelpPage& page,
                                             std::optional<std::int64_t> author_id,
                                             const std::string& author_label, std::int64_t now) {
  if (!well_formed_slug(page.slug))
    return Error::invalid("slug",
                          "Gebruik voor het adres alleen kleine letters, cijfers en "
                          "streepjes.");
  const auto& reserved = reserved_help_slugs();
  if (std::find(reserved.begin(), reserved.end(), page.slug) != reserved.end())
    return Error::invalid("slug", "Dit adres is al voor iets anders in gebruik.");
  if (HelpPageStore::find_by_slug(sql, page.slug))
    return Error::invalid("slug", "Er is al een pagina met dit adres.");
  auto errors = validate_help_page(page);
  if (!errors.empty()) return Error{Failure::invalid, errors};
  const auto id = HelpPageStore::insert(sql, page, now);
  revisions::RevisionStore::add(sql, help_page_revision_kind, id, snapshot_of(page), author_id,
                                author_label, now);
  return id;
}

}  // namespace schakel::citizens
