#pragma once
// A progress bar for long work on the command line (`schakel reindex`, the
// benchmark generator). On a terminal it redraws one line; otherwise it prints
// a line at every tenth, so logs stay readable.
#include <chrono>
#include <cstdint>
#include <ostream>
#include <string>

namespace schakel {

class ProgressBar {
 public:
  // `out` must outlive the bar; `interactive` redraws in place (a terminal).
  ProgressBar(std::ostream& out, std::string label, bool interactive);
  // Reports `done` of `total` units. Cheap to call often: redraws at most every 100 ms.
  void update(std::int64_t done, std::int64_t total);
  // Draws the final state and ends the line.
  void finish();

  // The bar as text, e.g. "[#####-----]  50% 5000/10000" (for tests).
  static std::string render(std::int64_t done, std::int64_t total, int width = 30);

 private:
  std::ostream& out_;
  std::string label_;
  bool interactive_;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_draw_{};
  int last_tenth_ = -1;
  std::int64_t done_ = 0;
  std::int64_t total_ = 0;
};

}  // namespace schakel
