// The request pipeline of the App: static files, routing, session and
// principal, the second-factor gate, the page cache, body and CSRF checks, the
// route's declared access, the handler, and the last-resort error answer.
#include <spdlog/spdlog.h>

#include <chrono>

#include "app/app.hpp"
#include "core/log.hpp"
#include "core/random.hpp"
#include "core/role.hpp"
#include "store/changes.hpp"
#include "view/escape.hpp"
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
// How long a page cached for a signed-in audience is served at most.
constexpr std::int64_t signed_in_max_age_seconds = 60;

web::UploadSlots& upload_slots() {
  static web::UploadSlots slots(upload_slot_count);
  return slots;
}

// The part of a page cache key that names the signed-in visitor's audience:
// every field of the principal that the audience does not leave out (the name
// is a slot, never part of a key).
std::string audience_key(Audience audience, const web::Principal& user) {
  std::string key(role_name(user.role));
  key += user.totp_enabled ? "+totp" : "-totp";
  key += user.spoc_of.empty() ? "" : "+spoc";
  if (audience == Audience::role) return "r:" + key;
  key += "|" + user.nis_code + "|";
  for (const auto& nis : user.spoc_of) key += nis + ",";
  if (audience == Audience::municipality) return "m:" + key;
  return "p:" + std::to_string(user.id) + "|" + user.email + "|" + key;
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
  SlotValues values;
  if (probe.cacheable && probe.signed_in) values = mark_slots(req);
  web::Response res;
  try {
    res = route.handler(req);
  } catch (...) {
    if (values.session) unmark_slots(req, values);
    throw;
  }
  if (values.session) unmark_slots(req, values);
  keep_in_cache(req, res, probe, values);
  return res;
}

void App::load_principal(web::Request& req, const std::map<std::string, std::string>& cookies) {
  auto it = cookies.find(web::SessionStore::cookie_name);
  if (it == cookies.end()) return;
  // One statement when this node's cache holds the session and its principal;
  // it also reads the change feed's position for the page cache.
  req.session = sessions_.load(it->second, &req.feed_position);
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
  if (!is_safe_method(req.method)) return std::nullopt;
  // A session without a principal (a stored anonymous one, a pending second
  // factor) takes the slow path, as does a session with a flash message to show.
  if (req.session && (!req.user || !req.session->flash.empty())) return std::nullopt;
  {
    std::lock_guard<std::mutex> lock(cache_mutex_);
    auto c = cacheable_.find(route.pattern);
    if (config_.page_cache && c != cacheable_.end()) {
      probe->signed_in = req.user.has_value();
      probe->cacheable =
          probe->signed_in ? c->second.signed_in != Audience::none : c->second.anonymous;
      // The session epoch is in the key: it moves with every write to an account,
      // its role, its municipalities or a membership on any node (not with a
      // session write: web/sessions.hpp), so a page showing a name or a
      // membership is not served after such a write elsewhere.
      if (probe->cacheable && probe->signed_in && req.session->epoch < 0) probe->cacheable = false;
      if (probe->cacheable && probe->signed_in)
        probe->key = "e" + std::to_string(req.session->epoch) + "|" +
                     audience_key(c->second.signed_in, *req.user) + "\n" + req.target;
      else if (probe->cacheable)
        probe->key = req.target;
    }
    probe->epoch = cache_epoch_;
  }
  // The route's requirement is checked before a cached page is served (keys
  // hold the role, so this only keeps the order of the checks plain).
  if (!probe->cacheable || !route.options.access.admits(req.user)) return std::nullopt;
  // Any node may have written since: a cached page is served only while the
  // change feed stands where it stood before the page was rendered. The session
  // check read the position in its statement already (web/sessions.hpp).
  probe->feed_version =
      req.feed_position >= 0
          ? req.feed_position
          : db_.run([](soci::session& sql) { return store::latest_change_id(sql); });
  std::shared_ptr<const CachedPage> hit;
  {
    std::lock_guard<std::mutex> lock(cache_mutex_);
    if (auto* found = page_cache_.find(probe->key)) hit = *found;  // now the most recent
  }
  if (!hit || hit->feed_version != probe->feed_version ||
      (hit->response.cache_until && clock_.now() >= *hit->response.cache_until)) {
    page_cache_misses_.fetch_add(1, std::memory_order_relaxed);
    // A page from before the feed's position or past its time is never served
    // again: it goes now rather than hold its place as the most recent.
    if (hit && hit->feed_version <= probe->feed_version) forget_page(probe->key, hit);
    return std::nullopt;
  }
  page_cache_hits_.fetch_add(1, std::memory_order_relaxed);
  web::Response res = hit->response;
  if (hit->slotted) res.body = stitch(*hit->slotted, req.session->csrf_token, req.user->name);
  return res;
}

App::SlotValues App::mark_slots(web::Request& req) const {
  SlotValues values{req.session, req.session->csrf_token, req.user->name};
  // A copy: the session object may be shared with other requests.
  auto marked = std::make_shared<web::Session>(*req.session);
  marked->csrf_token = slot_marker_ + static_cast<char>(Slot::csrf);
  req.session = std::move(marked);
  req.user->name = slot_marker_ + static_cast<char>(Slot::name);
  return values;
}

void App::unmark_slots(web::Request& req, const SlotValues& values) {
  // The copy stays the request's session: it holds what the handler changed.
  if (req.session) req.session->csrf_token = values.csrf_token;
  if (req.user) req.user->name = values.name;
}

App::SlottedBody App::cut_at_slots(const std::string& body) const {
  SlottedBody out;
  std::size_t from = 0;  // start of the text before the next slot
  std::size_t look = 0;  // where to look for the next marker
  for (;;) {
    const std::size_t at = body.find(slot_marker_, look);
    if (at == std::string::npos) break;
    const std::size_t end = at + slot_marker_.size();
    if (end >= body.size()) break;
    const char letter = body[end];
    if (letter != static_cast<char>(Slot::csrf) && letter != static_cast<char>(Slot::name)) {
      look = end;  // not a slot: the random prefix followed by something else; text kept
      continue;
    }
    out.text.push_back(body.substr(from, at - from));
    out.slots.push_back(static_cast<Slot>(letter));
    from = look = end + 1;
  }
  out.text.push_back(body.substr(from));
  return out;
}

std::string App::stitch(const SlottedBody& slotted, const std::string& csrf_token,
                        const std::string& name) {
  std::size_t size = 0;
  for (const auto& t : slotted.text) size += t.size();
  std::string out;
  out.reserve(size + slotted.slots.size() * (csrf_token.size() + 6 * name.size()));
  for (std::size_t i = 0; i < slotted.slots.size(); ++i) {
    out += slotted.text[i];
    view::append_html_escaped(out, slotted.slots[i] == Slot::csrf ? csrf_token : name);
  }
  out += slotted.text.back();
  return out;
}

void App::forget_page(const std::string& key, const std::shared_ptr<const CachedPage>& page) {
  std::lock_guard<std::mutex> lock(cache_mutex_);
  if (auto* found = page_cache_.find(key); found && *found == page) page_cache_.erase(key);
}

void App::keep_in_cache(const web::Request& req, web::Response& res, const CacheProbe& probe,
                        const SlotValues& values) {
  std::optional<SlottedBody> slotted;
  if (values.session) {
    // Whatever the handler answered, the requester gets their own values.
    slotted = cut_at_slots(res.body);
    res.body = stitch(*slotted, values.csrf_token, values.name);
  }
  if (!probe.cacheable || res.status != 200 || req.clear_session_cookie) return;
  if (probe.signed_in) {
    // Not kept: an answer the handler marked as personal, one that set a cookie,
    // one after which the visitor is no longer the same principal, or one that
    // showed or left a flash message.
    if (!values.session || !req.user || !req.session || req.session->flash_changed ||
        res.headers.get("Cache-Control").find("no-store") != std::string_view::npos ||
        res.headers.has("Set-Cookie"))
      return;
  } else if (req.session) {
    return;
  }
  auto page = std::make_shared<CachedPage>();
  page->response = res;
  page->feed_version = probe.feed_version;
  if (probe.signed_in) {
    // Signed-in pages also show data outside the change feed (names, dates of
    // membership): on another node's write they are at most this old.
    const std::int64_t latest = clock_.now() + signed_in_max_age_seconds;
    if (!page->response.cache_until || *page->response.cache_until > latest)
      page->response.cache_until = latest;
  }
  if (slotted) {
    page->response.body.clear();
    page->slotted = std::move(slotted);
  }
  const std::size_t bytes = page_bytes(*page);
  std::lock_guard<std::mutex> lock(cache_mutex_);
  // A page rendered before the last invalidation may show old data: not kept.
  if (probe.epoch != cache_epoch_) return;
  // The least recently used pages make room; a page above the budget is not kept.
  page_cache_.insert(probe.key, std::move(page), bytes);
}

std::size_t App::page_bytes(const CachedPage& page) {
  std::size_t bytes = sizeof(CachedPage) + page.response.body.size();
  for (const auto& [name, value] : page.response.headers.fields())
    bytes += name.size() + value.size() + 2 * sizeof(std::string);
  if (page.slotted)
    for (const auto& text : page.slotted->text) bytes += text.size() + sizeof(std::string) + 1;
  return bytes;
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
  web::BodyPlan plan{0, config_.limits.form_body_bytes, false, false};
  auto found = router_.find(head.method, head.path);
  auto* match = std::get_if<web::RouteMatch>(&found);
  if (!match) return plan;
  // Handlers that may take long run off the event loop: every write (it waits
  // for the database's lock and its sync to disk; signing in hashes a password),
  // uploads, and the routes that say they run long (PDFs, exports).
  plan.off_loop = !is_safe_method(head.method) || match->route->options.runs_long ||
                  match->route->options.accepts_upload;
  if (!match->route->options.accepts_upload) return plan;
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
