#pragma once
// Admission of accepted upload bodies to the work that touches their bytes.
//
// The server spools an upload body to a file, so receiving it costs no memory;
// parsing it, checking it and storing it in the database does: the mapped pages
// of the body, and the copies the database client cannot avoid (SOCI binds
// strings; PostgreSQL gets the bytes as hex). UploadSlots bounds how many
// uploads are in that phase at once, so that the memory they take is bounded by
// capacity() x (the upload limit x a small factor), whatever the number of
// worker threads or of users uploading.
//
// Contract: a request with a spooled body holds one Slot from before the body is parsed
// until its handler returns. A request that cannot get a slot within the wait
// gets 503 with Retry-After and may send the upload again. The slots are a
// counting semaphore; nothing else is locked while one is held or awaited.
// Thread-safe.
#include <chrono>
#include <cstddef>
#include <optional>
#include <semaphore>

namespace schakel::web {

class UploadSlots {
 public:
  // A held slot; released when destroyed. Move-only.
  class Slot {
   public:
    Slot(Slot&& other) noexcept : owner_(other.owner_) { other.owner_ = nullptr; }
    Slot& operator=(Slot&& other) noexcept {
      if (this != &other) {
        if (owner_) owner_->release();
        owner_ = other.owner_;
        other.owner_ = nullptr;
      }
      return *this;
    }
    Slot(const Slot&) = delete;
    Slot& operator=(const Slot&) = delete;
    ~Slot() {
      if (owner_) owner_->release();
    }

   private:
    friend class UploadSlots;
    explicit Slot(std::counting_semaphore<>* owner) : owner_(owner) {}
    std::counting_semaphore<>* owner_;
  };

  // Requires: capacity >= 1.
  explicit UploadSlots(std::size_t capacity);
  // A slot, waiting at most `wait` for one to come free; nullopt when none did.
  std::optional<Slot> acquire(std::chrono::milliseconds wait);
  std::size_t capacity() const { return capacity_; }

 private:
  std::size_t capacity_;
  std::counting_semaphore<> free_;
};

}  // namespace schakel::web
