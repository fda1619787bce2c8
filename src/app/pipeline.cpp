// The request pipeline of the App: static files, routing, session and
// principal, the second-factor gate, the page cache, body and CSRF checks, the
// route's declared access, the handler, and the last-resort error answer.
#include <spdlog/spdlog.h>

#include <chrono>

#include "app/app.hpp"
#include "core/log.hpp"
#include "core/random.hpp"
#include "store/changes.hpp"
#include "web/cookies.hpp"
#include "web/form.hpp"
#include "web/multipart.hpp"
#include "web/security_headers.hpp"
#include "web/upload_slots.hpp"

namespace schakel {

namespace {

bool is_safe_method(const std::string& method) { return method == "GET" || method == "HEAD"; }

// Requests to the JSON API get their errors as JSON, also for unknown paths.
bool is_api(const web::Request& req) {
  return req.path == "/api" || req.path.rfind("/api/", 0) == 0;
}

std::string media_type(std::string_view content_type) {
  std::string out(content_type.substr(0, content_type.find(';')));
  while (!out.empty() && out.back() == ' ') out.pop_back();
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Accepted uploads whose bytes are being parsed, checked and stored at once.
// Each may cost a few times the upload limit in memory (the mapped body, and
// the copies the database client makes), so there are at most
// upload_slot_count, whatever the number of threads, for the whole process. A
// request waits at most upload_slot_wait for a slot, then gets 503 with
// Retry-After (web/upload_slots.hpp has the contract).
constexpr std::size_t upload_slot_count = 2;
constexpr std::chrono::milliseconds upload_slot_wait{5000};
constexpr int upload_retry_after_seconds = 5;

web::UploadSlots& upload_slots() {
  static web::UploadSlots slots(upload_slot_count);
  return slots;
}

}  // namespace

web::Response App::handle(web::Request& req) {
  const auto started = std::chrono::steady_clock::now();
  std::size_t slot = request_metrics_.unmatched();
  web::Response res;
  try {
    res = dispatch(req, slot);
    finish(req, res);
    // A write here should reach this node's caches and search index at once,
    // not at the next poll of the change feed: the page cache before the answer.
    // A refused request (4xx) wrote nothing: it must not empty the cache, or any
    // anonymous client could keep it empty with junk posts.
    if (!is_safe_method(req.method) && res.status < 400) invalidate_page_cache();
    if (req.method == "POST" && follower_) follower_->poke();
  } catch (const std::exception& e) {
    log::app()->error("incident {}: {} {}: {}", req.request_id, req.method, req.path, e.what());
    req.session.reset();  // do not write session state of a failed request
    res =
        is_api(req)
            ? json_error(500, "Er ging iets mis aan onze kant (referentie " + req.request_id + ").")
            : error_page(nullptr, 500, "", req.request_id);
  }
  web::add_security_headers(res, req.secure);
  if (!res.headers.has("Cache-Control")) res.headers.set("Cache-Control", "no-store");
  request_metrics_.record(
      slot, res.status,
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
  return res;
}

web::Response App::dispatch(web::Request& req, std::size_t& slot) {
  if (req.path.rfind("/static/", 0) == 0) {
    if (auto asset = assets_->serve(req)) {
      slot = request_metrics_.static_assets();
      return *asset;
    }
  }
  const bool api = is_api(req);
  auto query = web::parse_urlencoded(req.query);
  if (!query)
    return api ? json_error(400, query.error().fields.front().message)
               : error_page(&req, 400, query.error().fields.front().message);
  req.query_params = std::move(query).value();

  auto found = router_.find(req.method, req.path);
  if (std::holds_alternative<web::NoRoute>(found))
    return api ? json_error(404, "Dit adres bestaat niet in de API.") : error_page(&req, 404);
  if (auto* wrong = std::get_if<web::WrongMethod>(&found)) {
    auto res = api ? json_error(405, "Deze methode kan hier niet gebruikt worden.")
                   : error_page(&req, 405);
    res.headers.set("Allow", wrong->allow);
    return res;
  }
  auto& match = std::get<web::RouteMatch>(found);
  req.params = std::move(match.params);
  const web::Route& route = *match.route;
  slot = request_metrics_.slot_of(&route);

  const auto cookies = web::parse_cookies(req.headers.get("Cookie"));
  load_principal(req, cookies);
  if (auto gate = second_factor_gate(req, route)) return *gate;

  CacheProbe probe;
  if (auto hit = cached_page(req, route, &probe)) return *hit;

  std::optional<web::UploadSlots::Slot> upload_slot;  // held until the handler returns
  if (!is_safe_method(req.method)) {
    if (req.spooled) {
      // An accepted upload: its bytes are touched (parsed, checked, stored) only
      // while this request holds one of the few upload slots (see upload_slots()),
      // whatever its Content-Type claims.
      upload_slot = upload_slots().acquire(upload_slot_wait);
      if (!upload_slot) return uploads_busy(req);
    }
    if (auto refused = read_body(req, route, cookies)) return *refused;
  }

  // The route's declared requirement, after the body and CSRF checks so that a
  // refused request answers as it did before (a forged POST is a 403 either way).
  if (!route.options.access.admits(req.user)) {
    if (!req.user) return sign_in_first(req);
    return deny(req, "requires " + route.options.access.describe(),
                "route:" + route.method + " " + route.pattern);
  }
  web::Response res = route.handler(req);
  keep_in_cache(req, res, probe);
  return res;
}

void App::load_principal(web::Request& req, const std::map<std::string, std::string>& cookies) {
  auto it = cookies.find(web::SessionStore::cookie_name);
  if (it == cookies.end()) return;
  req.session = sessions_.load(it->second);
  if (req.session && req.session->user_id && principal_loader_) {
    // This node's session cache may hold the account too (web/sessions.hpp).
    if (req.session->principal) {
      req.user = *req.session->principal;
      return;
    }
    req.user = principal_loader_(*req.session->user_id);
    if (req.user && req.user->cacheable) sessions_.remember_principal(*req.session, *req.user);
    if (!req.user) {  // the account is gone: so is its session
      sessions_.destroy(*req.session);
      req.session.reset();
      req.clear_session_cookie = true;
    }
  }
}

std::optional<web::Response> App::second_factor_gate(web::Request& req, const web::Route& route) {
  // Coordinators and admins set up their second factor before anything else.
  if (!req.user || !req.user->needs_totp_setup ||
      route.options.access.allows_without_second_factor())
    return std::nullopt;
  if (is_safe_method(req.method)) {
    req.session->add_flash("info",
                           "Stel eerst tweestapsverificatie in: dat is verplicht voor je rol.");
    return web::Response::redirect("/profiel/tweestapsverificatie");
  }
  return error_page(
      &req, 403, "Stel eerst tweestapsverificatie in op je profiel: dat is verplicht voor je rol.");
}

std::optional<web::Response> App::cached_page(const web::Request& req, const web::Route& route,
                                              CacheProbe* probe) {
  if (!is_safe_method(req.method) || req.session) return std::nullopt;
  {
    std::lock_guard<std::mutex> lock(cache_mutex_);
    auto c = cacheable_.find(route.pattern);
    probe->cacheable = config_.page_cache && c != cacheable_.end() && c->second;
    probe->epoch = cache_epoch_;
  }
  if (!probe->cacheable) return std::nullopt;
  // Any node may have written since: a cached page is served only while the
  // change feed stands where it stood before the page was rendered.
  probe->feed_version = db_.run([](soci::session& sql) { return store::latest_change_id(sql); });
  std::lock_guard<std::mutex> lock(cache_mutex_);
  auto hit = page_cache_.find(req.target);
  if (hit != page_cache_.end() && hit->second.feed_version == probe->feed_version &&
      (!hit->second.response.cache_until || clock_.now() < *hit->second.response.cache_until))
    return hit->second.response;
  return std::nullopt;
}

void App::keep_in_cache(const web::Request& req, const web::Response& res,
                        const CacheProbe& probe) {
  if (!probe.cacheable || res.status != 200 || req.session || req.clear_session_cookie) return;
  std::lock_guard<std::mutex> lock(cache_mutex_);
  // A page rendered before the last invalidation may show old data: not kept.
  if (probe.epoch != cache_epoch_) return;
  if (page_cache_.size() > 2000) page_cache_.clear();
  page_cache_[req.target] = CachedPage{res, probe.feed_version};
}

web::Response App::uploads_busy(const web::Request& req) const {
  log::app()->warn("upload slots all taken: {} {} request {}", req.method, req.path,
                   req.request_id);
  auto res = error_page(&req, 503,
                        "Er worden nu veel bestanden tegelijk opgeladen. Probeer het over "
                        "enkele seconden opnieuw.");
  res.headers.set("Retry-After", std::to_string(upload_retry_after_seconds));
  return res;
}

std::optional<web::Response> App::read_body(web::Request& req, const web::Route& route,
                                            const std::map<std::string, std::string>& cookies) {
  const std::string type = media_type(req.headers.get("Content-Type"));
  if (type == "application/x-www-form-urlencoded") {
    auto form = web::parse_urlencoded(req.body_view());
    if (!form) return error_page(&req, 400, form.error().fields.front().message);
    req.form = std::move(form).value();
  } else if (type == "multipart/form-data") {
    auto boundary = web::multipart_boundary(req.headers.get("Content-Type"));
    if (!boundary) return error_page(&req, 400, boundary.error().fields.front().message);
    // Plain fields are copied into the form; file parts are not copied at all:
    // they stay views into the (spooled, mapped) body in req.files, which
    // handlers read with web::file_part.
    auto parts = web::parse_multipart_views(req.body_view(), boundary.value());
    if (!parts) return error_page(&req, 400, parts.error().fields.front().message);
    for (auto& part : std::move(parts).value()) {
      if (!part.is_file())
        req.form.add(std::move(part.name), std::string(part.data));
      else
        req.files.push_back(std::move(part));
    }
  } else if (!req.body_view().empty()) {
    return error_page(&req, 415);
  }
  // An anonymous visitor without a stored session posts with the token derived
  // from their cookie; handlers always find a session on a POST.
  if (!req.session && !req.clear_session_cookie &&
      cookies.count(web::SessionStore::cookie_name) > 0 &&
      web::SessionStore::well_formed(cookies.at(web::SessionStore::cookie_name)))
    req.session = anonymous_session(req);
  if (route.options.csrf_exempt) return std::nullopt;
  std::string sent = req.form.get("_csrf");
  if (sent.empty()) sent = std::string(req.headers.get("X-CSRF-Token"));
  if (csrf_accepted(req, sent)) return std::nullopt;
  log::app()->warn("csrf rejected: {} {} request {}", req.method, req.path, req.request_id);
  return error_page(&req, 403,
                    "Dit formulier is verlopen of kwam niet van deze website. Laad de pagina "
                    "opnieuw en probeer het nog eens.");
}

void App::finish(web::Request& req, web::Response& res) {
  web::CookieOptions options;
  if (req.session) {
    web::Session& s = *req.session;
    // A transient session is stored only when it carries something to keep.
    if (!s.stored && (s.user_id || s.pending_user_id || (s.flash_changed && !s.flash.empty())))
      sessions_.persist(s);
    if (s.is_new) {
      // Signed in: the cookie lasts as long as the session may. Anonymous: a
      // session cookie, gone when the browser closes.
      options.max_age = s.user_id ? sessions_.policy().absolute_seconds : -1;
      res.headers.add("Set-Cookie",
                      web::set_cookie(web::SessionStore::cookie_name, s.token, options));
    }
    if (s.stored && s.flash_changed) sessions_.save_flash(s);
  } else if (req.clear_session_cookie) {
    options.max_age = 0;
    res.headers.add("Set-Cookie", web::set_cookie(web::SessionStore::cookie_name, "", options));
  }
}

web::BodyPlan App::body_plan(const web::Request& head) {
  web::BodyPlan plan{0, config_.limits.form_body_bytes, false};
  auto found = router_.find(head.method, head.path);
  auto* match = std::get_if<web::RouteMatch>(&found);
  if (!match || !match->route->options.accepts_upload) return plan;
  // An upload body is read only for a signed-in session whose CSRF token came in
  // the head (X-CSRF-Token, or ?csrf= in the form's action): anyone else is
  // refused before a byte of it is read, so that no anonymous client can make
  // the server hold or spool megabytes.
  std::shared_ptr<web::Session> session;
  const auto cookies = web::parse_cookies(head.headers.get("Cookie"));
  if (auto it = cookies.find(web::SessionStore::cookie_name); it != cookies.end())
    session = sessions_.load(it->second);
  std::string sent(head.headers.get("X-CSRF-Token"));
  if (sent.empty()) {
    if (auto query = web::parse_urlencoded(head.query)) sent = query.value().get("csrf");
  }
  const bool signed_in = session && session->user_id && principal_loader_ &&
                         principal_loader_(*session->user_id).has_value();
  if (!signed_in || sent.empty() || !equal_secret(sent, session->csrf_token)) {
    log::app()->warn("upload refused before its body: {} {}", head.method, head.path);
    plan.refuse = 403;
    return plan;
  }
  plan.limit = config_.limits.upload_body_bytes;
  plan.spool = true;
  return plan;
}

}  // namespace schakel
