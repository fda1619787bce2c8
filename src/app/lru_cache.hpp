#pragma once
// A map that keeps the most recently used entries within a byte budget and an
// entry count: the storage of the page cache (App::page_cache_).
#include <cstddef>
#include <cstdint>
#include <list>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

namespace schakel {

// Least recently used entries go first when an insert would exceed either
// bound. find and insert are O(1) (one hash of the key, one list splice).
// Not thread-safe: its owner guards every call with one mutex (in App:
// cache_mutex_).
template <class Value>
class LruCache {
 public:
  // What an entry costs besides the caller's bytes and its key: the list node,
  // the hash node and the bookkeeping (an estimate, so that many tiny entries
  // still count against the budget).
  static constexpr std::size_t entry_overhead = 128;

  // Requires: max_entries >= 1. A max_bytes of 0 keeps nothing.
  LruCache(std::size_t max_bytes, std::size_t max_entries)
      : max_bytes_(max_bytes), max_entries_(max_entries < 1 ? 1 : max_entries) {}
  LruCache(const LruCache&) = delete;
  LruCache& operator=(const LruCache&) = delete;

  // The value under `key`, now the most recently used; nullptr when absent.
  // The pointer is valid until the next insert, erase or clear.
  const Value* find(std::string_view key) {
    auto it = index_.find(key);
    if (it == index_.end()) return nullptr;
    order_.splice(order_.begin(), order_, it->second);  // iterators stay valid
    return &it->second->value;
  }

  // Keeps `value` under `key` as the most recently used entry, replacing an
  // older value, and costing `bytes` plus the key and entry_overhead; then
  // drops least recently used entries until the byte budget and the entry
  // count hold. An entry that alone costs more than the budget is not kept
  // (an older value under its key is dropped too). Returns whether it was kept.
  bool insert(std::string key, Value value, std::size_t bytes) {
    erase(key);
    const std::size_t cost = bytes + key.size() + entry_overhead;
    if (cost > max_bytes_) return false;
    order_.push_front(Entry{std::move(key), std::move(value), cost});
    // The view points into the list node's string, which never moves.
    try {
      index_.emplace(std::string_view(order_.front().key), order_.begin());
    } catch (...) {
      order_.pop_front();  // no node without its index entry
      throw;
    }
    bytes_ += cost;
    while (bytes_ > max_bytes_ || order_.size() > max_entries_) {
      drop(std::prev(order_.end()));
      ++evictions_;
    }
    return true;
  }

  // Removes the entry under `key`, if any (not counted as an eviction).
  void erase(std::string_view key) {
    auto it = index_.find(key);
    if (it != index_.end()) drop(it->second);
  }

  // Removes every entry (not counted as evictions).
  void clear() {
    index_.clear();
    order_.clear();
    bytes_ = 0;
  }

  // Exchanges the entries (not the bounds or counters) with `other`, so that an
  // owner can empty the cache under its lock and free the pages after it.
  void swap_entries(LruCache& other) noexcept {
    order_.swap(other.order_);  // list iterators and node addresses stay valid
    index_.swap(other.index_);
    std::swap(bytes_, other.bytes_);
  }

  std::size_t size() const { return order_.size(); }
  // The cost of the entries kept now; never above max_bytes().
  std::size_t bytes() const { return bytes_; }
  std::size_t max_bytes() const { return max_bytes_; }
  std::size_t max_entries() const { return max_entries_; }
  // Entries dropped to keep the bounds since construction.
  std::uint64_t evictions() const { return evictions_; }

 private:
  struct Entry {
    std::string key;
    Value value;
    std::size_t bytes = 0;  // its whole cost
  };
  using Position = typename std::list<Entry>::iterator;

  void drop(Position at) {
    bytes_ -= at->bytes;
    index_.erase(std::string_view(at->key));
    order_.erase(at);
  }

  std::size_t max_bytes_;
  std::size_t max_entries_;
  std::size_t bytes_ = 0;
  std::uint64_t evictions_ = 0;
  std::list<Entry> order_;  // most recently used first
  std::unordered_map<std::string_view, Position> index_;
};

}  // namespace schakel
