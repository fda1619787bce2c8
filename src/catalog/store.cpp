#include "catalog/store.hpp"

#include <algorithm>
#include <unordered_map>

#include "revisions/revisions.hpp"
#include "store/changes.hpp"
#include "store/prepared.hpp"
#include "store/row.hpp"

namespace schakel::catalog {

namespace {

// Subject kind of resources in the shared revisions table.
const std::string revision_kind = "resource";

const char* const columns =
    "id, slug, kind, title, summary, body, language, rationale, target_group, goals, approach, "
    "conditions, "
    "transferability, cost, training_needed, evidence_level, contact_name, contact_organisation, "
    "scope, "
    "COALESCE(owner_nis_code, ''), visibility, status, created_by, updated_by, created_at, "
    "updated_at, "
    "published_at, image_attachment_id, image_alt, audio_attachment_id, audio_url, duration, "
    "guests_prevention, guests_care, guests_enforcement, policy_level, deadline, running_from, "
    "running_until";

Resource resource_from(const soci::row& row) {
  using namespace store;
  Resource r;
  std::size_t i = 0;
  r.id = int64_at(row, i++);
  for (std::string* field : {&r.slug,
                             &r.kind,
                             &r.title,
                             &r.summary,
                             &r.body,
                             &r.language,
                             &r.rationale,
                             &r.target_group,
                             &r.goals,
                             &r.approach,
                             &r.conditions,
                             &r.transferability,
                             &r.cost,
                             &r.training_needed,
                             &r.evidence_level,
                             &r.contact_name,
                             &r.contact_organisation,
                             &r.scope,
                             &r.owner_nis_code,
                             &r.visibility,
                             &r.status})
    *field = string_at(row, i++);
  r.created_by = optional_int64_at(row, i++);
  r.updated_by = optional_int64_at(row, i++);
  r.created_at = int64_at(row, i++);
  r.updated_at = int64_at(row, i++);
  r.published_at = optional_int64_at(row, i++);
  r.image_attachment_id = optional_int64_at(row, i++);
  r.image_alt = string_at(row, i++);
  r.audio_attachment_id = optional_int64_at(row, i++);
  for (std::string* field :
       {&r.audio_url, &r.duration, &r.guests_prevention, &r.guests_care, &r.guests_enforcement,
        &r.policy_level, &r.deadline, &r.running_from, &r.running_until})
    *field = string_at(row, i++);
  return r;
}

// Read for every resource page: each statement prepared once per connection.
void load_terms(soci::session& sql, Resource& r) {
  long long id = r.id;
  std::string vocabulary, slug;
  {
    store::CachedStatement q(
        sql,
        "SELECT t.vocabulary, t.slug FROM resource_terms rt JOIN vocabulary_terms t "
        "ON t.id = rt.term_id WHERE rt.resource_id = :id ORDER BY t.vocabulary, t.position");
    (q, soci::use(id), soci::into(vocabulary), soci::into(slug));
    for (bool row = q.execute(); row; row = q.fetch()) {
      if (vocabulary == "theme") r.themes.push_back(slug);
      if (vocabulary == "audience") r.audiences.push_back(slug);
      if (vocabulary == "age_group") r.age_groups.push_back(slug);
      if (vocabulary == "policy_domain") r.policy_domains.push_back(slug);
    }
  }
  {
    std::string track;
    store::CachedStatement q(
        sql, "SELECT track FROM resource_tracks WHERE resource_id = :id ORDER BY track");
    (q, soci::use(id), soci::into(track));
    for (bool row = q.execute(); row; row = q.fetch()) r.tracks.push_back(track);
  }
  std::string label, url;
  store::CachedStatement q(
      sql, "SELECT label, url FROM resource_links WHERE resource_id = :id ORDER BY position, id");
  (q, soci::use(id), soci::into(label), soci::into(url));
  for (bool row = q.execute(); row; row = q.fetch()) r.links.push_back({label, url});
}

}  // namespace

std::optional<Resource> CatalogStore::find(soci::session& sql, std::int64_t id) {
  std::optional<Resource> out;
  long long key = id;
  static const std::string by_id =
      std::string("SELECT ") + columns + " FROM resources WHERE id = :id";
  soci::row row;
  if (store::query_one(sql, by_id, soci::use(key), soci::into(row))) out = resource_from(row);
  if (out) load_terms(sql, *out);
  return out;
}

std::vector<Resource> CatalogStore::published_batch(soci::session& sql, std::int64_t after_id,
                                                    int limit) {
  std::vector<Resource> out;
  long long after = after_id;
  {
    soci::rowset<soci::row> rows =
        (sql.prepare << std::string("SELECT ") + columns +
                            " FROM resources WHERE status = 'published' AND id > :a "
                            "ORDER BY id LIMIT :l",
         soci::use(after), soci::use(limit));
    for (const auto& row : rows) out.push_back(resource_from(row));
  }
  if (out.empty()) return out;
  long long last = out.back().id;
  // Terms and tracks of the whole batch in two queries, matched by id.
  std::unordered_map<std::int64_t, Resource*> by_id;
  for (auto& r : out) by_id[r.id] = &r;
  soci::rowset<soci::row> terms =
      (sql.prepare << "SELECT rt.resource_id, t.vocabulary, t.slug FROM resource_terms rt "
                      "JOIN vocabulary_terms t ON t.id = rt.term_id "
                      "WHERE rt.resource_id > :a AND rt.resource_id <= :b "
                      "ORDER BY rt.resource_id, t.vocabulary, t.position",
       soci::use(after), soci::use(last));
  for (const auto& row : terms) {
    auto it = by_id.find(store::int64_at(row, 0));
    if (it == by_id.end()) continue;
    const std::string vocabulary = store::string_at(row, 1), slug = store::string_at(row, 2);
    if (vocabulary == "theme") it->second->themes.push_back(slug);
    if (vocabulary == "audience") it->second->audiences.push_back(slug);
    if (vocabulary == "age_group") it->second->age_groups.push_back(slug);
    if (vocabulary == "policy_domain") it->second->policy_domains.push_back(slug);
  }
  soci::rowset<soci::row> tracks =
      (sql.prepare << "SELECT resource_id, track FROM resource_tracks "
                      "WHERE resource_id > :a AND resource_id <= :b ORDER BY resource_id, track",
       soci::use(after), soci::use(last));
  for (const auto& row : tracks) {
    auto it = by_id.find(store::int64_at(row, 0));
    if (it != by_id.end()) it->second->tracks.push_back(store::string_at(row, 1));
  }
  return out;
}

void CatalogStore::delete_demo(soci::session& sql) {
  // Revisions do not cascade from resources (they live in the shared layer).
  soci::rowset<long long> ids = (sql.prepare << "SELECT id FROM resources WHERE created_by IN "
                                                "(SELECT id FROM users WHERE is_demo = 1)");
  std::vector<long long> doomed(ids.begin(), ids.end());
  for (long long id : doomed) revisions::RevisionStore::forget(sql, revision_kind, id);
  sql << "DELETE FROM resources WHERE created_by IN (SELECT id FROM users WHERE is_demo = 1)";
}

std::int64_t CatalogStore::count_published(soci::session& sql) {
  long long n = 0;
  sql << "SELECT COUNT(*) FROM resources WHERE status = 'published'", soci::into(n);
  return n;
}

std::optional<Resource> CatalogStore::find(std::int64_t id) {
  return db_.run([&](soci::session& sql) { return find(sql, id); });
}

std::vector<Resource> CatalogStore::published(const std::vector<std::string>& visibilities,
                                              int limit) {
  std::vector<Resource> out;
  // Three fixed parameters (unused ones hold a value no row has), so the SQL text never varies.
  std::string v[3] = {"-", "-", "-"};
  for (std::size_t i = 0; i < visibilities.size() && i < 3; ++i) v[i] = visibilities[i];
  db_.run([&](soci::session& sql) {
    soci::rowset<soci::row> rows =
        (sql.prepare
             << std::string("SELECT ") + columns +
                    " FROM resources WHERE status = 'published' AND visibility IN (:v1, :v2, :v3) "
                    "ORDER BY published_at DESC, id DESC LIMIT :l",
         soci::use(v[0]), soci::use(v[1]), soci::use(v[2]), soci::use(limit));
    for (const auto& r : rows) out.push_back(resource_from(r));  // one query: lists show no terms
  });
  return out;
}

std::vector<Resource> CatalogStore::public_episodes(int limit) {
  std::vector<Resource> out;
  db_.run([&](soci::session& sql) {
    soci::rowset<soci::row> rows =
        (sql.prepare << std::string("SELECT ") + columns +
                            " FROM resources WHERE kind = 'podcast_episode' AND status = "
                            "'published' AND visibility = 'public' "
                            "ORDER BY published_at DESC, id DESC LIMIT :l",
         soci::use(limit));
    for (const auto& r : rows) out.push_back(resource_from(r));
  });
  return out;
}

std::vector<Resource> CatalogStore::public_feed(const std::string& theme, int limit) {
  std::vector<Resource> out;
  // Two fixed SQL texts: with and without the theme condition.
  const std::string where =
      " FROM resources WHERE status = 'published' AND visibility = 'public'" +
      std::string(theme.empty() ? ""
                                : " AND id IN (SELECT rt.resource_id FROM resource_terms rt JOIN "
                                  "vocabulary_terms t ON t.id = rt.term_id "
                                  "WHERE t.vocabulary = 'theme' AND t.slug = :theme)");
  const std::string order = " ORDER BY COALESCE(published_at, updated_at) DESC, id DESC LIMIT :l";
  db_.run([&](soci::session& sql) {
    const std::string query = std::string("SELECT ") + columns + where + order;
    if (theme.empty()) {
      soci::rowset<soci::row> rows = (sql.prepare << query, soci::use(limit));
      for (const auto& r : rows) out.push_back(resource_from(r));
    } else {
      soci::rowset<soci::row> rows = (sql.prepare << query, soci::use(theme), soci::use(limit));
      for (const auto& r : rows) out.push_back(resource_from(r));
    }
    if (out.empty()) return;
    // The themes of every entry in one query.
    std::unordered_map<std::int64_t, Resource*> by_id;
    for (auto& r : out) by_id[r.id] = &r;
    long long low = out.front().id, high = out.front().id;
    for (const auto& r : out) {
      low = std::min<long long>(low, r.id);
      high = std::max<long long>(high, r.id);
    }
    soci::rowset<soci::row> terms =
        (sql.prepare << "SELECT rt.resource_id, t.slug FROM resource_terms rt "
                        "JOIN vocabulary_terms t ON t.id = rt.term_id "
                        "WHERE t.vocabulary = 'theme' AND rt.resource_id >= :a "
                        "AND rt.resource_id <= :b ORDER BY rt.resource_id, t.position",
         soci::use(low), soci::use(high));
    for (const auto& row : terms) {
      auto it = by_id.find(store::int64_at(row, 0));
      if (it != by_id.end()) it->second->themes.push_back(store::string_at(row, 1));
    }
  });
  return out;
}

std::vector<Resource> CatalogStore::in_review(int limit) {
  std::vector<Resource> out;
  db_.run([&](soci::session& sql) {
    soci::rowset<soci::row> rows =
        (sql.prepare
             << std::string("SELECT ") + columns +
                    " FROM resources WHERE status = 'in_review' ORDER BY updated_at DESC LIMIT :l",
         soci::use(limit));
    for (const auto& r : rows) out.push_back(resource_from(r));
  });
  return out;
}

std::optional<Resource> CatalogStore::find_by_slug(const std::string& slug) {
  return db_.run([&](soci::session& sql) -> std::optional<Resource> {
    long long id = 0;
    if (!store::query_one(sql, "SELECT id FROM resources WHERE slug = :s", soci::use(slug),
                          soci::into(id)))
      return std::nullopt;
    return find(sql, id);
  });
}

std::vector<Term> CatalogStore::terms(const std::string& vocabulary) {
  std::vector<Term> out;
  db_.run([&](soci::session& sql) {
    soci::rowset<soci::row> rows =
        (sql.prepare
             << "SELECT id, vocabulary, slug, label FROM vocabulary_terms WHERE vocabulary = :v "
                "ORDER BY position, label",
         soci::use(vocabulary));
    for (const auto& r : rows)
      out.push_back(Term{store::int64_at(r, 0), store::string_at(r, 1), store::string_at(r, 2),
                         store::string_at(r, 3)});
  });
  return out;
}

std::vector<Revision> CatalogStore::revisions(std::int64_t resource_id) {
  return revisions::RevisionStore(db_).list(revision_kind, resource_id);
}

std::optional<Revision> CatalogStore::revision(std::int64_t resource_id, int number) {
  return revisions::RevisionStore(db_).find(revision_kind, resource_id, number);
}

bool CatalogStore::slug_free(soci::session& sql, const std::string& slug, std::int64_t except_id) {
  int count = 0;
  long long except = except_id;
  sql << "SELECT COUNT(*) FROM resources WHERE slug = :s AND id <> :e", soci::use(slug),
      soci::use(except), soci::into(count);
  return count == 0;
}

void CatalogStore::write_media(soci::session& sql, const Resource& r) {
  long long id = r.id;
  long long image = r.image_attachment_id.value_or(0), audio = r.audio_attachment_id.value_or(0);
  soci::indicator image_ind = r.image_attachment_id ? soci::i_ok : soci::i_null;
  soci::indicator audio_ind = r.audio_attachment_id ? soci::i_ok : soci::i_null;
  sql << "UPDATE resources SET image_attachment_id = :i, image_alt = :alt, audio_attachment_id = "
         ":a, audio_url = :url, duration = :d, guests_prevention = :gp, guests_care = :gc, "
         "guests_enforcement = :ge WHERE id = :id",
      soci::use(image, image_ind), soci::use(r.image_alt), soci::use(audio, audio_ind),
      soci::use(r.audio_url), soci::use(r.duration), soci::use(r.guests_prevention),
      soci::use(r.guests_care), soci::use(r.guests_enforcement), soci::use(id);
  sql << "UPDATE resources SET policy_level = :pl, deadline = :d, running_from = :rf, "
         "running_until = :ru WHERE id = :id",
      soci::use(r.policy_level), soci::use(r.deadline), soci::use(r.running_from),
      soci::use(r.running_until), soci::use(id);
}

void CatalogStore::write_terms(soci::session& sql, const Resource& r) {
  long long id = r.id;
  sql << "DELETE FROM resource_terms WHERE resource_id = :id", soci::use(id);
  sql << "DELETE FROM resource_tracks WHERE resource_id = :id", soci::use(id);
  auto add = [&](const char* vocabulary, const std::vector<std::string>& slugs) {
    const std::string v = vocabulary;
    for (const auto& slug : slugs)
      sql << "INSERT INTO resource_terms (resource_id, term_id) SELECT :id, id FROM "
             "vocabulary_terms "
             "WHERE vocabulary = :v AND slug = :s",
          soci::use(id), soci::use(v), soci::use(slug);
  };
  add("theme", r.themes);
  add("audience", r.audiences);
  add("age_group", r.age_groups);
  add("policy_domain", r.policy_domains);
  for (const auto& track : r.tracks)
    sql << "INSERT INTO resource_tracks (resource_id, track) VALUES (:id, :t)", soci::use(id),
        soci::use(track);
  sql << "DELETE FROM resource_links WHERE resource_id = :id", soci::use(id);
  for (std::size_t i = 0; i < r.links.size(); ++i) {
    const int position = static_cast<int>(i);
    sql << "INSERT INTO resource_links (resource_id, label, url, position) VALUES (:id, :l, :u, "
           ":p)",
        soci::use(id), soci::use(r.links[i].label), soci::use(r.links[i].url), soci::use(position);
  }
}

std::int64_t CatalogStore::insert(soci::session& sql, const Resource& r, std::int64_t now) {
  long long id = 0, at = now;
  long long creator = r.created_by.value_or(0);
  soci::indicator creator_ind = r.created_by ? soci::i_ok : soci::i_null;
  soci::indicator owner_ind = r.owner_nis_code.empty() ? soci::i_null : soci::i_ok;
  long long published = r.published_at.value_or(0);
  soci::indicator published_ind = r.published_at ? soci::i_ok : soci::i_null;
  sql << "INSERT INTO resources (slug, kind, title, summary, body, language, rationale, "
         "target_group, goals, "
         "approach, conditions, transferability, cost, training_needed, evidence_level, "
         "contact_name, "
         "contact_organisation, scope, owner_nis_code, visibility, status, created_by, updated_by, "
         "created_at, "
         "updated_at, published_at) VALUES (:slug, :kind, :title, :summary, :body, :language, "
         ":rationale, :tg, "
         ":goals, :approach, :conditions, :transfer, :cost, :training, :evidence, :cn, :co, "
         ":scope, :owner, :vis, "
         ":status, :cb, :ub, :ca, :ua, :pa) RETURNING id",
      soci::use(r.slug), soci::use(r.kind), soci::use(r.title), soci::use(r.summary),
      soci::use(r.body), soci::use(r.language), soci::use(r.rationale), soci::use(r.target_group),
      soci::use(r.goals), soci::use(r.approach), soci::use(r.conditions),
      soci::use(r.transferability), soci::use(r.cost), soci::use(r.training_needed),
      soci::use(r.evidence_level), soci::use(r.contact_name), soci::use(r.contact_organisation),
      soci::use(r.scope), soci::use(r.owner_nis_code, owner_ind), soci::use(r.visibility),
      soci::use(r.status), soci::use(creator, creator_ind), soci::use(creator, creator_ind),
      soci::use(at), soci::use(at), soci::use(published, published_ind), soci::into(id);
  Resource saved = r;
  saved.id = id;
  write_media(sql, saved);
  write_terms(sql, saved);
  store::record_change(sql, "resource", std::to_string(id), "created", now);
  return id;
}

void CatalogStore::update(soci::session& sql, const Resource& r, std::int64_t now) {
  long long id = r.id, at = now;
  long long editor = r.updated_by.value_or(0);
  soci::indicator editor_ind = r.updated_by ? soci::i_ok : soci::i_null;
  soci::indicator owner_ind = r.owner_nis_code.empty() ? soci::i_null : soci::i_ok;
  long long published = r.published_at.value_or(0);
  soci::indicator published_ind = r.published_at ? soci::i_ok : soci::i_null;
  sql << "UPDATE resources SET slug = :slug, kind = :kind, title = :title, summary = :summary, "
         "body = :body, "
         "language = :language, rationale = :rationale, target_group = :tg, goals = :goals, "
         "approach = :approach, "
         "conditions = :conditions, transferability = :transfer, cost = :cost, training_needed = "
         ":training, "
         "evidence_level = :evidence, contact_name = :cn, contact_organisation = :co, scope = "
         ":scope, "
         "owner_nis_code = :owner, visibility = :vis, status = :status, updated_by = :ub, "
         "updated_at = :ua, "
         "published_at = :pa WHERE id = :id",
      soci::use(r.slug), soci::use(r.kind), soci::use(r.title), soci::use(r.summary),
      soci::use(r.body), soci::use(r.language), soci::use(r.rationale), soci::use(r.target_group),
      soci::use(r.goals), soci::use(r.approach), soci::use(r.conditions),
      soci::use(r.transferability), soci::use(r.cost), soci::use(r.training_needed),
      soci::use(r.evidence_level), soci::use(r.contact_name), soci::use(r.contact_organisation),
      soci::use(r.scope), soci::use(r.owner_nis_code, owner_ind), soci::use(r.visibility),
      soci::use(r.status), soci::use(editor, editor_ind), soci::use(at),
      soci::use(published, published_ind), soci::use(id);
  write_media(sql, r);
  write_terms(sql, r);
  store::record_change(sql, "resource", std::to_string(r.id), "updated", now);
}

int CatalogStore::add_revision(soci::session& sql, const Resource& r,
                               std::optional<std::int64_t> author_id,
                               const std::string& author_label, std::int64_t now) {
  return revisions::RevisionStore::add(sql, revision_kind, r.id, snapshot_of(r), author_id,
                                       author_label, now);
}

bool CatalogStore::term_exists(soci::session& sql, const std::string& vocabulary,
                               const std::string& slug, const std::string& label) {
  long long n = 0;
  sql << "SELECT COUNT(*) FROM vocabulary_terms WHERE vocabulary = :v AND (slug = :s OR "
         "LOWER(label) = "
         "LOWER(:l))",
      soci::use(vocabulary), soci::use(slug), soci::use(label), soci::into(n);
  return n > 0;
}

std::int64_t CatalogStore::count_terms(soci::session& sql, const std::string& vocabulary) {
  long long n = 0;
  sql << "SELECT COUNT(*) FROM vocabulary_terms WHERE vocabulary = :v", soci::use(vocabulary),
      soci::into(n);
  return n;
}

std::int64_t CatalogStore::add_term(soci::session& sql, const std::string& vocabulary,
                                    const std::string& slug, const std::string& label,
                                    std::int64_t now) {
  long long position = 0, id = 0;
  soci::indicator ind = soci::i_null;
  sql << "SELECT MAX(position) FROM vocabulary_terms WHERE vocabulary = :v", soci::use(vocabulary),
      soci::into(position, ind);
  const long long next = (ind == soci::i_ok ? position : 0) + 1;
  sql << "INSERT INTO vocabulary_terms (vocabulary, slug, label, position) "
         "VALUES (:v, :s, :l, :p) RETURNING id",
      soci::use(vocabulary), soci::use(slug), soci::use(label), soci::use(next), soci::into(id);
  store::record_change(sql, "vocabulary_term", std::to_string(id), "created", now);
  return id;
}

std::vector<std::string> CatalogStore::unknown_terms(soci::session& sql,
                                                     const std::string& vocabulary,
                                                     const std::vector<std::string>& slugs) {
  std::vector<std::string> unknown;
  for (const auto& slug : slugs) {
    int count = 0;
    sql << "SELECT COUNT(*) FROM vocabulary_terms WHERE vocabulary = :v AND slug = :s",
        soci::use(vocabulary), soci::use(slug), soci::into(count);
    if (count == 0) unknown.push_back(slug);
  }
  return unknown;
}

std::vector<Resource> CatalogStore::calls_closing(soci::session& sql,
                                                  const std::vector<std::string>& visibilities,
                                                  const std::string& from,
                                                  const std::string& until) {
  std::string v[3] = {"-", "-", "-"};
  for (std::size_t i = 0; i < visibilities.size() && i < 3; ++i) v[i] = visibilities[i];
  std::vector<Resource> out;
  soci::rowset<soci::row> rows =
      (sql.prepare << std::string("SELECT ") + columns +
                          " FROM resources WHERE kind = 'funding_call' AND status = 'published' "
                          "AND visibility IN (:v1, :v2, :v3) AND deadline <> '' "
                          "AND deadline >= :f AND deadline <= :u ORDER BY deadline, title, id",
       soci::use(v[0]), soci::use(v[1]), soci::use(v[2]), soci::use(from), soci::use(until));
  for (const auto& row : rows) out.push_back(resource_from(row));
  return out;
}

std::vector<Resource> CatalogStore::initiatives_published(soci::session& sql, std::int64_t from,
                                                          std::int64_t until) {
  std::vector<Resource> out;
  long long a = from, b = until;
  {
    soci::rowset<soci::row> rows =
        (sql.prepare << std::string("SELECT ") + columns +
                            " FROM resources WHERE kind IN ('initiative', 'funding_call') "
                            "AND status = 'published' AND published_at >= :a AND published_at < :b "
                            "ORDER BY published_at, id",
         soci::use(a), soci::use(b));
    for (const auto& row : rows) out.push_back(resource_from(row));
  }
  for (auto& r : out) load_terms(sql, r);  // few per period
  return out;
}

std::vector<std::int64_t> CatalogStore::initiatives_with_dates_in(soci::session& sql,
                                                                  const std::string& from,
                                                                  const std::string& until) {
  std::vector<std::int64_t> out;
  soci::rowset<long long> rows =
      (sql.prepare << "SELECT id FROM resources WHERE kind IN ('initiative', 'funding_call') "
                      "AND status = 'published' AND ((deadline >= :f1 AND deadline <= :u1) OR "
                      "(running_from >= :f2 AND running_from <= :u2) OR "
                      "(running_until >= :f3 AND running_until <= :u3)) ORDER BY id",
       soci::use(from), soci::use(until), soci::use(from), soci::use(until), soci::use(from),
       soci::use(until));
  for (long long id : rows) out.push_back(id);
  return out;
}

void CatalogStore::touch(soci::session& sql, std::int64_t id, std::int64_t now) {
  store::record_change(sql, "resource", std::to_string(id), "updated", now);
}

}  // namespace schakel::catalog
