#include "app/app.hpp"
#include <algorithm>

#include <spdlog/spdlog.h>

#include <chrono>
#include <cstdio>

#include <filesystem>

#include "audit/audit.hpp"
#include "core/log.hpp"
#include "core/random.hpp"
#include "search/engine.hpp"
#include "store/rate_limits.hpp"
#include "store/signing_key.hpp"
#include "web/cookies.hpp"
#include "web/form.hpp"
#include "web/security_headers.hpp"

namespace schakel {

namespace {

std::string dev_root(const Config& config) {
  return config.dev ? std::string(SCHAKEL_SOURCE_DIR) : std::string();
}

}  // namespace

App::App(Config config, store::Database& db, const Clock& clock)
    : config_(std::move(config)),
      db_(db),
      clock_(clock),
      renderer_(std::make_unique<view::Renderer>(dev_root(config_))),
      assets_(std::make_unique<web::StaticAssets>(dev_root(config_))),
      sessions_(db, clock,
                web::SessionPolicy{config_.session_absolute_hours * 3600LL,
                                   config_.session_idle_minutes * 60LL, 60}),
      access_log_(log::access()),
      base_url_(config_.effective_base_url()),
      slot_marker_("schakelslot" + random_hex(16)),
      page_cache_(config_.page_cache_mib * 1024 * 1024, config_.page_cache_entries) {
  jobs_ = std::make_unique<jobs::JobRunner>(db_, clock_);
  mail::MailSettings mail_settings;
  mail_settings.smtp_url = config_.smtp_url;
  mail_settings.from = config_.mail_from;
  mail_settings.mail_dir = config_.data_dir + "/mail";
  outbox_ = std::make_unique<mail::Outbox>(db_, clock_, mail_settings);
  search_ = std::make_unique<search::SearchEngine>(db_);
  jobs_->add(jobs::Job{"mail.send", 2, 300, [this] { outbox_->send_due(); }});
  jobs_->add(jobs::Job{"sessions.purge", 3600, 300, [this] { sessions_.purge_expired(); }});
  // Retention: rate-limit events beyond the longest window (a day), delivered
  // mails after 90 days. Each table's owner deletes its rows (accounts registers
  // the purge of its one-time tokens itself, see accounts::install).
  jobs_->add(jobs::Job{"retention.purge", 3600, 600, [this] {
                         store::RateLimiter(db_, clock_).purge(86400);
                         outbox_->purge_sent(clock_.now() - 90 * 86400LL);
                       }});
  // Monitoring of this node (app/metrics.cpp); the handler decides who may read it.
  router_.get(
      "/metrics", [this](web::Request& req) { return metrics_page(req); },
      web::RouteOptions{.access = web::Access::anyone()});
}

App::~App() { stop_background(); }

std::string App::base_url() const {
  std::lock_guard<std::mutex> lock(base_url_mutex_);
  return base_url_;
}

void App::set_base_url(std::string url) {
  while (!url.empty() && url.back() == '/') url.pop_back();
  std::lock_guard<std::mutex> lock(base_url_mutex_);
  base_url_ = std::move(url);
}

mail::Mail App::compose_mail(const std::string& to, const std::string& name,
                             nlohmann::json model) const {
  if (!model.is_object()) model = nlohmann::json::object();
  if (model.contains("link") && model["link"].is_string()) {
    const std::string link = model["link"].get<std::string>();
    if (!link.empty() && link[0] == '/') model["link"] = base_url() + link;
  }
  model["platform_name"] = config_.platform_name;
  model["base_url"] = base_url();
  mail::Mail m;
  m.to = to;
  // The first line of the text template is the subject; the rest is the body.
  const std::string text = renderer_->render(name + "_text", model);
  const auto newline = text.find('\n');
  std::string subject = text.substr(0, newline);
  while (!subject.empty() && (subject.back() == ' ' || subject.back() == '\r')) subject.pop_back();
  m.subject = subject;
  const std::string body = newline == std::string::npos ? std::string() : text.substr(newline + 1);
  m.text = renderer_->render(
      "mail_text",
      {{"content", body}, {"platform_name", config_.platform_name}, {"base_url", base_url()}});
  m.html = renderer_->render("mail_html", {{"content", renderer_->render(name + "_html", model)},
                                           {"subject", subject},
                                           {"platform_name", config_.platform_name},
                                           {"base_url", base_url()}});
  return m;
}

web::Response App::deny(const web::Request& req, const std::string& action,
                        const std::string& object, int status) {
  log::app()->warn("denied: user {} action {} object {} request {}",
                   req.user ? std::to_string(req.user->id) : std::string("anonymous"), action,
                   object, req.request_id);
  try {
    audit::record(
        db_,
        audit::Entry{0, clock_.now(),
                     req.user ? std::optional<std::int64_t>(req.user->id) : std::nullopt,
                     req.user ? req.user->email : "", "denied", object, action, req.remote_ip});
  } catch (const std::exception& e) {
    log::app()->error("audit of a denial failed: {}", e.what());
  }
  return error_page(&req, status);
}

nlohmann::json App::form_errors(const Error& error) {
  nlohmann::json errors = nlohmann::json::object();
  nlohmann::json summary = nlohmann::json::array();
  for (const auto& f : error.fields) {
    const std::string field = f.field.empty() ? "form" : f.field;
    if (!errors.contains(field)) errors[field] = f.message;
    summary.push_back({{"field", field}, {"message", f.message}, {"has_field", !f.field.empty()}});
  }
  return {{"errors", errors}, {"error_summary", summary}, {"has_errors", !summary.empty()}};
}

web::Response App::sign_in_first(const web::Request& req) const {
  return web::Response::redirect("/aanmelden?next=" + web::percent_encode(req.target));
}

void App::page(std::string pattern, web::Handler handler, PageOptions options) {
  {
    std::lock_guard<std::mutex> lock(cache_mutex_);
    cacheable_[pattern] = CachePolicy{
        options.cache_for_anonymous && options.access.level() == web::Access::Level::anyone,
        options.signed_in};
  }
  web::RouteOptions route_options;
  route_options.access = options.access;
  router_.get(std::move(pattern), std::move(handler), route_options);
}

void App::add_demo_loader(DemoLoader loader) {
  demo_loaders_.push_back(std::move(loader));
  std::stable_sort(demo_loaders_.begin(), demo_loaders_.end(),
                   [](const auto& a, const auto& b) { return a.order < b.order; });
}

void App::add_attention_source(AttentionSource source) {
  for (const auto& s : attention_sources_)
    if (s.key == source.key) throw std::logic_error("attention source added twice: " + source.key);
  attention_sources_.push_back(std::move(source));
  std::sort(attention_sources_.begin(), attention_sources_.end(), [](const auto& a, const auto& b) {
    return a.order != b.order ? a.order < b.order : a.key < b.key;
  });
}

void App::add_news_source(NewsSource source) {
  for (const auto& s : news_sources_)
    if (s.key == source.key) throw std::logic_error("news source added twice: " + source.key);
  news_sources_.push_back(std::move(source));
}

void App::add_archive_tables(std::vector<ArchiveTable> tables) {
  for (auto& table : tables) {
    for (const auto& t : archive_tables_)
      if (t.table == table.table)
        throw std::logic_error("archive table declared twice: " + table.table);
    archive_tables_.push_back(std::move(table));
  }
  std::sort(archive_tables_.begin(), archive_tables_.end(),
            [](const ArchiveTable& a, const ArchiveTable& b) { return a.table < b.table; });
}

void App::set_principal_loader(std::function<std::optional<web::Principal>(std::int64_t)> loader) {
  principal_loader_ = std::move(loader);
}

nlohmann::json App::layout_model(const web::Request& req, const std::string& title) const {
  // Built as a map of moved values: this runs for every page.
  nlohmann::json::object_t m;
  m.emplace("title", title.empty() ? config_.platform_name : title + " – " + config_.platform_name);
  m.emplace("platform_name", config_.platform_name);
  m.emplace("quick_exit_url", config_.quick_exit_url);
  m.emplace("css_url", assets_->url_for("css/schakel.css"));
  m.emplace("js_url", assets_->url_for("js/schakel.js"));
  m.emplace("logo_url", assets_->url_for("img/logo.svg"));
  m.emplace("favicon_url", assets_->url_for("img/favicon.svg"));
  m.emplace("search_query", req.path == "/zoeken" ? req.query_params.get("q") : std::string());
  m.emplace("search_enabled", true);
  if (req.user) {
    nlohmann::json::object_t user;
    user.emplace("name", req.user->name);
    user.emplace("role_label", std::string(role_label(req.user->role)));
    m.emplace("user", std::move(user));
  } else {
    m.emplace("user", false);
  }
  m.emplace("csrf_token", req.session ? req.session->csrf_token : std::string());
  nlohmann::json::array_t flash;
  if (req.session && !req.session->flash.empty()) {
    for (const auto& f : req.session->flash) {
      nlohmann::json::object_t item;
      item.emplace("kind", f.kind);
      item.emplace("message", f.message);
      flash.emplace_back(std::move(item));
    }
    req.session->flash.clear();
    req.session->flash_changed = true;
  }
  m.emplace("flash", std::move(flash));
  // Every link here must open for the role that sees it (tests/browser/menus.test.mjs).
  using Link = std::pair<const char*, const char*>;
  std::vector<Link> nav = {
      {"/", "Home"},           {"/hulp", "Hulp"},       {"/kennisbank", "Kennisbank"},
      {"/vorming", "Vorming"}, {"/netwerk", "Netwerk"}, {"/veilig-surfen", "Veilig surfen"}};
  if (req.user) {
    const Role role = req.user->role;
    // The coordinator's dashboard (issue 14) comes first after Home.
    if (role == Role::coordinator || role == Role::admin)
      nav.insert(nav.begin() + 1, {"/coordinatie", "Coördinatie"});
    if (role == Role::spoc && !req.user->spoc_of.empty())
      nav.emplace_back("/netwerk/mijn-gemeente", "Mijn gemeente");
    if (role_in_network(role)) nav.emplace_back("/netwerk/spocs", "SPOC's");
    if (role == Role::spoc || role == Role::coordinator || role == Role::admin)
      nav.emplace_back("/signalen", "Signalen");
    if (role_in_network(role)) nav.emplace_back("/overleg", "Overleg");
    if (role == Role::coordinator) {
      nav.emplace_back("/netwerk/beheer", "Netwerkbeheer");
      nav.emplace_back("/nieuwsbrief/beheer", "Nieuwsbrief");
      nav.emplace_back("/beheer/audit", "Auditlog");
    }
    if (role == Role::admin) nav.emplace_back("/beheer", "Beheer");
    if (role == Role::admin) nav.emplace_back("/beheer/backups", "Back-ups");
    nav.emplace_back("/profiel", "Mijn profiel");
  }
  nlohmann::json::array_t items;
  items.reserve(nav.size());
  for (const auto& [href, label] : nav) {
    nlohmann::json::object_t item;
    item.emplace("href", href);
    item.emplace("label", label);
    item.emplace("current", req.path == href);
    items.emplace_back(std::move(item));
  }
  m.emplace("nav", std::move(items));
  return nlohmann::json(std::move(m));
}

web::Response App::render_page(const web::Request& req, const std::string& name,
                               const std::string& title, nlohmann::json model, int status) const {
  if (!model.is_object()) model = nlohmann::json::object();
  model["csrf_token"] = req.session ? req.session->csrf_token : "";
  auto layout = layout_model(req, title);
  if (auto feeds = model.find("feeds"); feeds != model.end()) layout["feeds"] = *feeds;
  layout["content"] = renderer_->render(name, model);
  return web::Response::html(renderer_->render("layout", layout), status);
}

web::Response App::json_error(int status, const std::string& message, const std::string& field) {
  nlohmann::json error = {{"status", status}, {"message", message}};
  if (!field.empty()) error["field"] = field;
  auto res = web::Response::json(nlohmann::json{{"error", error}}.dump(), status);
  res.headers.set("Cache-Control", "no-store");
  return res;
}

web::Response App::error_page(const web::Request* req, int status, const std::string& message,
                              const std::string& incident_id) const {
  static const std::map<int, std::string> default_messages = {
      {400, "De aanvraag kon niet gelezen worden. Controleer wat je invulde en probeer opnieuw."},
      {403, "Je hebt geen toegang tot deze pagina of actie."},
      {404, "Deze pagina bestaat niet (meer). Misschien is ze verplaatst."},
      {405, "Deze pagina kan niet op deze manier gebruikt worden."},
      {408, "Het versturen duurde te lang. Probeer het opnieuw."},
      {409, "Dit kon niet, omdat de gegevens intussen veranderd zijn."},
      {413, "Wat je verstuurde is te groot."},
      {415, "Dit soort gegevens kan hier niet verstuurd worden."},
      {429, "Te veel pogingen na elkaar. Wacht even en probeer dan opnieuw."},
      {431, "De aanvraag bevat te veel gegevens in de kopregels."},
      {500, "Er ging iets mis aan onze kant. Probeer het later opnieuw."},
      {503, "Het platform is even niet beschikbaar. Probeer het zo opnieuw."}};
  nlohmann::json model;
  model["status"] = status;
  model["heading"] = std::string(web::status_title_nl(status));
  auto it = default_messages.find(status);
  model["message"] = !message.empty() ? message : (it == default_messages.end() ? "" : it->second);
  model["incident_id"] = incident_id;
  web::Request empty;
  const web::Request& r = req ? *req : empty;
  try {
    return render_page(r, "error", std::string(web::status_title_nl(status)), model, status);
  } catch (const std::exception& e) {
    log::app()->error("error page could not be rendered: {}", e.what());
    return web::Response::text(std::string(web::status_title_nl(status)) +
                                   (incident_id.empty() ? "" : " (referentie " + incident_id + ")"),
                               status);
  }
}

int App::status_for(Failure failure) {
  switch (failure) {
    case Failure::not_found:
      return 404;
    case Failure::forbidden:
      return 403;
    case Failure::conflict:
      return 409;
    case Failure::busy:
      return 429;
    case Failure::invalid:
      return 422;
  }
  return 400;
}

web::Response App::failure_page(const web::Request& req, const Error& error,
                                const FormAgain& form_again) const {
  const int status = status_for(error.failure);
  const bool about_the_form = error.failure == Failure::invalid ||
                              error.failure == Failure::conflict || error.failure == Failure::busy;
  if (about_the_form && form_again) return form_again(status);
  return error_page(&req, status,
                    error.fields.empty() ? std::string() : error.fields.front().message);
}

web::Response App::json_failure(const Error& error) {
  if (error.fields.empty()) return json_error(status_for(error.failure), "");
  return json_error(status_for(error.failure), error.fields.front().message,
                    error.fields.front().field);
}

namespace {
std::int64_t utc_day(std::int64_t unix_seconds) {
  return unix_seconds >= 0 ? unix_seconds / 86400 : (unix_seconds - 86399) / 86400;
}
}  // namespace

std::string App::anonymous_csrf(const std::string& token, std::int64_t day) {
  std::string key;
  {
    std::lock_guard<std::mutex> lock(signing_key_mutex_);
    if (signing_key_.empty()) signing_key_ = store::signing_key(db_);
    key = signing_key_;
  }
  return hmac_sha256_hex(key, "csrf\n" + std::to_string(day) + "\n" + token);
}

bool App::csrf_accepted(const web::Request& req, const std::string& sent) {
  if (!req.session || sent.empty()) return false;
  if (equal_secret(sent, req.session->csrf_token)) return true;
  // A transient session's token is today's; a form rendered yesterday still counts.
  return !req.session->stored &&
         equal_secret(sent, anonymous_csrf(req.session->token, utc_day(clock_.now()) - 1));
}

std::shared_ptr<web::Session> App::anonymous_session(const web::Request& req) {
  std::string token;
  if (!req.clear_session_cookie) {
    const auto cookies = web::parse_cookies(req.headers.get("Cookie"));
    if (auto it = cookies.find(web::SessionStore::cookie_name); it != cookies.end())
      token = it->second;
  }
  auto session = sessions_.transient(token, "", std::string(req.headers.get("User-Agent")));
  session->csrf_token = anonymous_csrf(session->token, utc_day(clock_.now()));
  return session;
}

web::Session& App::ensure_session(web::Request& req) {
  if (!req.session) req.session = anonymous_session(req);
  return *req.session;
}

void App::begin_user_session(web::Request& req, std::int64_t user_id) {
  std::vector<web::Flash> carried;
  if (req.session) {
    carried = req.session->flash;
    if (req.session->stored) sessions_.destroy(*req.session);
  }
  req.user = principal_loader_ ? principal_loader_(user_id) : std::nullopt;
  const bool privileged = req.user && role_requires_totp(req.user->role);
  const std::int64_t idle =
      60LL * (privileged ? config_.privileged_session_idle_minutes : config_.session_idle_minutes);
  req.session = sessions_.create(user_id, std::string(req.headers.get("User-Agent")), idle);
  req.session->flash = std::move(carried);
  req.session->flash_changed = !req.session->flash.empty();
}

void App::end_session(web::Request& req) {
  if (req.session && req.session->stored) sessions_.destroy(*req.session);
  req.session.reset();
  req.user.reset();
  req.clear_session_cookie = true;
}

web::ServerHooks App::server_hooks() {
  request_metrics_.bind(router_.routes());  // every route is registered by now
  web::ServerHooks hooks;
  hooks.dispatch = [this](web::Request& req) { return handle(req); };
  hooks.body_plan = [this](const web::Request& head) { return body_plan(head); };
  hooks.error_page = [this](int status) {
    auto res = error_page(nullptr, status);
    web::add_security_headers(res, false);
    res.headers.set("Cache-Control", "no-store");
    return res;
  };
  hooks.on_complete = [this](const web::AccessRecord& r) {
    if (!access_log_) return;
    using namespace std::chrono;
    const auto now = system_clock::now();
    const auto ms = duration_cast<milliseconds>(now.time_since_epoch()).count() % 1000;
    std::string time = format_utc(duration_cast<seconds>(now.time_since_epoch()).count());
    char fraction[16];  // ".123"
    std::snprintf(fraction, sizeof fraction, ".%03d", static_cast<int>(ms));
    time.insert(time.size() - 1, fraction);
    nlohmann::json line = {{"time", time},
                           {"method", r.method},
                           {"path", r.path},
                           {"status", r.status},
                           {"bytes", r.bytes},
                           {"duration_ms", std::round(r.duration_ms * 1000) / 1000},
                           {"request_id", r.request_id}};
    access_log_->info(line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  };
  return hooks;
}

void App::invalidate_page_cache() {
  // The pages are freed after the lock is let go: up to page_cache_mib of them,
  // which every cached-page lookup would otherwise wait for.
  LruCache<std::shared_ptr<const CachedPage>> old(page_cache_.max_bytes(),
                                                  page_cache_.max_entries());
  std::lock_guard<std::mutex> lock(cache_mutex_);
  page_cache_.swap_entries(old);
  ++cache_epoch_;
}

void App::start_background() {
  start_search();
  start_change_follower();
  if (config_.run_jobs) jobs_->start();
}

void App::stop_background() noexcept {
  if (jobs_) jobs_->stop();
  if (follower_) follower_->stop();
}

void App::start_search() {
  search_->open((std::filesystem::path(config_.data_dir) / "search").string());
}

void App::start_change_follower() {
  follower_ = std::make_unique<store::ChangeFollower>(db_);
  std::int64_t from = -1;
  if (search_->is_open()) {
    // Follow from where the index stands, so no change falls between catch-up and start.
    follower_->add_listener(
        [this](const std::vector<store::Change>& changes) { search_->apply(changes); });
    from = search_->position();
  }
  // After the index: a page cached in between would show the old search results.
  follower_->add_listener([this](const std::vector<store::Change>&) { invalidate_page_cache(); });
  follower_->start(from);
}

}  // namespace schakel
