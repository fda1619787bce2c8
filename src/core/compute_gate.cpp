#include "core/compute_gate.hpp"

namespace schakel {

namespace {
// The gate whose permit the calling thread holds, or nullptr; and whether the
// thread is inside a Waiting that let it go.
thread_local ComputeGate* held_gate = nullptr;
thread_local bool in_wait = false;
}  // namespace

ComputeGate::ComputeGate(unsigned permits)
    : permits_(permits == 0 ? 1 : permits), free_(permits_) {}

void ComputeGate::acquire() noexcept {
  std::unique_lock lock(mutex_);
  if (free_ > 0 && queue_.empty()) {
    --free_;
    return;
  }
  Waiter me;
  queue_.push_back(&me);
  me.wake.wait(lock, [&] { return me.granted; });
}

void ComputeGate::release() noexcept {
  std::lock_guard lock(mutex_);
  if (queue_.empty()) {
    ++free_;
    return;
  }
  // Handed over: the permit never counts as free, so no thread overtakes.
  Waiter* next = queue_.front();
  queue_.pop_front();
  next->granted = true;
  next->wake.notify_one();
}

ComputeGate::Pass::Pass(ComputeGate& gate) : gate_(gate) {
  gate_.acquire();
  held_gate = &gate_;
}

ComputeGate::Pass::~Pass() {
  held_gate = nullptr;
  gate_.release();
}

Waiting::Waiting() noexcept {
  if (held_gate == nullptr || in_wait) return;
  released_ = held_gate;
  in_wait = true;
  released_->release();
}

Waiting::~Waiting() {
  if (released_ == nullptr) return;
  released_->acquire();
  in_wait = false;
}

int held_permits() { return held_gate != nullptr && !in_wait ? 1 : 0; }

}  // namespace schakel
