#include "core/wait.hpp"

namespace schakel {

std::string wait_message(std::int64_t seconds) {
  const std::int64_t minutes = (seconds + 59) / 60;
  return "Te veel pogingen na elkaar. Probeer opnieuw over " + std::to_string(minutes) +
         (minutes == 1 ? " minuut." : " minuten.");
}

}  // namespace schakel
