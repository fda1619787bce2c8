#include "citizens/helpline_store.hpp"

#include "store/changes.hpp"
#include "store/row.hpp"

namespace schakel::citizens {

namespace {

ClosingDay closing_day_from(const soci::row& r) {
  return ClosingDay{store::int64_at(r, 0), store::string_at(r, 1), store::string_at(r, 2),
                    store::bool_at(r, 3)};
}

const char* const closing_day_select = "SELECT id, day, name, is_demo FROM helpline_closing_days ";

}  // namespace

std::vector<Channel> HelplineStore::channels(soci::session& sql) {
  std::vector<Channel> out;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT id, kind, address, offered, always_open FROM helpline_channels "
                      "ORDER BY position, id");
  for (const auto& r : rows) {
    auto kind = kind_from_key(store::string_at(r, 1));
    if (!kind) continue;  // a kind this version does not know
    Channel c;
    c.id = store::int64_at(r, 0);
    c.kind = *kind;
    c.address = store::string_at(r, 2);
    c.offered = store::bool_at(r, 3);
    c.schedule.always_open = store::bool_at(r, 4);
    out.push_back(std::move(c));
  }
  soci::rowset<soci::row> hours =
      (sql.prepare << "SELECT channel_id, weekday, opens, closes FROM helpline_hours "
                      "ORDER BY channel_id, weekday, opens");
  for (const auto& r : hours) {
    const std::int64_t channel = store::int64_at(r, 0);
    const auto weekday = store::int64_at(r, 1);
    if (weekday < 0 || weekday >= days_per_week) continue;
    for (auto& c : out)
      if (c.id == channel)
        c.schedule.days[weekday].push_back(
            {static_cast<int>(store::int64_at(r, 2)), static_cast<int>(store::int64_at(r, 3))});
  }
  return out;
}

std::vector<Channel> HelplineStore::channels() {
  return db_.run([](soci::session& sql) { return channels(sql); });
}

std::vector<ClosingDay> HelplineStore::closing_days_from(const std::string& first_day) {
  std::vector<ClosingDay> out;
  db_.run([&](soci::session& sql) {
    soci::rowset<soci::row> rows =
        (sql.prepare << std::string(closing_day_select) + "WHERE day >= :d ORDER BY day",
         soci::use(first_day));
    for (const auto& r : rows) out.push_back(closing_day_from(r));
  });
  return out;
}

std::optional<ClosingDay> HelplineStore::closing_day(std::int64_t id) {
  return db_.run([&](soci::session& sql) -> std::optional<ClosingDay> {
    long long key = id;
    soci::rowset<soci::row> rows =
        (sql.prepare << std::string(closing_day_select) + "WHERE id = :id", soci::use(key));
    for (const auto& r : rows) return closing_day_from(r);
    return std::nullopt;
  });
}

void HelplineStore::save_channel(soci::session& sql, const Channel& channel, bool hours_are_demo,
                                 std::int64_t now) {
  long long id = channel.id, when = now;
  int offered = channel.offered ? 1 : 0, always = channel.schedule.always_open ? 1 : 0;
  int demo = hours_are_demo ? 1 : 0;
  sql << "UPDATE helpline_channels SET address = :a, offered = :o, always_open = :l, "
         "updated_at = :t WHERE id = :id",
      soci::use(channel.address), soci::use(offered), soci::use(always), soci::use(when),
      soci::use(id);
  sql << "DELETE FROM helpline_hours WHERE channel_id = :id", soci::use(id);
  for (int weekday = 0; weekday < days_per_week; ++weekday)
    for (const auto& range : channel.schedule.days[weekday]) {
      int day = weekday, opens = range.opens, closes = range.closes;
      sql << "INSERT INTO helpline_hours (channel_id, weekday, opens, closes, is_demo) "
             "VALUES (:c, :w, :o, :e, :d)",
          soci::use(id), soci::use(day), soci::use(opens), soci::use(closes), soci::use(demo);
    }
  store::record_change(sql, "helpline_channel", std::to_string(channel.id), "updated", now);
}

std::optional<ClosingDay> HelplineStore::closing_day_on(soci::session& sql,
                                                        const std::string& day) {
  soci::rowset<soci::row> rows =
      (sql.prepare << std::string(closing_day_select) + "WHERE day = :d", soci::use(day));
  for (const auto& r : rows) return closing_day_from(r);
  return std::nullopt;
}

std::int64_t HelplineStore::add_closing_day(soci::session& sql, const ClosingDay& day,
                                            std::int64_t now) {
  long long id = 0, when = now;
  int demo = day.is_demo ? 1 : 0;
  sql << "INSERT INTO helpline_closing_days (day, name, is_demo, created_at) "
         "VALUES (:d, :n, :m, :t) RETURNING id",
      soci::use(day.day), soci::use(day.name), soci::use(demo), soci::use(when), soci::into(id);
  store::record_change(sql, "helpline_closing_day", std::to_string(id), "created", now);
  return id;
}

void HelplineStore::remove_closing_day(soci::session& sql, std::int64_t id, std::int64_t now) {
  long long key = id;
  sql << "DELETE FROM helpline_closing_days WHERE id = :id", soci::use(key);
  store::record_change(sql, "helpline_closing_day", std::to_string(id), "deleted", now);
}

void HelplineStore::delete_demo(soci::session& sql) {
  sql << "DELETE FROM helpline_hours WHERE is_demo = 1";
  sql << "DELETE FROM helpline_closing_days WHERE is_demo = 1";
}

}  // namespace schakel::citizens
