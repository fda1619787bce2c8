#pragma once
// Logging: the application log (human-readable, stderr) and the access log
// (JSON lines). Neither ever holds passwords, tokens, cookies or form bodies.
#include <memory>
#include <string>

namespace spdlog {
class logger;
}

namespace schakel::log {

// Sets up the application logger at `level` and the access log at `target`
// ("-": stdout, "": off, else a file path). Safe to call again (tests).
void init(const std::string& level, const std::string& access_target);

// The application logger ("schakel"). Never null after init().
std::shared_ptr<spdlog::logger> app();
// The access logger, or null when the access log is off.
std::shared_ptr<spdlog::logger> access();

// Flushes both logs (at shutdown).
void flush();

}  // namespace schakel::log
