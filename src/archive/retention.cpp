#include "archive/retention.hpp"

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <set>

namespace schakel::archive {

namespace {

constexpr std::int64_t day_seconds = 86400;

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  return a / b - ((a % b != 0) && ((a < 0) != (b < 0)) ? 1 : 0);
}

// Days since 1970-01-01 (UTC).
std::int64_t day_of(std::int64_t t) { return floor_div(t, day_seconds); }
// A number per Monday-to-Sunday week: 1970-01-01 was a Thursday, so adding 3
// days makes every Monday start a new multiple of 7.
std::int64_t week_of(std::int64_t t) { return floor_div(day_of(t) + 3, 7); }

// Newest first, ties by name so the order is total.
std::vector<BackupFile> newest_first(std::vector<BackupFile> files) {
  std::sort(files.begin(), files.end(), [](const BackupFile& a, const BackupFile& b) {
    return a.taken_at != b.taken_at ? a.taken_at > b.taken_at : a.name > b.name;
  });
  return files;
}

// Adds to `keep` the newest file of each of the `count` most recent periods.
template <class PeriodOf>
void keep_newest_per_period(const std::vector<BackupFile>& sorted, int count, PeriodOf period_of,
                            std::set<std::string>& keep) {
  std::optional<std::int64_t> last;
  int periods = 0;
  for (const auto& f : sorted) {
    if (periods >= count) return;
    const auto p = period_of(f.taken_at);
    if (last && *last == p) continue;
    last = p;
    ++periods;
    keep.insert(f.name);
  }
}

}  // namespace

std::string backup_name(std::int64_t unix_seconds) {
  const std::time_t t = unix_seconds;
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[96];
  std::snprintf(buf, sizeof buf, "schakel-%04d%02d%02d-%02d%02d%02d.db", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
  return buf;
}

std::optional<std::int64_t> backup_time(const std::string& name) {
  // schakel-YYYYMMDD-HHMMSS.db
  if (name.size() != 26 || name.rfind("schakel-", 0) != 0 || name[16] != '-' ||
      name.substr(23) != ".db")
    return std::nullopt;
  for (std::size_t i = 8; i < 23; ++i)
    if (i != 16 && !std::isdigit(static_cast<unsigned char>(name[i]))) return std::nullopt;
  std::tm tm{};
  tm.tm_year = std::stoi(name.substr(8, 4)) - 1900;
  tm.tm_mon = std::stoi(name.substr(12, 2)) - 1;
  tm.tm_mday = std::stoi(name.substr(14, 2));
  tm.tm_hour = std::stoi(name.substr(17, 2));
  tm.tm_min = std::stoi(name.substr(19, 2));
  tm.tm_sec = std::stoi(name.substr(21, 2));
  const auto t = static_cast<std::int64_t>(timegm(&tm));
  // Reject what timegm silently normalises (month 13, 31 February, hour 25).
  if (backup_name(t) != name) return std::nullopt;
  return t;
}

std::vector<std::string> backups_to_keep(const std::vector<BackupFile>& files, int keep_daily,
                                         int keep_weekly) {
  const auto sorted = newest_first(files);
  std::set<std::string> keep;
  keep_newest_per_period(sorted, std::max(keep_daily, 0), day_of, keep);
  keep_newest_per_period(sorted, std::max(keep_weekly, 0), week_of, keep);
  std::vector<std::string> out;
  for (const auto& f : sorted)
    if (keep.count(f.name)) out.push_back(f.name);
  return out;
}

std::vector<std::string> backups_to_delete(const std::vector<BackupFile>& files, int keep_daily,
                                           int keep_weekly) {
  const auto kept = backups_to_keep(files, keep_daily, keep_weekly);
  const std::set<std::string> keep(kept.begin(), kept.end());
  std::vector<std::string> out;
  for (const auto& f : newest_first(files))
    if (!keep.count(f.name)) out.push_back(f.name);
  return out;
}

}  // namespace schakel::archive
