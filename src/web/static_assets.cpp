#include "web/static_assets.hpp"

#include <brotli/encode.h>
#include <zlib.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/embedded.hpp"
#include "core/random.hpp"

namespace schakel::web {

namespace {

std::string gzip_compress(const std::string& data) {
  z_stream zs{};
  if (deflateInit2(&zs, 9, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY) != Z_OK) return {};
  std::string out(deflateBound(&zs, data.size()) + 32, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  int rc = deflate(&zs, Z_FINISH);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return rc == Z_STREAM_END ? out : std::string();
}

std::string brotli_compress(const std::string& data) {
  std::size_t size = BrotliEncoderMaxCompressedSize(data.size());
  if (size == 0) return {};
  std::string out(size, '\0');
  if (!BrotliEncoderCompress(BROTLI_MAX_QUALITY, BROTLI_DEFAULT_WINDOW, BROTLI_MODE_TEXT,
                             data.size(), reinterpret_cast<const uint8_t*>(data.data()), &size,
                             reinterpret_cast<uint8_t*>(out.data())))
    return {};
  out.resize(size);
  return out;
}

bool compressible(const std::string& type) {
  return type.rfind("text/", 0) == 0 || type.find("javascript") != std::string::npos ||
         type.find("svg") != std::string::npos || type.find("json") != std::string::npos;
}

std::shared_ptr<const Asset> make_asset(const std::string& name, std::string data,
                                        bool compress = true) {
  auto a = std::make_shared<Asset>();
  a->name = name;
  a->content_type = content_type_for(name);
  const std::string hash = sha256_hex(data);
  a->etag = std::string("\"").append(hash, 0, 32).append("\"");
  const auto dot = name.rfind('.');
  const auto slash = name.rfind('/');
  if (dot != std::string::npos && (slash == std::string::npos || dot > slash))
    a->url = "/static/" + name.substr(0, dot) + "." + hash.substr(0, 10) + name.substr(dot);
  else
    a->url = "/static/" + name + "." + hash.substr(0, 10);
  if (compress && compressible(a->content_type)) {
    std::string gz = gzip_compress(data);
    if (!gz.empty() && gz.size() < data.size()) a->gzip = std::move(gz);
    std::string br = brotli_compress(data);
    if (!br.empty() && br.size() < data.size()) a->brotli = std::move(br);
  }
  a->identity = std::move(data);
  return a;
}

}  // namespace

std::string content_type_for(const std::string& name) {
  auto ends = [&](std::string_view ext) {
    return name.size() >= ext.size() &&
           name.compare(name.size() - ext.size(), ext.size(), ext) == 0;
  };
  if (ends(".css")) return "text/css; charset=utf-8";
  if (ends(".js")) return "text/javascript; charset=utf-8";
  if (ends(".svg")) return "image/svg+xml";
  if (ends(".png")) return "image/png";
  if (ends(".ico")) return "image/x-icon";
  if (ends(".woff2")) return "font/woff2";
  if (ends(".txt")) return "text/plain; charset=utf-8";
  if (ends(".json") || ends(".webmanifest")) return "application/json";
  return "application/octet-stream";
}

std::string choose_encoding(std::string_view accept, bool have_br, bool have_gzip) {
  auto accepts = [&](std::string_view coding) {
    std::size_t i = 0;
    while (i < accept.size()) {
      std::size_t end = accept.find(',', i);
      if (end == std::string_view::npos) end = accept.size();
      std::string_view item = accept.substr(i, end - i);
      i = end + 1;
      while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
      std::string_view token = item.substr(0, item.find(';'));
      while (!token.empty() && token.back() == ' ') token.remove_suffix(1);
      if (!iequals(token, coding)) continue;
      auto q = item.find("q=");
      if (q == std::string_view::npos) return true;
      std::string_view value = item.substr(q + 2);
      return !(value.rfind("0", 0) == 0 &&
               value.find_first_of("123456789") == std::string_view::npos);
    }
    return false;
  };
  if (have_br && accepts("br")) return "br";
  if (have_gzip && accepts("gzip")) return "gzip";
  return "";
}

StaticAssets::StaticAssets(std::string source_root) : source_root_(std::move(source_root)) {
  load();
}

void StaticAssets::load() {
  std::map<std::string, std::shared_ptr<const Asset>> by_name, by_url;
  std::string stamp;
  if (source_root_.empty()) {
    for (const auto& f : embedded::all()) {
      if (f.path.rfind("assets/", 0) != 0) continue;
      auto a = make_asset(std::string(f.path.substr(7)), std::string(f.data));
      by_url[a->url] = a;
      by_name[a->name] = a;
    }
  } else {
    namespace fs = std::filesystem;
    const fs::path root = fs::path(source_root_) / "assets";
    for (const auto& entry : fs::recursive_directory_iterator(root)) {
      if (!entry.is_regular_file()) continue;
      std::ifstream in(entry.path(), std::ios::binary);
      std::stringstream ss;
      ss << in.rdbuf();
      // In dev mode files are read again on every page: compressing them each
      // time would make every page slow, and identity is what an editor needs.
      auto a = make_asset(fs::relative(entry.path(), root).generic_string(), ss.str(), false);
      stamp += a->etag;
      by_url[a->url] = a;
      by_name[a->name] = a;
    }
  }
  std::lock_guard<std::mutex> lock(mutex_);
  by_name_ = std::move(by_name);
  by_url_ = std::move(by_url);
  stamp_ = std::move(stamp);
}

void StaticAssets::reload_if_changed() const {
  if (source_root_.empty()) return;
  const_cast<StaticAssets*>(this)->load();
}

std::string StaticAssets::url_for(const std::string& name) const {
  reload_if_changed();
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = by_name_.find(name);
  return it == by_name_.end() ? "/static/" + name : it->second->url;
}

std::shared_ptr<const Asset> StaticAssets::find(const std::string& name) const {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = by_name_.find(name);
  return it == by_name_.end() ? nullptr : it->second;
}

std::optional<Response> StaticAssets::serve(const Request& req) const {
  if (req.path.rfind("/static/", 0) != 0) return std::nullopt;
  std::shared_ptr<const Asset> asset;
  bool fingerprinted = false;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (auto it = by_url_.find(req.path); it != by_url_.end()) {
      asset = it->second;
      fingerprinted = true;
    } else if (auto it2 = by_name_.find(req.path.substr(8)); it2 != by_name_.end()) {
      asset = it2->second;
    }
  }
  if (!asset) return std::nullopt;
  Response res;
  res.headers.set("Content-Type", asset->content_type);
  res.headers.set("ETag", asset->etag);
  res.headers.set("Cache-Control",
                  fingerprinted ? "public, max-age=31536000, immutable" : "no-cache");
  res.headers.set("Vary", "Accept-Encoding");
  std::string_view inm = req.headers.get("If-None-Match");
  if (!inm.empty() && (inm == asset->etag || inm.find(asset->etag) != std::string_view::npos)) {
    res.status = 304;
    return res;
  }
  const std::string encoding = choose_encoding(req.headers.get("Accept-Encoding"),
                                               !asset->brotli.empty(), !asset->gzip.empty());
  if (encoding == "br") {
    res.headers.set("Content-Encoding", "br");
    res.body = asset->brotli;
  } else if (encoding == "gzip") {
    res.headers.set("Content-Encoding", "gzip");
    res.body = asset->gzip;
  } else {
    res.body = asset->identity;
  }
  return res;
}

}  // namespace schakel::web
