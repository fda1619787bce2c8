#include "citizens/help_page_store.hpp"

#include "revisions/revisions.hpp"
#include "store/changes.hpp"
#include "store/row.hpp"

namespace schakel::citizens {

namespace {

const char* const columns =
    "id, slug, theme, position, title, summary, what_is_it, recognise, react, talk, "
    "where_to_go, is_demo, updated_by, created_at, updated_at";

HelpPage page_from(const soci::row& row) {
  HelpPage p;
  p.id = store::int64_at(row, 0);
  p.slug = store::string_at(row, 1);
  p.theme = store::string_at(row, 2);
  p.position = static_cast<int>(store::int64_at(row, 3));
  std::size_t i = 4;
  for (std::string* field :
       {&p.title, &p.summary, &p.what_is_it, &p.recognise, &p.react, &p.talk, &p.where_to_go})
    *field = store::string_at(row, i++);
  p.is_demo = store::bool_at(row, 11);
  p.updated_by = store::optional_int64_at(row, 12);
  p.created_at = store::int64_at(row, 13);
  p.updated_at = store::int64_at(row, 14);
  return p;
}

template <class Value>
std::vector<HelpPage> select(soci::session& sql, const std::string& where, const Value& value) {
  std::vector<HelpPage> out;
  const std::string query =
      std::string("SELECT ") + columns + " FROM help_pages" + where + " ORDER BY position, id";
  if (where.empty()) {
    soci::rowset<soci::row> rows = sql.prepare << query;
    for (const auto& r : rows) out.push_back(page_from(r));
  } else {
    soci::rowset<soci::row> rows = (sql.prepare << query, soci::use(value));
    for (const auto& r : rows) out.push_back(page_from(r));
  }
  return out;
}

}  // namespace

std::vector<HelpPage> HelpPageStore::all() {
  return db_.run([](soci::session& sql) { return all(sql); });
}

std::optional<HelpPage> HelpPageStore::find_by_slug(const std::string& slug) {
  return db_.run([&](soci::session& sql) { return find_by_slug(sql, slug); });
}

std::vector<HelpPage> HelpPageStore::all(soci::session& sql) { return select(sql, "", 0LL); }

std::optional<HelpPage> HelpPageStore::find(soci::session& sql, std::int64_t id) {
  auto found = select(sql, " WHERE id = :v", static_cast<long long>(id));
  if (found.empty()) return std::nullopt;
  return found.front();
}

std::optional<HelpPage> HelpPageStore::find_by_slug(soci::session& sql, const std::string& slug) {
  auto found = select(sql, " WHERE slug = :v", slug);
  if (found.empty()) return std::nullopt;
  return found.front();
}

std::int64_t HelpPageStore::count(soci::session& sql) {
  long long n = 0;
  sql << "SELECT COUNT(*) FROM help_pages", soci::into(n);
  return n;
}

std::int64_t HelpPageStore::insert(soci::session& sql, const HelpPage& p, std::int64_t now) {
  long long id = 0, at = now;
  int demo = p.is_demo ? 1 : 0;
  sql << "INSERT INTO help_pages (slug, theme, position, title, summary, what_is_it, recognise, "
         "react, talk, where_to_go, is_demo, created_at, updated_at) VALUES (:slug, :theme, "
         ":position, :title, :summary, :what, :recognise, :react, :talk, :where_to_go, :demo, "
         ":created, :updated) RETURNING id",
      soci::use(p.slug), soci::use(p.theme), soci::use(p.position), soci::use(p.title),
      soci::use(p.summary), soci::use(p.what_is_it), soci::use(p.recognise), soci::use(p.react),
      soci::use(p.talk), soci::use(p.where_to_go), soci::use(demo), soci::use(at), soci::use(at),
      soci::into(id);
  store::record_change(sql, "help_page", std::to_string(id), "created", now);
  return id;
}

void HelpPageStore::update(soci::session& sql, const HelpPage& p, std::int64_t now) {
  long long id = p.id, at = now, editor = p.updated_by.value_or(0);
  soci::indicator editor_ind = p.updated_by ? soci::i_ok : soci::i_null;
  sql << "UPDATE help_pages SET title = :title, summary = :summary, what_is_it = :what, "
         "recognise = :recognise, react = :react, talk = :talk, where_to_go = :where_to_go, "
         "updated_by = :editor, updated_at = :updated WHERE id = :id",
      soci::use(p.title), soci::use(p.summary), soci::use(p.what_is_it), soci::use(p.recognise),
      soci::use(p.react), soci::use(p.talk), soci::use(p.where_to_go),
      soci::use(editor, editor_ind), soci::use(at), soci::use(id);
  store::record_change(sql, "help_page", std::to_string(p.id), "updated", now);
}

void HelpPageStore::delete_demo(soci::session& sql) {
  soci::rowset<long long> ids = (sql.prepare << "SELECT id FROM help_pages WHERE is_demo = 1");
  std::vector<long long> doomed(ids.begin(), ids.end());
  for (long long id : doomed) {
    revisions::RevisionStore::forget(sql, help_page_revision_kind, id);
    sql << "DELETE FROM help_pages WHERE id = :id", soci::use(id);
  }
}

}  // namespace schakel::citizens
