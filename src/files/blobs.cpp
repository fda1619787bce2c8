#include "files/blobs.hpp"

#include <algorithm>
#include <map>
#include <mutex>

#include "core/random.hpp"
#include "store/binary.hpp"

namespace schakel::files {

namespace {

struct Referrers {
  std::mutex mutex;  // guards counters
  std::map<std::string, ReferenceCounter> counters;
};

// Function-local, so that it is ready whenever the first registration comes.
Referrers& referrers() {
  static Referrers r;
  return r;
}

}  // namespace

bool register_referrer(const std::string& name, ReferenceCounter count) {
  auto& r = referrers();
  std::lock_guard<std::mutex> lock(r.mutex);
  r.counters[name] = count;
  return true;
}

std::vector<std::string> referrer_names() {
  auto& r = referrers();
  std::lock_guard<std::mutex> lock(r.mutex);
  std::vector<std::string> names;
  for (const auto& [name, count] : r.counters) names.push_back(name);
  return names;
}

std::string BlobStore::put(soci::session& sql, std::string_view bytes, const SniffedType& type,
                           std::int64_t now) {
  const std::string sha = sha256_hex(bytes);
  long long size = static_cast<long long>(bytes.size()), at = now;
  const std::string data = store::binary_param(sql, bytes);
  // Insert-if-absent works on both backends and under concurrent uploads of the same bytes.
  sql << "INSERT INTO blobs (sha256, size, content_type, data, created_at) VALUES (:s, :n, :t, " +
             store::binary_placeholder(sql, "d") + ", :c) ON CONFLICT (sha256) DO NOTHING",
      soci::use(sha), soci::use(size), soci::use(type.mime), soci::use(data), soci::use(at);
  return sha;
}

bool BlobStore::release(soci::session& sql, const std::string& sha256) {
  std::vector<ReferenceCounter> counters;
  {
    auto& r = referrers();
    std::lock_guard<std::mutex> lock(r.mutex);
    for (const auto& [name, count] : r.counters) counters.push_back(count);
  }
  for (auto count : counters)
    if (count(sql, sha256) > 0) return false;
  sql << "DELETE FROM blobs WHERE sha256 = :s", soci::use(sha256);
  return true;
}

std::optional<std::string> BlobStore::data(soci::session& sql, const std::string& sha256) {
  std::string text;
  sql << "SELECT " + store::binary_column(sql, "data") + " FROM blobs WHERE sha256 = :s",
      soci::use(sha256), soci::into(text);
  if (!sql.got_data()) return std::nullopt;
  return store::binary_value(sql, std::move(text));
}

std::int64_t BlobStore::count(soci::session& sql) {
  long long n = 0;
  sql << "SELECT COUNT(*) FROM blobs", soci::into(n);
  return n;
}

}  // namespace schakel::files
