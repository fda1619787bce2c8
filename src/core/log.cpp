#include "core/log.hpp"

#include <spdlog/async.h>
#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <mutex>

namespace schakel::log {

namespace {
std::mutex mutex;  // guards the two pointers below
std::shared_ptr<spdlog::logger> app_logger;
std::shared_ptr<spdlog::logger> access_logger;
}  // namespace

void init(const std::string& level, const std::string& access_target) {
  std::lock_guard<std::mutex> lock(mutex);
  spdlog::drop("schakel");
  spdlog::drop("access");
  app_logger = spdlog::stderr_logger_mt("schakel");
  app_logger->set_pattern("%Y-%m-%dT%H:%M:%S.%eZ %^%l%$ %v", spdlog::pattern_time_type::utc);
  app_logger->set_level(spdlog::level::from_str(level));
  access_logger.reset();
  if (access_target.empty()) return;
  if (!spdlog::thread_pool()) spdlog::init_thread_pool(8192, 1);
  std::shared_ptr<spdlog::sinks::sink> sink;
  if (access_target == "-")
    sink = std::make_shared<spdlog::sinks::stdout_sink_mt>();
  else
    sink = std::make_shared<spdlog::sinks::basic_file_sink_mt>(access_target);
  access_logger = std::make_shared<spdlog::async_logger>(
      "access", sink, spdlog::thread_pool(), spdlog::async_overflow_policy::overrun_oldest);
  access_logger->set_pattern("%v");
}

std::shared_ptr<spdlog::logger> app() {
  std::lock_guard<std::mutex> lock(mutex);
  if (!app_logger) {
    app_logger = spdlog::get("schakel");
    if (!app_logger) app_logger = spdlog::stderr_logger_mt("schakel");
  }
  return app_logger;
}

std::shared_ptr<spdlog::logger> access() {
  std::lock_guard<std::mutex> lock(mutex);
  return access_logger;
}

void flush() {
  if (auto a = app()) a->flush();
  if (auto b = access()) b->flush();
}

}  // namespace schakel::log
