// Routes of the newsletter. Thin handlers: the rules are in NewsletterService,
// the text in templates/newsletter_*.mustache.
#include <nlohmann/json.hpp>

#include "app/app.hpp"
#include "core/clock.hpp"
#include "digest/newsletter.hpp"
#include "digest/newsletter_demo.hpp"
#include "digest/newsletter_service.hpp"
#include "digest/newsletter_store.hpp"
#include "view/markdown.hpp"
#include "web/access.hpp"

namespace schakel::digest {

namespace {

bool is_coordinator(const web::Request& req) {
  return req.user && req.user->role == Role::coordinator;
}

// {id, subject, sent_on, href} of one newsletter in a list.
nlohmann::json summary_model(const Newsletter& n) {
  return {{"id", n.id},
          {"subject", n.subject},
          {"href", "/nieuwsbrief/" + std::to_string(n.id)},
          {"sent_on", n.sent_at ? format_date_nl(*n.sent_at) : std::string()},
          {"changed_on", format_date_at_time_nl(n.updated_at)},
          {"recipient_count", n.recipient_count},
          {"is_sending", n.status == NewsletterStatus::sending}};
}

nlohmann::json list_model(const std::vector<Newsletter>& letters) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& n : letters) list.push_back(summary_model(n));
  return list;
}

// GET /nieuwsbrief: the archive of sent newsletters, newest first.
web::Response archive_page(App& app, web::Request& req) {
  const auto letters = NewsletterService(app).archive(req.user);
  return app.render_page(req, "digest/newsletter_archive", "Nieuwsbrief",
                         {{"letters", list_model(letters)},
                          {"has_letters", !letters.empty()},
                          {"can_manage", is_coordinator(req)}});
}

// GET /nieuwsbrief/beheer: the coordinator's drafts and the sent ones.
web::Response manage_page(App& app, web::Request& req) {
  NewsletterService service(app);
  const auto drafts = service.unsent();
  const auto sent = service.archive(req.user);
  return app.render_page(req, "digest/newsletter_manage", "Nieuwsbrief beheren",
                         {{"drafts", list_model(drafts)},
                          {"has_drafts", !drafts.empty()},
                          {"sent", list_model(sent)},
                          {"has_sent", !sent.empty()}});
}

// GET /nieuwsbrief/{id}: a sent newsletter for everyone, a draft for coordinators.
web::Response show_page(App& app, web::Request& req) {
  auto letter = NewsletterService(app).find(req.user, web::id_param(req, "id"));
  if (!letter) return app.failure_page(req, letter.error());
  const auto& n = letter.value();
  return app.render_page(req, "digest/newsletter_show", n.subject,
                         {{"id", n.id},
                          {"subject", n.subject},
                          {"body_html", view::render_markdown(n.body)},
                          {"sent_on", n.sent_at ? format_date_nl(*n.sent_at) : std::string()},
                          {"is_draft", n.status == NewsletterStatus::draft},
                          {"can_manage", is_coordinator(req)}});
}

}  // namespace

void install_newsletters(App& app) {
  auto& r = app.router();
  const web::RouteOptions coordinators{.access = web::Access::only({Role::coordinator})};
  app.page("/nieuwsbrief", app.bind(archive_page),
           PageOptions{.cache_for_anonymous = true, .access = web::Access::anyone()});
  r.get("/nieuwsbrief/beheer", app.bind(manage_page), coordinators);
  app.page("/nieuwsbrief/{id}", app.bind(show_page),
           PageOptions{.cache_for_anonymous = true, .access = web::Access::anyone()});
  install_newsletter_compose(app);
  // After accounts and catalog (the demo coordinator writes it).
  app.add_demo_loader(
      DemoLoader{"newsletters", 90, load_newsletter_demo, &NewsletterStore::delete_demo});
}

}  // namespace schakel::digest
