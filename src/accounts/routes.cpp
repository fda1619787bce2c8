#include <nlohmann/json.hpp>

#include "accounts/accounts.hpp"
#include "accounts/password.hpp"
#include "accounts/service.hpp"
#include "app/app.hpp"

namespace schakel::accounts {

namespace {

nlohmann::json sign_in_model(const std::string& email, const std::string& next,
                             const std::string& form_error) {
  return {{"email", email},
          {"next", next},
          {"errors", {{"form", form_error}, {"email", ""}, {"password", ""}}}};
}

void load_demo(soci::session& sql, const Clock& clock) {
  struct DemoAccount {
    const char* email;
    const char* name;
    const char* role;
    const char* nis_code;
  };
  static const DemoAccount accounts[] = {
      {"coordinator@demo.schakel.be", "Demo Coördinator (Gent)", "coordinator", "44021"},
      {"admin@demo.schakel.be", "Demo Beheerder", "admin", ""},
      {"spoc.gent@demo.schakel.be", "Demo SPOC Gent", "spoc", "44021"},
      {"spoc.aalst@demo.schakel.be", "Demo SPOC Aalst", "spoc", "41002"},
      {"professional@demo.schakel.be", "Demo Professional", "professional", ""},
  };
  const std::string hash = hash_password(demo_password);
  for (const auto& a : accounts) {
    NewUser u{a.email, a.name, demo_password, a.role, a.nis_code, true};
    UserStore::insert(sql, u, hash, clock.now());
  }
}

}  // namespace

void install(App& app) {
  app.set_principal_loader([&app](std::int64_t id) -> std::optional<web::Principal> {
    UserStore store(app.db());
    auto user = store.find_by_id(id);
    if (!user) return std::nullopt;
    return web::Principal{user->id, user->display_name, user->email, user->role, user->nis_code};
  });

  app.router().get("/aanmelden", [&app](web::Request& req) {
    if (req.user) return web::Response::redirect("/");
    app.ensure_session(req);  // the strictly necessary cookie that carries the CSRF token
    return app.render_page(req, "accounts/sign_in", "Aanmelden",
                           sign_in_model("", safe_next(req.query_params.get("next")), ""));
  });

  app.router().post("/aanmelden", [&app](web::Request& req) {
    AccountService service(app.db(), app.clock());
    const std::string email = req.form.get("email");
    const std::string next = safe_next(req.form.get("next"));
    auto outcome = service.sign_in(email, req.form.get("password"),
                                   app.config().allow_demo_accounts, Origin{req.remote_ip});
    if (!outcome) {
      auto model =
          sign_in_model(email.substr(0, 254), next, outcome.error().fields.front().message);
      return app.render_page(req, "accounts/sign_in", "Aanmelden", model, 422);
    }
    app.begin_user_session(req, outcome.value().user.id);
    req.session->add_flash("success", "Je bent aangemeld.");
    return web::Response::redirect(next);
  });

  app.router().post("/afmelden", [&app](web::Request& req) {
    app.end_session(req);
    return web::Response::redirect("/");
  });

  app.add_demo_loader(DemoLoader{"accounts", 30, load_demo});
}

}  // namespace schakel::accounts
