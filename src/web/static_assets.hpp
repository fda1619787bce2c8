#pragma once
// Static assets (CSS, JS, images) from the embedded files under assets/, served
// with fingerprinted names, strong ETags, long immutable caching and gzip/brotli
// variants compressed once at start.
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "web/http.hpp"

namespace schakel::web {

struct Asset {
  std::string name;  // "css/schakel.css"
  std::string url;   // "/static/css/schakel.1a2b3c4d.css"
  std::string content_type;
  std::string etag;  // strong: "\"<hash>\""
  std::string identity;
  std::string gzip;    // empty when compression does not pay
  std::string brotli;  // empty when compression does not pay
};

// Thread-safe. In dev mode the files are re-read from the source tree when they change.
class StaticAssets {
 public:
  // Loads every embedded file under assets/ (or, with `source_root`, from disk).
  explicit StaticAssets(std::string source_root = {});

  // The fingerprinted URL of `name`; the plain /static/NAME when unknown.
  std::string url_for(const std::string& name) const;
  // A response for `req` if its path is a static asset (fingerprinted or plain),
  // else nullopt. Honours If-None-Match and Accept-Encoding.
  std::optional<Response> serve(const Request& req) const;
  // The asset by name, or nullptr.
  std::shared_ptr<const Asset> find(const std::string& name) const;

 private:
  void load();
  void reload_if_changed() const;
  std::string source_root_;
  mutable std::mutex mutex_;  // guards by_name_, by_url_, stamp_
  mutable std::map<std::string, std::shared_ptr<const Asset>> by_name_;
  mutable std::map<std::string, std::shared_ptr<const Asset>> by_url_;
  mutable std::string stamp_;
};

// "text/css; charset=utf-8" etc. by file extension.
std::string content_type_for(const std::string& name);
// Chooses "br", "gzip" or "" for an Accept-Encoding value (honours q=0).
std::string choose_encoding(std::string_view accept_encoding, bool have_br, bool have_gzip);

}  // namespace schakel::web
