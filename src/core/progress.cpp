#include "core/progress.hpp"

#include <algorithm>

namespace schakel {

ProgressBar::ProgressBar(std::ostream& out, std::string label, bool interactive)
    : out_(out),
      label_(std::move(label)),
      interactive_(interactive),
      start_(std::chrono::steady_clock::now()) {}

std::string ProgressBar::render(std::int64_t done, std::int64_t total, int width) {
  const double fraction =
      total <= 0 ? 1.0
                 : std::clamp(static_cast<double>(done) / static_cast<double>(total), 0.0, 1.0);
  const int filled = static_cast<int>(fraction * width + 0.5);
  std::string bar = "[";
  bar.append(filled, '#').append(width - filled, '-').append("] ");
  std::string percent = std::to_string(static_cast<int>(fraction * 100 + 0.5)) + "%";
  bar += std::string(4 - std::min<std::size_t>(4, percent.size()), ' ') + percent;
  bar.append(" ").append(std::to_string(done)).append("/").append(std::to_string(total));
  return bar;
}

void ProgressBar::update(std::int64_t done, std::int64_t total) {
  done_ = done;
  total_ = total;
  const auto now = std::chrono::steady_clock::now();
  if (interactive_) {
    if (now - last_draw_ < std::chrono::milliseconds(100) && done < total) return;
    last_draw_ = now;
    const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(now - start_).count();
    out_ << "\r" << label_ << " " << render(done, total) << " " << seconds << " s" << std::flush;
  } else {
    const int tenth =
        total <= 0 ? 10 : static_cast<int>(done * 10 / std::max<std::int64_t>(1, total));
    if (tenth == last_tenth_) return;
    last_tenth_ = tenth;
    out_ << label_ << " " << render(done, total) << "\n" << std::flush;
  }
}

void ProgressBar::finish() {
  const auto seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  if (interactive_) {
    last_draw_ = {};
    update(done_, total_);
    out_ << "\n";
  } else if (last_tenth_ != 10) {
    out_ << label_ << " " << render(done_, total_) << "\n";
  }
  out_ << label_ << ": " << done_ << " in " << static_cast<std::int64_t>(seconds * 10) / 10.0
       << " s\n"
       << std::flush;
}

}  // namespace schakel
