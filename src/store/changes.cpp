#include "store/changes.hpp"

#include <chrono>
#include <iostream>

#include "store/prepared.hpp"
#include "store/row.hpp"

namespace schakel::store {

namespace {

// On PostgreSQL, a change row inserted after taking the feed's transaction-level
// advisory lock, which orders the committers of change rows (its key is
// "schakel" in ASCII; nothing else in the database takes it).
constexpr const char* insert_ordered =
    "INSERT INTO changes (at, entity, entity_id, action) "
    "SELECT :at, :e, :id, :a FROM (SELECT pg_advisory_xact_lock(32478922283902316)) AS ordered";

void insert_change(soci::session& sql, const Change& c, bool postgresql) {
  long long when = c.at;
  store::command(sql,
                 postgresql ? insert_ordered
                            : "INSERT INTO changes (at, entity, entity_id, action) "
                              "VALUES (:at, :e, :id, :a)",
                 soci::use(when), soci::use(c.entity), soci::use(c.entity_id), soci::use(c.action));
}

// The held-back rows of the open PostgreSQL write transactions on this thread
// (usually none or one). Only this thread touches it: no lock.
struct HeldBack {
  const soci::session* sql;
  std::vector<Change> rows;
};
thread_local std::vector<HeldBack> held_back;

HeldBack* held_back_for(const soci::session& sql) {
  for (auto& h : held_back)
    if (h.sql == &sql) return &h;
  return nullptr;
}

}  // namespace

void record_change(soci::session& sql, const std::string& entity, const std::string& entity_id,
                   const std::string& action, std::int64_t at) {
  Change change{0, at, entity, entity_id, action};
  if (HeldBack* h = held_back_for(sql)) {
    h->rows.push_back(std::move(change));
    return;
  }
  // Outside Database::transact the caller's transaction (or the statement on its
  // own) still takes the lock before its id, and keeps it until it commits.
  insert_change(sql, change, sql.get_backend_name() == "postgresql");
}

namespace detail {

void hold_back_changes(soci::session& sql) {
  drop_held_back_changes(sql);
  held_back.push_back(HeldBack{&sql, {}});
}

void write_held_back_changes(soci::session& sql) {
  HeldBack* h = held_back_for(sql);
  if (h == nullptr) return;
  for (const auto& change : h->rows) insert_change(sql, change, true);
}

void drop_held_back_changes(soci::session& sql) noexcept {
  for (auto it = held_back.begin(); it != held_back.end(); ++it) {
    if (it->sql == &sql) {
      held_back.erase(it);
      return;
    }
  }
}

}  // namespace detail

std::int64_t latest_change_id(soci::session& sql) {
  long long id = 0;
  soci::indicator ind = soci::i_null;
  // On every anonymous cached page: prepared once per connection.
  query_one(sql, "SELECT MAX(id) FROM changes", soci::into(id, ind));
  return ind == soci::i_ok ? id : 0;
}

std::vector<Change> changes_after(soci::session& sql, std::int64_t after_id, int limit) {
  std::vector<Change> out;
  long long after = after_id;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT id, at, entity, entity_id, action FROM changes WHERE id > :after "
                      "ORDER BY id LIMIT :lim",
       soci::use(after), soci::use(limit));
  for (const auto& r : rows) {
    Change c;
    c.id = int64_at(r, 0);
    c.at = int64_at(r, 1);
    c.entity = string_at(r, 2);
    c.entity_id = string_at(r, 3);
    c.action = string_at(r, 4);
    out.push_back(std::move(c));
  }
  return out;
}

ChangeFollower::ChangeFollower(Database& db, int interval_ms)
    : db_(db), interval_ms_(interval_ms) {}

ChangeFollower::~ChangeFollower() { stop(); }

void ChangeFollower::add_listener(Listener listener) { listeners_.push_back(std::move(listener)); }

void ChangeFollower::start(std::int64_t from) {
  position_ = from >= 0 ? from : db_.run([](soci::session& sql) { return latest_change_id(sql); });
  thread_ = std::thread([this] { loop(); });
}

void ChangeFollower::poke() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    poked_ = true;
  }
  wake_.notify_one();
}

void ChangeFollower::stop() noexcept {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stop_ = true;
  }
  wake_.notify_one();
  if (thread_.joinable()) thread_.join();
}

void ChangeFollower::loop() {
  while (true) {
    {
      std::unique_lock<std::mutex> lock(mutex_);
      wake_.wait_for(lock, std::chrono::milliseconds(interval_ms_),
                     [this] { return stop_ || poked_; });
      if (stop_) return;
      poked_ = false;
    }
    try {
      while (true) {
        auto batch =
            db_.run([&](soci::session& sql) { return changes_after(sql, position_, 500); });
        if (batch.empty()) break;
        position_ = batch.back().id;
        for (const auto& listener : listeners_) listener(batch);
      }
    } catch (const std::exception& e) {
      std::cerr << "change follower: " << e.what() << "\n";  // retried at the next interval
    }
  }
}

}  // namespace schakel::store
