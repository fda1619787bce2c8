// Routes of the help pages. Thin handlers: the rules are in HelpPageService, the
// score in readability.cpp, the text in templates/help_page*.mustache.
#include <nlohmann/json.hpp>

#include "app/app.hpp"
#include "citizens/help_page_demo.hpp"
#include "citizens/help_page_search.hpp"
#include "citizens/help_page_service.hpp"
#include "citizens/help_page_store.hpp"
#include "citizens/help_pages.hpp"
#include "citizens/helpline.hpp"
#include "citizens/readability.hpp"
#include "core/clock.hpp"
#include "core/text.hpp"
#include "revisions/diff.hpp"
#include "view/markdown.hpp"
#include "web/access.hpp"

namespace schakel::citizens {

namespace {

bool is_coordinator(const web::Request& req) {
  return req.user && req.user->role == Role::coordinator;
}

// The score of `text` in words a coordinator understands.
nlohmann::json readability_model(const std::string& text) {
  const auto r = readability(text);
  if (!r) return false;
  static const char* const labels[] = {"Makkelijk te lezen", "Redelijk moeilijk",
                                       "Moeilijk te lezen"};
  static const char* const advice[] = {
      "Goed zo. De meeste mensen begrijpen deze tekst vlot.",
      "Een deel van de lezers haakt af. Maak zinnen korter en kies gewone woorden.",
      "Veel lezers begrijpen dit niet. Schrijf korte zinnen met korte, gewone woorden."};
  const auto level = static_cast<int>(r->level);
  const char* const classes[] = {"easy", "moderate", "hard"};
  return {{"score", static_cast<int>(r->score + (r->score < 0 ? -0.5 : 0.5))},
          {"label", labels[level]},
          {"advice", advice[level]},
          {"level", classes[level]},
          {"is_hard", r->level == ReadingLevel::hard},
          {"words", r->counts.words},
          {"sentences", r->counts.sentences}};
}

nlohmann::json form_model(App& app, const HelpPage& page) {
  nlohmann::json values = {{"title", page.title}, {"summary", page.summary}};
  nlohmann::json parts = nlohmann::json::array();
  for (const auto& s : help_sections()) {
    values[s.field] = page.*(s.text);
    auto score = readability_model(page.*(s.text));
    if (!score.is_boolean())
      parts.push_back({{"field", s.field}, {"heading", s.heading}, {"score", score}});
  }
  values["slug"] = page.slug;
  return {{"slug", page.slug},
          {"form_action", "/hulp/" + page.slug + "/bewerken"},
          {"script_url", app.assets().url_for("js/readability.js")},
          {"page_title", page.title},
          {"values", values},
          {"readability", readability_model(editable_text(page))},
          {"has_section_scores", !parts.empty()},
          {"section_scores", parts}};
}

HelpPage from_form(const web::Form& f) {
  HelpPage page;
  page.title = f.get("title");
  page.summary = f.get("summary");
  for (const auto& s : help_sections()) page.*(s.text) = f.get(s.field);
  return page;
}

// The fields that changed between two versions, line by line (as the kennisbank's history).
nlohmann::json changes_model(const HelpPage& before_state, const HelpPage& now_state) {
  std::vector<std::pair<const char*, std::string HelpPage::*>> fields = {
      {"Titel", &HelpPage::title}, {"Korte inleiding", &HelpPage::summary}};
  for (const auto& s : help_sections()) fields.emplace_back(s.heading, s.text);
  nlohmann::json changes = nlohmann::json::array();
  for (const auto& [label, field] : fields) {
    const std::string &a = before_state.*field, &b = now_state.*field;
    if (a == b) continue;
    nlohmann::json lines = nlohmann::json::array();
    for (const auto& d : revisions::diff_lines(a, b))
      lines.push_back({{"text", d.text}, {"added", d.op == '+'}, {"removed", d.op == '-'}});
    changes.push_back({{"field", label}, {"lines", lines}});
  }
  return changes;
}

// GET /hulp: every help page.
web::Response index_page(App& app, web::Request& req) {
  nlohmann::json pages = nlohmann::json::array();
  for (const auto& p : HelpPageStore(app.db()).all())
    pages.push_back({{"slug", p.slug}, {"title", p.title}, {"summary", p.summary}});
  // The way to help says whether 1712 is open now: the page stays in the anonymous
  // page cache only until a channel opens or closes (see citizens/helpline.hpp).
  const auto help = way_to_help(app.db(), app.clock().now());
  auto res = app.render_page(
      req, "citizens/help_page_index", "Hulp",
      {{"pages", pages}, {"can_edit", is_coordinator(req)}, {"way_to_help", help.model}});
  res.cache_until = help.valid_until;
  return res;
}

// GET /hulp/{slug}.
web::Response show_page(App& app, web::Request& req) {
  auto page = HelpPageStore(app.db()).find_by_slug(req.param("slug"));
  if (!page) return app.error_page(&req, 404);
  nlohmann::json sections = nlohmann::json::array();
  for (const auto& s : help_sections())
    sections.push_back({{"id", s.field},
                        {"heading", s.heading},
                        {"html", view::render_markdown((*page).*(s.text))}});
  const auto help = way_to_help(app.db(), app.clock().now());  // as on the index
  auto res = app.render_page(req, "citizens/help_page", page->title,
                             {{"slug", page->slug},
                              {"title", page->title},
                              {"summary", page->summary},
                              {"sections", sections},
                              {"can_edit", is_coordinator(req)},
                              {"way_to_help", help.model}});
  res.cache_until = help.valid_until;
  return res;
}

web::Response edit_form(App& app, web::Request& req) {
  auto page = HelpPageStore(app.db()).find_by_slug(req.param("slug"));
  if (!page) return app.error_page(&req, 404);
  return app.render_page(req, "citizens/help_page_edit", "Hulppagina bewerken",
                         form_model(app, *page));
}

// The editor's form `model` again, with the field errors of `error`.
web::Response editor_again(App& app, web::Request& req, nlohmann::json model, const Error& error,
                           const std::string& title, int status) {
  auto errors = App::form_errors(error);
  model["errors"] = errors["errors"];
  model["error_summary"] = errors["error_summary"];
  model["has_errors"] = true;
  return app.render_page(req, "citizens/help_page_edit", title, model, status);
}

// POST /hulp/{slug}/bewerken: "voorbeeld" scores the text without saving it.
web::Response save_page(App& app, web::Request& req) {
  const std::string slug = req.param("slug");
  auto current = HelpPageStore(app.db()).find_by_slug(slug);
  if (!current) return app.error_page(&req, 404);
  HelpPage changes = from_form(req.form);
  changes.slug = slug;
  if (req.form.get("actie") == "voorbeeld") {
    auto model = form_model(app, changes);
    model["is_preview"] = true;
    return app.render_page(req, "citizens/help_page_edit", "Hulppagina bewerken", model);
  }
  auto saved = HelpPageService(app.db(), app.clock()).save(*req.user, slug, changes);
  if (!saved)
    return app.failure_page(req, saved.error(), [&](int status) {
      return editor_again(app, req, form_model(app, changes), saved.error(), "Hulppagina bewerken",
                          status);
    });
  req.session->add_flash("success",
                         "De pagina is bewaard. De vorige versie blijft in de "
                         "geschiedenis.");
  return web::Response::redirect("/hulp/" + slug);
}

// The form of a new page: the editor's form with the address field.
nlohmann::json new_page_model(App& app, const HelpPage& page) {
  auto model = form_model(app, page);
  model["is_new"] = true;
  model["form_action"] = "/hulp/nieuw";
  return model;
}

// GET /hulp/nieuw.
web::Response new_form(App& app, web::Request& req) {
  return app.render_page(req, "citizens/help_page_edit", "Nieuwe hulppagina",
                         new_page_model(app, HelpPage{}));
}

// POST /hulp/nieuw: "voorbeeld" scores the text without saving, as in the editor.
web::Response create_page(App& app, web::Request& req) {
  HelpPage page = from_form(req.form);
  page.slug = req.form.get("slug");
  if (req.form.get("actie") == "voorbeeld") {
    auto model = new_page_model(app, page);
    model["is_preview"] = true;
    return app.render_page(req, "citizens/help_page_edit", "Nieuwe hulppagina", model);
  }
  auto created = HelpPageService(app.db(), app.clock()).add(*req.user, page);
  if (!created)
    return app.failure_page(req, created.error(), [&](int status) {
      return editor_again(app, req, new_page_model(app, page), created.error(), "Nieuwe hulppagina",
                          status);
    });
  req.session->add_flash("success", "De nieuwe pagina staat online.");
  return web::Response::redirect("/hulp/" + created.value().slug);
}

// GET /hulp/{slug}/geschiedenis.
web::Response history_page(App& app, web::Request& req) {
  auto page = HelpPageStore(app.db()).find_by_slug(req.param("slug"));
  if (!page) return app.error_page(&req, 404);
  const auto revisions = HelpPageService(app.db(), app.clock()).history(page->slug);
  nlohmann::json list = nlohmann::json::array();
  for (std::size_t i = 0; i < revisions.size(); ++i) {
    HelpPage state, before_state;
    apply_snapshot(state, revisions[i].snapshot);
    if (i + 1 < revisions.size()) apply_snapshot(before_state, revisions[i + 1].snapshot);
    auto score = readability_model(editable_text(state));
    list.push_back({{"number", revisions[i].number},
                    {"author", revisions[i].author_label},
                    {"when", format_date_nl(revisions[i].created_at)},
                    {"title", state.title},
                    {"score", score},
                    {"changes", changes_model(before_state, state)},
                    {"is_current", i == 0}});
  }
  return app.render_page(req, "citizens/help_page_history", "Geschiedenis van " + page->title,
                         {{"slug", page->slug}, {"title", page->title}, {"revisions", list}});
}

// POST /hulp/{slug}/versies/{number}/herstellen.
web::Response restore_version(App& app, web::Request& req) {
  const auto number = parse_id(req.param("number"));
  if (!number || *number > 1'000'000) return app.error_page(&req, 404);
  auto restored = HelpPageService(app.db(), app.clock())
                      .restore(*req.user, req.param("slug"), static_cast<int>(*number));
  if (!restored) return app.failure_page(req, restored.error());
  req.session->add_flash("success", "De oude versie is teruggezet als nieuwe versie.");
  return web::Response::redirect("/hulp/" + restored.value().slug + "/geschiedenis");
}

}  // namespace

void install_help_pages(App& app) {
  auto& r = app.router();
  // Citizen pages: the same for every anonymous visitor, no session, no cookie.
  const PageOptions public_page{.cache_for_anonymous = true, .access = web::Access::anyone()};
  const web::RouteOptions coordinators{.access = web::Access::only({Role::coordinator})};
  app.page("/hulp", app.bind(index_page), public_page);
  app.page("/hulp/{slug}", app.bind(show_page), public_page);
  r.get("/hulp/nieuw", app.bind(new_form), coordinators);
  r.post("/hulp/nieuw", app.bind(create_page), coordinators);
  r.get("/hulp/{slug}/bewerken", app.bind(edit_form), coordinators);
  r.post("/hulp/{slug}/bewerken", app.bind(save_page), coordinators);
  r.get("/hulp/{slug}/geschiedenis", app.bind(history_page), coordinators);
  r.post("/hulp/{slug}/versies/{number}/herstellen", app.bind(restore_version), coordinators);
  app.search().add_source(help_page_source());
  // After accounts (the demo coordinator is the author of the first revisions).
  app.add_demo_loader(
      DemoLoader{"help_pages", 70, load_help_page_demo, &HelpPageStore::delete_demo});
}

}  // namespace schakel::citizens
