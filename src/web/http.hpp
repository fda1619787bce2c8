#pragma once
// The request and response types that features see. They hold no Beast types,
// so feature code compiles without Boost.Beast headers.
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/role.hpp"
#include "web/form.hpp"
#include "web/multipart.hpp"

namespace schakel::web {

// Case-insensitive ASCII comparison of header names.
bool iequals(std::string_view a, std::string_view b);

// HTTP header fields in order of arrival; names compared case-insensitively.
class Headers {
 public:
  // The first value of `name`, or "" when absent.
  std::string_view get(std::string_view name) const;
  bool has(std::string_view name) const;
  // Replaces every field called `name` by one with `value`.
  void set(std::string name, std::string value);
  // Adds a field, keeping existing ones (for Set-Cookie).
  void add(std::string name, std::string value);
  const std::vector<std::pair<std::string, std::string>>& fields() const { return fields_; }

 private:
  std::vector<std::pair<std::string, std::string>> fields_;
};

struct Session;  // web/sessions.hpp

// A request body the server wrote to an unlinked temporary file (uploads), mapped
// read-only into memory. Owns the file descriptor.
class SpooledBody {
 public:
  // Takes ownership of `fd`, an open file positioned anywhere. Throws
  // std::runtime_error when the file cannot be mapped.
  explicit SpooledBody(int fd);
  ~SpooledBody();
  SpooledBody(const SpooledBody&) = delete;
  SpooledBody& operator=(const SpooledBody&) = delete;
  // The whole body; valid while this object lives.
  std::string_view view() const { return {static_cast<const char*>(map_), size_}; }

 private:
  int fd_ = -1;
  void* map_ = nullptr;
  std::size_t size_ = 0;
};

// The signed-in user as the request sees it (set by the app from the session).
struct Principal {
  std::int64_t id = 0;
  std::string name;
  std::string email;
  Role role = Role::professional;
  std::string nis_code;              // home municipality; "" when none
  std::vector<std::string> spoc_of;  // municipalities a SPOC speaks for
  bool totp_enabled = false;
  bool needs_totp_setup = false;  // a coordinator or admin without a second factor yet
  // True when it depends only on rows whose writes raise the session epoch, and
  // on the clock only through cached_until, so a node may keep it with the
  // cached session (web/sessions.hpp).
  bool cacheable = false;
  // The instant from which this principal may read differently without any
  // write (a SPOC's municipality whose membership starts or ends then); none
  // when no such instant is known. A cached copy is not served from then on.
  std::optional<std::int64_t> cached_until = std::nullopt;
};

// One HTTP request as handlers see it. Owned by the server for the duration of
// the handler call.
struct Request {
  std::string method;  // "GET", "POST", ... (HEAD is served as GET)
  std::string target;  // as received: path and query
  std::string path;    // percent-decoded path without the query
  std::string query;   // raw query string without '?'
  Headers headers;
  std::string body;
  std::shared_ptr<SpooledBody> spooled;  // the body when the server spooled it to a file
  std::string remote_ip;
  bool secure = false;  // reached over TLS (directly or per a trusted proxy)
  std::string request_id;
  std::map<std::string, std::string> params;  // path parameters from the router
  std::shared_ptr<Session> session;           // set by the app when a session exists
  std::optional<Principal> user;              // set by the app when signed in
  bool clear_session_cookie = false;          // set when the session ended (sign-out)
  Form query_params;                          // parsed query string (set by the app)
  Form form;                                  // parsed urlencoded or multipart fields (POST)
  // The file parts of a multipart body (set by the app, which parses the body
  // once): views into body_view(), valid while this request's body lives
  // unchanged. Read them with web::file_part.
  std::vector<PartView> files;
  // The change feed's latest id as read with the session check (the page cache
  // compares it with a cached page's); -1 when not read for this request.
  std::int64_t feed_position = -1;

  // The path parameter `name`; "" when the route has none by that name.
  std::string param(const std::string& name) const;
  // The body, whether held in memory or spooled to a file.
  std::string_view body_view() const { return spooled ? spooled->view() : std::string_view(body); }
};

// The path parameter `name` read as an id (schakel::parse_id), or 0 when it is none.
std::int64_t id_param(const Request& req, const std::string& name);

// One HTTP response. Handlers fill status, body and headers; the server adds
// security headers, Content-Length and Date.
struct Response {
  int status = 200;
  Headers headers;
  std::string body;
  // For pages cached for anonymous visitors: the Unix time from which this page
  // may read differently without any data changing (it depends on the clock);
  // nullopt: it changes only with the data.
  std::optional<std::int64_t> cache_until;

  static Response html(std::string body, int status = 200);
  static Response text(std::string body, int status = 200);
  static Response json(std::string body, int status = 200);
  // 303 See Other to `location` (a path on this site).
  static Response redirect(std::string location, int status = 303);
};

// The Dutch reason phrase of a status for error pages ("Pagina niet gevonden").
std::string_view status_title_nl(int status);

}  // namespace schakel::web
