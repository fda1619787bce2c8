// iCalendar feeds of the training series, and the page of a user's private feed.
//
//   GET  /vorming/agenda.ics               every public series (from 60 days ago on)
//   GET  /vorming/{slug}/agenda.ics        one public series
//   GET  /vorming/agenda/{token}.ics       a user's private feed (the router matches
//                                          the segment as {token}; the handler
//                                          requires and strips the ".ics")
//   GET  /vorming/mijn-agenda              the private feed's address (signed in)
//   POST /vorming/mijn-agenda/vernieuwen   a new address; the old one stops working
//
// Calendar apps cannot sign in, so the public feeds show only what anyone may see
// (never online links), and the private feed is opened by its secret token alone.
#include <nlohmann/json.hpp>

#include "app/app.hpp"
#include "audit/audit.hpp"
#include "trainings/calendar_store.hpp"
#include "trainings/ical.hpp"
#include "trainings/routes.hpp"
#include "trainings/store.hpp"
#include "web/access.hpp"

namespace schakel::trainings {

namespace {

constexpr std::int64_t public_history_seconds = 60 * 86400;
const std::string ics_suffix = ".ics";

web::Response ics_response(std::string body, bool shared) {
  web::Response res;
  res.body = std::move(body);
  res.headers.set("Content-Type", "text/calendar; charset=utf-8");
  if (shared) {
    // The same for everyone: shared caches may keep it a few minutes.
    res.headers.set("Cache-Control", "public, max-age=300");
  } else {
    res.headers.set("Cache-Control", "no-store");
    res.headers.set("X-Robots-Tag", "noindex");
  }
  return res;
}

std::string feed_path(const std::string& token) { return "/vorming/agenda/" + token + ics_suffix; }

// "webcal://host/path" for "https://host/path": opens the calendar app.
std::string webcal(const std::string& url) {
  const auto scheme = url.find("://");
  return scheme == std::string::npos ? url : "webcal" + url.substr(scheme);
}

web::Response public_feed(App& app, web::Request&) {
  const std::int64_t now = app.clock().now();
  std::vector<CalendarEntry> entries;
  app.db().run([&](soci::session& sql) {
    entries = CalendarStore::public_entries(sql, now - public_history_seconds);
  });
  return ics_response(calendar_ics("Vormingen – " + app.config().platform_name, entries,
                                   CalendarOptions{app.base_url(), false, now}),
                      true);
}

web::Response series_feed(App& app, web::Request& req) {
  std::optional<Series> series;
  std::vector<CalendarEntry> entries;
  app.db().run([&](soci::session& sql) {
    series = TrainingStore::find_series_by_slug(sql, req.param("slug"));
    if (series && has_public_feed(*series))
      entries = CalendarStore::series_entries(sql, series->id);
  });
  if (!series || !has_public_feed(*series))
    return app.error_page(&req, 404, "Deze vorming heeft geen openbare agenda.");
  return ics_response(calendar_ics(series->title + " – " + app.config().platform_name, entries,
                                   CalendarOptions{app.base_url(), false, app.clock().now()}),
                      true);
}

web::Response private_feed(App& app, web::Request& req) {
  std::string token = req.param("token");
  const bool ics =
      token.size() > ics_suffix.size() &&
      token.compare(token.size() - ics_suffix.size(), ics_suffix.size(), ics_suffix) == 0;
  std::optional<std::int64_t> owner;
  std::vector<CalendarEntry> entries;
  if (ics) {
    token.resize(token.size() - ics_suffix.size());
    app.db().run([&](soci::session& sql) {
      owner = CalendarStore::feed_owner(sql, token);
      if (owner) entries = CalendarStore::user_entries(sql, *owner);
    });
  }
  if (!owner)
    return app.error_page(&req, 404,
                          "Deze agenda bestaat niet (meer). Misschien is er een nieuw adres "
                          "gemaakt: je vindt het op de pagina ‘Mijn agenda’.");
  return ics_response(calendar_ics("Mijn vormingen – " + app.config().platform_name, entries,
                                   CalendarOptions{app.base_url(), true, app.clock().now()}),
                      false);
}

web::Response my_calendar(App& app, web::Request& req) {
  const std::int64_t now = app.clock().now();
  std::string token;
  std::size_t upcoming = 0;
  app.db().transact([&](soci::session& sql) {
    token = CalendarStore::feed_token(sql, req.user->id, now);
    for (const auto& e : CalendarStore::user_entries(sql, req.user->id))
      if (e.session.ends_at >= now && e.session.status != "cancelled" &&
          e.series.status != "cancelled")
        ++upcoming;
  });
  const std::string url = app.base_url() + feed_path(token);
  nlohmann::json model = {{"feed_url", url},
                          {"webcal_url", webcal(url)},
                          {"upcoming", upcoming},
                          {"has_upcoming", upcoming > 0},
                          {"one_upcoming", upcoming == 1},
                          {"public_url", app.base_url() + "/vorming/agenda.ics"}};
  return app.render_page(req, "trainings/calendar_mine", "Mijn vormingen in je agenda", model);
}

web::Response renew_feed(App& app, web::Request& req) {
  const std::int64_t now = app.clock().now();
  app.db().transact([&](soci::session& sql) {
    CalendarStore::reset_feed_token(sql, req.user->id, now);
    audit::record(sql, audit::Entry{0, now, req.user->id, req.user->email, "calendar_feed_reset",
                                    "user:" + std::to_string(req.user->id), "", req.remote_ip});
  });
  app.ensure_session(req).add_flash(
      "success",
      "Je agenda heeft een nieuw adres. Het oude adres werkt niet meer: voeg het nieuwe toe in "
      "je agenda-app.");
  return web::Response::redirect("/vorming/mijn-agenda");
}

}  // namespace

void install_calendar_routes(App& app) {
  app.page("/vorming/agenda.ics", app.bind(public_feed), {.cache_for_anonymous = true});
  // A series' feed: 404 unless the series has a public one.
  app.page("/vorming/{slug}/agenda.ics", app.bind(series_feed), {.cache_for_anonymous = true});
  // A private feed: its secret token is the proof. Not cached: the feed follows the
  // user's registrations, which the page cache does not watch.
  app.page("/vorming/agenda/{token}", app.bind(private_feed));
  app.page("/vorming/mijn-agenda", app.bind(my_calendar), {.access = web::Access::signed_in()});
  app.router().post("/vorming/mijn-agenda/vernieuwen", app.bind(renew_feed),
                    {.access = web::Access::signed_in()});
}

}  // namespace schakel::trainings
