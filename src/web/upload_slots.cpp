#include "web/upload_slots.hpp"

#include <stdexcept>

namespace schakel::web {

UploadSlots::UploadSlots(std::size_t capacity)
    : capacity_(capacity), free_(static_cast<std::ptrdiff_t>(capacity)) {
  if (capacity == 0) throw std::invalid_argument("UploadSlots needs at least one slot");
}

std::optional<UploadSlots::Slot> UploadSlots::acquire(std::chrono::milliseconds wait) {
  if (!free_.try_acquire_for(wait)) return std::nullopt;
  return Slot(&free_);
}

}  // namespace schakel::web
