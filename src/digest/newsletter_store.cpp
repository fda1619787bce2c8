#include "digest/newsletter_store.hpp"

#include "store/changes.hpp"
#include "store/row.hpp"

namespace schakel::digest {

namespace {

const char* const columns =
    "id, subject, body, status, segment, recipient_count, is_demo, created_by, created_at, "
    "updated_at, sent_at";

Newsletter letter_from(const soci::row& row) {
  Newsletter n;
  n.id = store::int64_at(row, 0);
  n.subject = store::string_at(row, 1);
  n.body = store::string_at(row, 2);
  n.status = parse_newsletter_status(store::string_at(row, 3)).value_or(NewsletterStatus::draft);
  n.segment = store::string_at(row, 4);
  n.recipient_count = static_cast<int>(store::int64_at(row, 5));
  n.is_demo = store::bool_at(row, 6);
  n.created_by = store::optional_int64_at(row, 7);
  n.created_at = store::int64_at(row, 8);
  n.updated_at = store::int64_at(row, 9);
  n.sent_at = store::optional_int64_at(row, 10);
  return n;
}

std::vector<Newsletter> select(soci::session& sql, const std::string& where_and_order) {
  std::vector<Newsletter> out;
  soci::rowset<soci::row> rows =
      (sql.prepare << std::string("SELECT ") + columns + " FROM newsletters " + where_and_order);
  for (const auto& r : rows) out.push_back(letter_from(r));
  return out;
}

// Runs an UPDATE or INSERT and tells whether it touched a row.
bool touched(soci::statement& st) {
  st.execute(true);
  return st.get_affected_rows() > 0;
}

}  // namespace

std::int64_t NewsletterStore::insert(soci::session& sql, const Newsletter& n, std::int64_t now) {
  long long id = 0, at = now, creator = n.created_by.value_or(0), sent = n.sent_at.value_or(0);
  int demo = n.is_demo ? 1 : 0, count = n.recipient_count;
  soci::indicator creator_ind = n.created_by ? soci::i_ok : soci::i_null;
  soci::indicator sent_ind = n.sent_at ? soci::i_ok : soci::i_null;
  const std::string status(newsletter_status_name(n.status));
  sql << "INSERT INTO newsletters (subject, body, status, segment, recipient_count, is_demo, "
         "created_by, created_at, updated_at, sent_at) VALUES (:s, :b, :st, :seg, :n, :d, :c, "
         ":ca, :ua, :sa) RETURNING id",
      soci::use(n.subject), soci::use(n.body), soci::use(status), soci::use(n.segment),
      soci::use(count), soci::use(demo), soci::use(creator, creator_ind), soci::use(at),
      soci::use(at), soci::use(sent, sent_ind), soci::into(id);
  store::record_change(sql, "newsletter", std::to_string(id), "created", now);
  return id;
}

bool NewsletterStore::update_draft(soci::session& sql, std::int64_t id, const std::string& subject,
                                   const std::string& body, std::int64_t now) {
  long long key = id, at = now;
  soci::statement st = (sql.prepare << "UPDATE newsletters SET subject = :s, body = :b, "
                                       "updated_at = :u WHERE id = :id AND status = 'draft'",
                        soci::use(subject), soci::use(body), soci::use(at), soci::use(key));
  if (!touched(st)) return false;
  store::record_change(sql, "newsletter", std::to_string(id), "updated", now);
  return true;
}

std::optional<Newsletter> NewsletterStore::find(soci::session& sql, std::int64_t id) {
  long long key = id;
  soci::rowset<soci::row> rows =
      (sql.prepare << std::string("SELECT ") + columns + " FROM newsletters WHERE id = :id",
       soci::use(key));
  for (const auto& r : rows) return letter_from(r);
  return std::nullopt;
}

std::vector<Newsletter> NewsletterStore::sent(soci::session& sql) {
  return select(sql, "WHERE status = 'sent' ORDER BY sent_at DESC, id DESC");
}

std::vector<Newsletter> NewsletterStore::unsent(soci::session& sql) {
  return select(sql, "WHERE status <> 'sent' ORDER BY updated_at DESC, id DESC");
}

bool NewsletterStore::claim(soci::session& sql, std::int64_t id, const std::string& segment,
                            int recipient_count, std::int64_t now) {
  long long key = id, at = now;
  soci::statement st =
      (sql.prepare << "UPDATE newsletters SET status = 'sending', segment = :seg, "
                      "recipient_count = :n, updated_at = :u WHERE id = :id AND status = 'draft'",
       soci::use(segment), soci::use(recipient_count), soci::use(at), soci::use(key));
  return touched(st);
}

bool NewsletterStore::add_recipient(soci::session& sql, std::int64_t id, std::int64_t user_id,
                                    std::int64_t send_at) {
  long long key = id, user = user_id, at = send_at;
  soci::statement st =
      (sql.prepare << "INSERT INTO newsletter_recipients (newsletter_id, user_id, send_at) "
                      "VALUES (:n, :u, :a) ON CONFLICT (newsletter_id, user_id) DO NOTHING",
       soci::use(key), soci::use(user), soci::use(at));
  return touched(st);
}

bool NewsletterStore::finish(soci::session& sql, std::int64_t id, std::int64_t now) {
  long long key = id, at = now;
  soci::statement st = (sql.prepare << "UPDATE newsletters SET status = 'sent', sent_at = :a, "
                                       "updated_at = :u WHERE id = :id AND status = 'sending'",
                        soci::use(at), soci::use(at), soci::use(key));
  if (!touched(st)) return false;
  store::record_change(sql, "newsletter", std::to_string(id), "sent", now);
  return true;
}

std::vector<std::pair<std::int64_t, std::int64_t>> NewsletterStore::recipients(soci::session& sql,
                                                                               std::int64_t id) {
  long long key = id;
  std::vector<std::pair<std::int64_t, std::int64_t>> out;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT user_id, send_at FROM newsletter_recipients WHERE newsletter_id = "
                      ":n ORDER BY send_at, user_id",
       soci::use(key));
  for (const auto& r : rows) out.emplace_back(store::int64_at(r, 0), store::int64_at(r, 1));
  return out;
}

void NewsletterStore::delete_demo(soci::session& sql) {
  sql << "DELETE FROM newsletter_recipients WHERE newsletter_id IN (SELECT id FROM newsletters "
         "WHERE is_demo = 1)";
  sql << "DELETE FROM newsletters WHERE is_demo = 1";
}

}  // namespace schakel::digest
