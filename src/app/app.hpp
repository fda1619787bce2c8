#pragma once
// The application: configuration, database, router, views, sessions and the
// request pipeline that every feature's routes run in. Features register
// themselves with one install(App&) function each (see root/features.cpp).
#include <atomic>
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/lru_cache.hpp"
#include "core/clock.hpp"
#include "core/config.hpp"
#include "core/result.hpp"
#include "jobs/runner.hpp"
#include "mail/mail.hpp"
#include "store/changes.hpp"
#include "store/database.hpp"
#include "view/renderer.hpp"
#include "web/metrics.hpp"
#include "web/router.hpp"
#include "web/server.hpp"
#include "web/sessions.hpp"
#include "web/static_assets.hpp"

namespace spdlog {
class logger;
}

namespace schakel::search {
class SearchEngine;
}

namespace schakel {

// Demo content of one feature: loads into an empty database inside one transaction.
struct DemoLoader {
  std::string feature;
  int order = 0;  // lower runs first (network before accounts, ...)
  std::function<void(soci::session&, const Clock&)> load;
  // Deletes the feature's demo rows (demo --force), through its own store. Runs
  // before any loader, in the reverse order of loading: later features refer to
  // earlier ones (resources to their authors, the authors to their municipality).
  std::function<void(soci::session&)> unload;
};

// A line of the coordinator's dashboard: something that waits for the
// coordinator now, with a link to where it is handled.
struct AttentionLine {
  std::string text;  // plain Dutch, e.g. "3 kennisbankitems wachten op nazicht"
  std::string href;  // the page where it is handled (must open for a coordinator)
  std::int64_t count = 0;
  std::string level = "info";  // "info", "warning" or "urgent"
};

// What one feature contributes to the dashboard. `lines` reads through the
// feature's own stores in the caller's read transaction and returns only lines
// whose cause is present now (none when all is handled).
struct AttentionSource {
  std::string key;    // unique, e.g. "catalog.review"
  std::string group;  // heading on the dashboard: "Kennisbank", "Vorming", ...
  int order = 0;      // lower shows first
  std::function<std::vector<AttentionLine>(soci::session&, std::int64_t now)> lines;
};

// Something new on the platform, for digests and newsletters (issue 14).
struct NewsItem {
  std::string kind;     // a digest kind name: "resources", "trainings", "initiatives", "meetings"
  std::string key;      // stable and unique across sources, e.g. "resource:12" (what a
                        // digest remembers having sent)
  std::string title;    // plain text
  std::string summary;  // plain text, one or two sentences; may be empty
  std::string href;     // relative link, e.g. "/kennisbank/12"
  std::vector<std::string> themes;           // catalog theme codes; empty when it has none
  std::int64_t at = 0;                       // when it became news (published, announced)
  bool network_only = false;                 // true: only for SPOCs, coordinators and admins
  std::vector<std::int64_t> for_users = {};  // not empty: only for these people
};

// What one feature contributes to digests and newsletters. `items` reads through
// the feature's own stores, in the caller's read transaction, the news that
// became news in [from, until), oldest first.
struct NewsSource {
  std::string key;  // unique, e.g. "catalog.resources"
  std::function<std::vector<NewsItem>(soci::session&, std::int64_t from, std::int64_t until)> items;
};

// How the full export (`schakel export`, issue 15) treats one table. Every table
// of the migrated schema has exactly one declaration, made by its owner's
// install(App&) (the shared layers' tables by archive::install).
struct ArchiveTable {
  enum class Mode {
    data,     // exported; an import needs it empty
    seeded,   // exported; migrations fill it, so an import replaces its rows
    secret,   // every row is a secret (token hashes): exported only with secrets
    skipped,  // ephemeral (sessions, rate limits, leases): never exported
  };
  std::string table;
  std::string owner;  // the folder that owns it, as in its migration's header
  Mode mode = Mode::data;
  // Columns holding secrets (password hashes, TOTP secrets): left out of an
  // export without secrets; an import of such an archive writes the value given
  // here instead (JSON: null, a number or a string), one that unlocks nothing.
  std::vector<std::pair<std::string, nlohmann::json>> secret_columns = {};
  // Other columns an import without secrets sets (a second factor turned off,
  // since its secret is gone), as column and value.
  std::vector<std::pair<std::string, nlohmann::json>> reset_without_secrets = {};
  // For key/value tables: the primary-key values of rows that are secrets (the
  // signing key), left out without secrets.
  std::vector<std::string> secret_rows = {};
  // For key/value tables: the primary-key values of rows that describe this
  // installation rather than its content (the last backup's outcome), never exported.
  std::vector<std::string> skipped_rows = {};
};

// Declarations of `tables` of `owner`, all in `mode` (for install()).
inline std::vector<ArchiveTable> archive_tables_of(
    const std::string& owner, const std::vector<std::string>& tables,
    ArchiveTable::Mode mode = ArchiveTable::Mode::data) {
  std::vector<ArchiveTable> out;
  for (const auto& table : tables) out.push_back(ArchiveTable{table, owner, mode});
  return out;
}

// Whom a page's HTML is the same for among signed-in visitors (see
// PageOptions::signed_in). Each level's key holds every field of the principal
// but those it names as not mattering; the person's name is never part of a
// key: it is stitched in at serve time (as is the session's CSRF token).
enum class Audience {
  none,          // not cached for signed-in visitors (the default)
  role,          // the same for everyone with one role (and totp state)
  municipality,  // ... and one home municipality and set of SPOC municipalities
  person,        // the same only for one person (keyed by user id and every field)
};

// Route options of a GET page. With cache_for_anonymous, the page's HTML is the
// same for every anonymous visitor; with `signed_in` other than none, it is the
// same for every signed-in visitor of one audience, once their name and CSRF
// token are stitched in. Either way the app may serve it from a cache that any
// write on this node empties and that the change feed's position guards.
// A handler whose answer for a signed-in visitor depends on more than its route's
// audience (an author who sees their own draft, a visit that is audited) sets
// "Cache-Control: no-store" on that answer: it is then not kept.
struct PageOptions {
  bool cache_for_anonymous = false;     // only for pages whose access is anyone
  web::Access access = {};              // who may open the page (see web::Access)
  Audience signed_in = Audience::none;  // what the page depends on when signed in
};

class App {
 public:
  // Requires: `db` migrated, `clock` and `db` outlive the App.
  App(Config config, store::Database& db, const Clock& clock);
  ~App();

  const Config& config() const { return config_; }
  store::Database& db() { return db_; }
  const Clock& clock() const { return clock_; }
  web::Router& router() { return router_; }
  const view::Renderer& renderer() const { return *renderer_; }
  web::SessionStore& sessions() { return sessions_; }
  const web::StaticAssets& assets() const { return *assets_; }
  jobs::JobRunner& jobs() { return *jobs_; }
  mail::Outbox& outbox() { return *outbox_; }
  // The search engine; features add their documents in install(). Finds nothing
  // until start_search().
  search::SearchEngine& search() { return *search_; }

  // The public URL of the site (for links in mails), without a trailing slash.
  std::string base_url() const;
  void set_base_url(std::string url);
  // Renders mail `name` of `feature` ("accounts/mail_confirm" uses the templates
  // accounts/mail_confirm_text and accounts/mail_confirm_html) inside the mail
  // layouts. A relative "link" in `model` is made absolute.
  mail::Mail compose_mail(const std::string& to, const std::string& name,
                          nlohmann::json model) const;

  // Answers a permission denial: logs it, writes it in the audit log and returns
  // a 403 page (or 404 when the object's existence is itself private).
  web::Response deny(const web::Request& req, const std::string& action, const std::string& object,
                     int status = 403);
  // The form-error part of a view model: {"errors": {field: message}, "error_summary":
  // [{field, message}]} for templates that tie messages to their fields.
  static nlohmann::json form_errors(const Error& error);
  // A redirect to the sign-in page that comes back to this request's page.
  web::Response sign_in_first(const web::Request& req) const;

  // A route handler written as a free function of the app and the request.
  using AppHandler = web::Response (*)(App&, web::Request&);
  // `handler` bound to this app, for the router: install() lists named handlers
  // as `r.get("/x", app.bind(x_page), options)`.
  web::Handler bind(AppHandler handler) {
    return [this, handler](web::Request& req) { return handler(*this, req); };
  }

  // Registers a GET page. With cache_for_anonymous, responses to visitors without
  // a session are cached until the next change in the feed, or until the
  // response's cache_until when the handler set one; with options.signed_in, the
  // same for signed-in visitors of one audience (see Audience), except when
  // their session holds a flash message.
  void page(std::string pattern, web::Handler handler, PageOptions options = {});
  void add_demo_loader(DemoLoader loader);
  // Registers a dashboard contribution (in install()). Requires: a unique key.
  void add_attention_source(AttentionSource source);
  // Every contribution, sorted by order then key.
  const std::vector<AttentionSource>& attention_sources() const { return attention_sources_; }
  // Registers a source of news for digests and newsletters (in install()).
  // Requires: a unique key.
  void add_news_source(NewsSource source);
  // Every news source, in the order they were added.
  const std::vector<NewsSource>& news_sources() const { return news_sources_; }
  const std::vector<DemoLoader>& demo_loaders() const { return demo_loaders_; }
  // Declares how the full export treats tables (in install()). Requires: no
  // table declared twice (throws std::logic_error).
  void add_archive_tables(std::vector<ArchiveTable> tables);
  // Every declaration, sorted by table name.
  const std::vector<ArchiveTable>& archive_tables() const { return archive_tables_; }
  // Looks up the signed-in user for a session's user id (set by accounts).
  void set_principal_loader(std::function<std::optional<web::Principal>(std::int64_t)> loader);

  // An API error: {"error": {"status", "message", "field"}} ("field" only when
  // a parameter is at fault), not cached.
  static web::Response json_error(int status, const std::string& message,
                                  const std::string& field = {});

  // Renders template `name` with `model` inside the base layout. A "feeds" array
  // of {href, title} in `model` becomes Atom discovery links in the page head.
  web::Response render_page(const web::Request& req, const std::string& name,
                            const std::string& title, nlohmann::json model, int status = 200) const;
  // A Dutch error page for `status`; `incident_id` is shown when not empty.
  web::Response error_page(const web::Request* req, int status, const std::string& message = {},
                           const std::string& incident_id = {}) const;
  // Re-renders the form of a failed call with its field errors, at `status`.
  using FormAgain = std::function<web::Response(int status)>;
  // The one answer to a failed service call (Failure -> HTTP, see status_for):
  // not_found and forbidden are error pages; invalid, conflict and busy show the
  // form again with its field errors when `form_again` is given, else an error
  // page with the first message.
  web::Response failure_page(const web::Request& req, const Error& error,
                             const FormAgain& form_again = {}) const;
  // The HTTP status of a failure: invalid 422, not_found 404, forbidden 403,
  // conflict 409, busy 429.
  static int status_for(Failure failure);
  // The same for an API: {"error": {...}} with status_for's status and the first
  // field error (its field named when it has one).
  static web::Response json_failure(const Error& error);

  // Ensures the request has a session and returns it. For an anonymous visitor
  // this is a transient session (no row): its token rides in a session cookie and
  // its CSRF token is derived from it. It is stored only when the request leaves
  // state in it (a flash message, a pending second factor).
  web::Session& ensure_session(web::Request& req);
  // Starts a fresh session for `user_id` (sign-in): the old one is ended.
  void begin_user_session(web::Request& req, std::int64_t user_id);
  // Ends the request's session (sign-out).
  void end_session(web::Request& req);

  // The pipeline: static files, routing, session, CSRF, handler, headers, errors.
  web::Response handle(web::Request& req);
  // Hooks for web::Server.
  web::ServerHooks server_hooks();
  // How the server reads the body of the request with this head (see web::BodyPlan):
  // upload routes take up to Limits::upload_body_bytes spooled to a file, only
  // from a signed-in session with its CSRF token in the head; others take a form.
  // Writes (every method but GET and HEAD), uploads and routes that run long
  // (web::RouteOptions::runs_long) are handled off the server's event loops.
  web::BodyPlan body_plan(const web::Request& head);

  // Invalidates every cached page (called by the change follower and after
  // every acknowledged write through this node).
  void invalidate_page_cache();
  // Opens the search index in the data folder (building it when missing or
  // damaged). Requires: every feature installed. Throws search::IndexError.
  void start_search();
  // Starts following the change feed (serve only).
  void start_change_follower();
  // Starts the change follower and, when configured, the job runner (serve).
  void start_background();
  // Stops the background threads (before the database closes).
  void stop_background() noexcept;

 private:
  // The steps of the pipeline (app/pipeline.cpp). Each step that may end the
  // request early returns its answer, or nothing to go on.
  struct CacheProbe {
    bool cacheable = false;         // a GET of a page cached for this visitor's audience
    bool signed_in = false;         // the visitor is signed in: the page has slots
    std::string key;                // the cache key: target, and audience when signed in
    std::uint64_t epoch = 0;        // cache_epoch_ when the probe looked
    std::int64_t feed_version = 0;  // latest change id read before rendering
  };
  // A cached page of a signed-in audience: its body cut at the per-person slots,
  // text[0] slot[0] text[1] ... slot[n-1] text[n].
  enum class Slot : char { csrf = 'c', name = 'n' };
  struct SlottedBody {
    std::vector<std::string> text;
    std::vector<Slot> slots;
  };
  struct CachedPage {
    web::Response response;  // body empty when `slotted` holds it
    std::optional<SlottedBody> slotted;
    std::int64_t feed_version = 0;  // latest change id read before it was rendered
  };
  // Per-request values of the slots, restored by unmark_slots.
  struct SlotValues {
    std::shared_ptr<web::Session> session;
    std::string csrf_token;
    std::string name;
  };
  // Answers `req`; sets `slot` to its series of request metrics (its route,
  // static assets, or unmatched).
  web::Response dispatch(web::Request& req, std::size_t& slot);
  // GET /metrics (app/metrics.cpp): the Prometheus text of this node for
  // loopback or the --metrics-token bearer; 404 for anyone else.
  web::Response metrics_page(const web::Request& req);
  // The page cache's families: lookups by result, evictions, entries, bytes.
  void write_page_cache_metrics(web::Exposition& out);
  // The families read from the database (jobs, outbox, change feed and index).
  void write_database_metrics(web::Exposition& out);
  // Loads the session of the cookie and its signed-in principal.
  void load_principal(web::Request& req, const std::map<std::string, std::string>& cookies);
  // Sends a coordinator or admin without a second factor to set it up, unless
  // the route stays open before it.
  std::optional<web::Response> second_factor_gate(web::Request& req, const web::Route& route);
  // The cached page for an anonymous GET when it is still current; fills `probe`.
  std::optional<web::Response> cached_page(const web::Request& req, const web::Route& route,
                                           CacheProbe* probe);
  // Keeps a freshly rendered page that the probe found cacheable. For a
  // signed-in visitor `res` is the page rendered with slot markers, cut at them
  // here; it is then stitched with the requester's values.
  void keep_in_cache(const web::Request& req, web::Response& res, const CacheProbe& probe,
                     const SlotValues& values);
  // Drops the page under `key` when it is still `page` (a newer render under
  // the same key stays). Takes cache_mutex_.
  void forget_page(const std::string& key, const std::shared_ptr<const CachedPage>& page);
  // What a cached page costs against the page cache's byte budget (its body,
  // slotted text and headers, and the bookkeeping of each).
  static std::size_t page_bytes(const CachedPage& page);
  // Before the handler of a signed-in probe: the request's session (a copy of
  // it) and principal carry slot markers instead of the CSRF token and name, so
  // that every place the page shows them can be refilled per request.
  SlotValues mark_slots(web::Request& req) const;
  // After the handler: the real values back in the request.
  static void unmark_slots(web::Request& req, const SlotValues& values);
  // `body` cut at the slot markers of this process.
  SlottedBody cut_at_slots(const std::string& body) const;
  // `slotted` with the requester's CSRF token and (HTML-escaped) name in its slots.
  static std::string stitch(const SlottedBody& slotted, const std::string& csrf_token,
                            const std::string& name);
  // The 503 of an upload that found no free upload slot.
  web::Response uploads_busy(const web::Request& req) const;
  // Parses the body of a POST (form or multipart) and checks its CSRF token.
  std::optional<web::Response> read_body(web::Request& req, const web::Route& route,
                                         const std::map<std::string, std::string>& cookies);
  void finish(web::Request& req, web::Response& res);
  // The CSRF token of an anonymous visitor whose cookie holds `token`, for the
  // UTC day number `day` (Unix time / 86400): an HMAC with the server's signing
  // key, so that it needs no stored session. A form carries today's token, and
  // a post is accepted with today's or yesterday's, so a token lives one to two
  // days however long the cookie is kept.
  std::string anonymous_csrf(const std::string& token, std::int64_t day);
  // True when `sent` is the CSRF token of the request's session (for a transient
  // anonymous session also yesterday's token).
  bool csrf_accepted(const web::Request& req, const std::string& sent);
  // A transient session for the visitor's anonymous cookie (or a fresh token).
  std::shared_ptr<web::Session> anonymous_session(const web::Request& req);
  nlohmann::json layout_model(const web::Request& req, const std::string& title) const;

  Config config_;
  store::Database& db_;
  const Clock& clock_;
  web::Router router_;
  std::unique_ptr<view::Renderer> renderer_;
  std::unique_ptr<web::StaticAssets> assets_;
  web::SessionStore sessions_;
  std::vector<DemoLoader> demo_loaders_;
  std::vector<AttentionSource> attention_sources_;
  std::vector<NewsSource> news_sources_;
  std::vector<ArchiveTable> archive_tables_;
  std::function<std::optional<web::Principal>(std::int64_t)> principal_loader_;
  std::shared_ptr<spdlog::logger> access_log_;
  std::unique_ptr<store::ChangeFollower> follower_;
  std::unique_ptr<jobs::JobRunner> jobs_;
  std::unique_ptr<mail::Outbox> outbox_;
  std::unique_ptr<search::SearchEngine> search_;
  web::RequestMetrics request_metrics_;  // lock-free; its series fixed by server_hooks()
  const std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
  std::mutex signing_key_mutex_;       // guards signing_key_
  std::string signing_key_;            // loaded on first use
  mutable std::mutex base_url_mutex_;  // guards base_url_
  std::string base_url_;

  // The start of every slot marker: random per process, letters and digits only
  // (so that escaping leaves it whole), followed by the Slot's letter.
  const std::string slot_marker_;
  struct CachePolicy {
    bool anonymous = false;
    Audience signed_in = Audience::none;
  };
  std::mutex cache_mutex_;         // guards page_cache_, cache_epoch_ and cacheable_
  std::uint64_t cache_epoch_ = 0;  // moves on at every invalidation
  // Cache key -> page, least recently used first out within config_'s
  // page_cache_mib and page_cache_entries; shared so a hit is copied outside
  // the lock. Every call on it holds cache_mutex_.
  LruCache<std::shared_ptr<const CachedPage>> page_cache_;
  // Cached pages served, and lookups that found none (or a stale one); relaxed
  // counters for /metrics, no lock.
  std::atomic<std::uint64_t> page_cache_hits_{0};
  std::atomic<std::uint64_t> page_cache_misses_{0};
  std::unordered_map<std::string, CachePolicy> cacheable_;  // route pattern -> its policy
};

}  // namespace schakel
