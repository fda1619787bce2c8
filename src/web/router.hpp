#pragma once
// Maps a method and a path to a handler. Patterns are paths whose segments are
// literals or parameters in braces: "/kennisbank/{slug}". Literal segments win
// over parameters. HEAD is answered by the GET route of the same path.
#include <functional>
#include <string>
#include <variant>
#include <vector>

#include "web/access.hpp"
#include "web/http.hpp"

namespace schakel::web {

using Handler = std::function<Response(Request&)>;

// What a route accepts beyond the defaults.
struct RouteOptions {
  bool accepts_upload = false;  // body up to Limits::upload_body_bytes instead of form size
  bool csrf_exempt = false;     // non-GET route that carries its own proof (e.g. a signed token)
  bool runs_long = false;       // may take long (a PDF, an export): runs off the event loop
  Access access = {};           // who may call it; checked before the handler runs
};

struct Route {
  std::string method;
  std::string pattern;
  Handler handler;
  RouteOptions options;
};

struct RouteMatch {
  const Route* route;
  std::map<std::string, std::string> params;
};
struct NoRoute {};  // 404
struct WrongMethod {
  std::string allow;  // value of the Allow header: "GET, HEAD, POST"
};
using Lookup = std::variant<RouteMatch, NoRoute, WrongMethod>;

// Not thread-safe while adding; add every route before the server starts, after
// which lookups from many threads are safe.
class Router {
 public:
  // Adds a route. Throws std::invalid_argument for a malformed pattern or a
  // duplicate method+pattern.
  void add(std::string method, std::string pattern, Handler handler, RouteOptions options = {});
  void get(std::string pattern, Handler h, RouteOptions o = {}) {
    add("GET", std::move(pattern), std::move(h), o);
  }
  void post(std::string pattern, Handler h, RouteOptions o = {}) {
    add("POST", std::move(pattern), std::move(h), o);
  }

  // The route for `method` and percent-decoded `path`.
  Lookup find(std::string_view method, std::string_view path) const;
  const std::vector<Route>& routes() const { return routes_; }

 private:
  static bool match(const std::vector<std::string>& pattern,
                    const std::vector<std::string_view>& path,
                    std::map<std::string, std::string>* params, int* literal_count);
  std::vector<Route> routes_;
  std::vector<std::vector<std::string>> segments_;  // parallel to routes_
};

}  // namespace schakel::web
