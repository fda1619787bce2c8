// HTTP handlers of the network: members, the SPOC directory, municipality pages,
// the coordinator's management page and the hand-over of the lead.
#include <nlohmann/json.hpp>

#include "app/app.hpp"
#include "audit/audit.hpp"
#include "network/members.hpp"
#include "network/network.hpp"
#include "network/permissions.hpp"
#include "network/service.hpp"
#include "store/changes.hpp"
#include "store/row.hpp"

namespace schakel::network {

nlohmann::json members_model(const std::vector<Member>& members) {
  nlohmann::json list = nlohmann::json::array();
  bool any_demo = false;
  for (const auto& m : members) {
    any_demo = any_demo || m.is_demo;
    list.push_back({{"name", m.municipality.name_nl},
                    {"nis_code", m.municipality.nis_code},
                    {"province", m.municipality.province},
                    {"member_since", format_date_nl(m.member_since)},
                    {"is_lead", m.is_lead},
                    {"is_demo", m.is_demo}});
  }
  return {{"members", list}, {"has_demo_members", any_demo}};
}

void load_demo(soci::session& sql, const Clock& clock) {
  static const char* const codes[] = {"44021", "41002", "46021", "46029", "42006", "43005",
                                      "44088", "34022", "24062", "12025", "71016", "71072"};
  const std::int64_t now = clock.now();
  const std::int64_t since = now - 2 * 365 * 24 * 3600;  // the platform ran for two years
  for (const char* code : codes)
    NetworkStore::add_membership(sql, code, since, std::string(code) == "44021", true, now);
  // The demo coordinator (accounts' demo content, loaded earlier) leads from Gent.
  long long coordinator = 0;
  std::string name;
  sql << "SELECT id, display_name FROM users WHERE email = 'coordinator@demo.schakel.be'",
      soci::into(coordinator), soci::into(name);
  if (sql.got_data()) NetworkStore::open_lead(sql, coordinator, name, "44021", since);
}

namespace {

NetworkService service_for(App& app, NetworkStore& store) {
  return NetworkService(
      app.db(), store, app.clock(),
      [&app](const std::string& to, const std::string& name, nlohmann::json model) {
        return app.compose_mail(to, name, std::move(model));
      });
}

std::string dates(const Lead& l) {
  return format_date_nl(l.from_at) +
         (l.until_at ? " tot " + format_date_nl(*l.until_at) : " tot nu");
}

nlohmann::json leads_model(NetworkStore& store) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& l : store.lead_history())
    list.push_back({{"coordinator", l.coordinator_label},
                    {"municipality", l.municipality},
                    {"period", dates(l)},
                    {"current", !l.until_at.has_value()}});
  return list;
}

// The model of the shared confirmation page for ending membership `m`: the
// question with its form, or, for the leading municipality or an ended
// membership, only why not and the way back.
nlohmann::json end_membership_model(const Member& m, std::int64_t now) {
  const std::string& name = m.municipality.name_nl;
  // Already ended is about the end date only: a membership that starts later can
  // still be ended before it begins.
  const bool ended = m.member_until && *m.member_until <= now;
  nlohmann::json model = {{"heading", "Lidmaatschap van " + name + " beëindigen?"},
                          {"back", "/netwerk/beheer#leden-titel"},
                          {"no", "Terug naar netwerkbeheer"}};
  if (ended) {
    model["question"] = "Het lidmaatschap van " + name + " is al beëindigd op " +
                        format_date_nl(*m.member_until) + ".";
  } else if (m.is_lead) {
    model["question"] = name +
                        " is de trekkende gemeente. Die kan pas stoppen nadat de trekkersrol is "
                        "overgedragen.";
    model["back"] = "/netwerk/beheer#overdracht-titel";
    model["no"] = "Naar het overdragen van de trekkersrol";
  } else {
    model.update(
        {{"question", name + " is lid van het netwerk sinds " + format_date_nl(m.member_since) +
                          ". Beëindig je het lidmaatschap, dan:"},
         {"has_consequences", true},
         {"consequences", nlohmann::json::array(
                              {"blijft " + name +
                                   " in de lijst van lidmaatschappen staan, met vandaag "
                                   "als einddatum;",
                               "verschijnt " + name + " niet meer bij de aangesloten gemeenten;"})},
         {"consequence", "Wil de gemeente later opnieuw aansluiten? Dan voeg je ze opnieuw toe."},
         {"has_form", true},
         {"action", "/netwerk/beheer/leden/" + std::to_string(m.membership_id) + "/beeindigen"},
         {"yes", "Ja, lidmaatschap beëindigen"},
         {"danger", true},
         {"no", "Toch niet: terug naar netwerkbeheer"}});
  }
  return model;
}

// Answers a failed service call on the management page: the page again with
// the message, or the matching error status.
web::Response manage_failure(App& app, const web::Request& req, const Error& error,
                             const std::string& section);

web::Response manage_page(App& app, const web::Request& req,
                          nlohmann::json extra = nlohmann::json::object(), int status = 200) {
  NetworkStore store(app.db());
  const std::int64_t now = app.clock().now();
  nlohmann::json members = nlohmann::json::array();
  for (const auto& m : store.all_memberships()) {
    const bool current = m.is_current(now);
    members.push_back({{"id", m.membership_id},
                       {"name", m.municipality.name_nl},
                       {"since", format_date_nl(m.member_since)},
                       {"until", m.member_until ? format_date_nl(*m.member_until) : ""},
                       {"current", current},
                       {"is_lead", m.is_lead && current},
                       {"is_demo", m.is_demo}});
  }
  nlohmann::json municipalities = nlohmann::json::array();
  for (const auto& m : store.flemish_municipalities())
    municipalities.push_back({{"nis_code", m.nis_code}, {"name", m.name_nl}});
  nlohmann::json current = nlohmann::json::array();
  for (const auto& m : store.current_members(now))
    current.push_back({{"nis_code", m.municipality.nis_code},
                       {"name", m.municipality.name_nl},
                       {"is_lead", m.is_lead}});
  nlohmann::json spocs = nlohmann::json::array();
  for (const auto& s : store.spocs(now))
    spocs.push_back({{"user_id", s.user_id},
                     {"name", s.name},
                     {"email", s.email},
                     {"nis_code", s.nis_code},
                     {"municipality", s.municipality}});
  nlohmann::json handovers = nlohmann::json::array();
  for (const auto& h : store.open_handovers())
    handovers.push_back({{"to_name", h.to_name},
                         {"municipality", h.to_municipality},
                         {"created", format_date_nl(h.created_at)}});
  nlohmann::json m = {{"members", members},
                      {"municipalities", municipalities},
                      {"current_members", current},
                      {"spocs", spocs},
                      {"open_handovers", handovers},
                      {"leads", leads_model(store)},
                      {"errors", nlohmann::json::object()}};
  for (auto it = extra.begin(); it != extra.end(); ++it) m[it.key()] = it.value();
  return app.render_page(req, "network/manage", "Netwerkbeheer", m, status);
}

web::Response manage_failure(App& app, const web::Request& req, const Error& error,
                             const std::string& section) {
  if (error.failure == Failure::not_found) return app.error_page(&req, 404);
  auto errors = App::form_errors(error);
  errors["failed_section"] = section;
  errors["failed_" + section] = true;
  return manage_page(app, req, errors, error.failure == Failure::conflict ? 409 : 422);
}

}  // namespace

void install(App& app) {
  auto& r = app.router();
  provide_member_filter();

  app.page(
      "/netwerk",
      [&app](web::Request& req) {
        NetworkStore store(app.db());
        NetworkService service(app.db(), store, app.clock());
        return app.render_page(req, "network/members", "Leden van het netwerk",
                               members_model(service.public_members()));
      },
      PageOptions{.cache_for_anonymous = true});

  // The SPOC directory: network-only, with contact details.
  r.get("/netwerk/spocs", [&app](web::Request& req) {
    if (!req.user) return app.sign_in_first(req);
    if (!may(req.user, Action::view_directory))
      return app.deny(req, "view_directory", "network:spocs");
    NetworkStore store(app.db());
    nlohmann::json groups = nlohmann::json::array();
    std::string last;
    bool other_municipalities = false;
    for (const auto& s : store.spocs(app.clock().now())) {
      if (s.nis_code != last) {
        groups.push_back({{"municipality", s.municipality},
                          {"nis_code", s.nis_code},
                          {"can_open", may(req.user, Action::view_municipality, s.nis_code)},
                          {"spocs", nlohmann::json::array()}});
        last = s.nis_code;
      }
      groups.back()["spocs"].push_back(
          {{"name", s.name}, {"email", s.email}, {"organisation", s.organisation}});
      other_municipalities = other_municipalities || !web::speaks_for(req.user, s.nis_code);
    }
    if (req.user->role == Role::spoc && other_municipalities)
      audit::record(app.db(), audit::Entry{0, app.clock().now(), req.user->id, req.user->email,
                                           "viewed_network_data", "network:spocs",
                                           "other municipalities", req.remote_ip});
    return app.render_page(req, "network/spocs", "SPOC's van het netwerk",
                           {{"groups", groups}, {"leads", leads_model(store)}});
  });

  // A SPOC's way to their own municipality page (the main menu links here): the
  // page itself for one municipality, a list for several.
  r.get("/netwerk/mijn-gemeente", [&app](web::Request& req) {
    if (!req.user) return app.sign_in_first(req);
    if (req.user->role != Role::spoc || req.user->spoc_of.empty())
      return app.deny(req, "view_own_municipality", "network:own");
    if (req.user->spoc_of.size() == 1)
      return web::Response::redirect("/netwerk/gemeenten/" + req.user->spoc_of.front());
    NetworkStore store(app.db());
    nlohmann::json list = nlohmann::json::array();
    for (const auto& nis : req.user->spoc_of)
      if (auto m = store.find_municipality(nis))
        list.push_back({{"nis_code", nis}, {"name", m->name_nl}});
    return app.render_page(req, "network/mine", "Mijn gemeenten", {{"municipalities", list}});
  });

  // A member municipality's network page, and its contact text.
  r.get("/netwerk/gemeenten/{nis}", [&app](web::Request& req) {
    if (!req.user) return app.sign_in_first(req);
    const std::string nis = req.param("nis");
    if (!may(req.user, Action::view_municipality, nis))
      return app.deny(req, "view_municipality", "municipality:" + nis);
    NetworkStore store(app.db());
    auto municipality = store.find_municipality(nis);
    if (!municipality || !store.is_member(nis, app.clock().now())) return app.error_page(&req, 404);
    nlohmann::json spocs = nlohmann::json::array();
    for (const auto& s : store.spocs(app.clock().now()))
      if (s.nis_code == nis)
        spocs.push_back({{"name", s.name}, {"email", s.email}, {"organisation", s.organisation}});
    if (req.user->role == Role::admin)
      audit::record(app.db(),
                    audit::Entry{0, app.clock().now(), req.user->id, req.user->email,
                                 "viewed_network_data", "municipality:" + nis, "", req.remote_ip});
    return app.render_page(req, "network/municipality", municipality->name_nl,
                           {{"name", municipality->name_nl},
                            {"nis_code", nis},
                            {"province", municipality->province},
                            {"contact_text", store.profile_text(nis)},
                            {"spocs", spocs},
                            {"can_edit", may(req.user, Action::edit_municipality, nis)},
                            {"errors", nlohmann::json::object()}});
  });
  r.post("/netwerk/gemeenten/{nis}", [&app](web::Request& req) {
    if (!req.user) return app.sign_in_first(req);
    const std::string nis = req.param("nis");
    if (!may(req.user, Action::edit_municipality, nis))
      return app.deny(req, "edit_municipality", "municipality:" + nis);
    NetworkStore store(app.db());
    auto outcome =
        service_for(app, store)
            .set_profile_text(*req.user, nis, req.form.get("contact_text"), req.remote_ip);
    if (!outcome) {
      if (outcome.error().failure == Failure::not_found) return app.error_page(&req, 404);
      auto municipality = store.find_municipality(nis);
      auto errors = App::form_errors(outcome.error());
      return app.render_page(req, "network/municipality",
                             municipality ? municipality->name_nl : nis,
                             {{"name", municipality ? municipality->name_nl : nis},
                              {"nis_code", nis},
                              {"contact_text", req.form.get("contact_text").substr(0, 4000)},
                              {"spocs", nlohmann::json::array()},
                              {"can_edit", true},
                              {"errors", errors["errors"]},
                              {"error_summary", errors["error_summary"]},
                              {"has_errors", true}},
                             422);
    }
    req.session->add_flash("success", "De contactgegevens zijn bewaard.");
    return web::Response::redirect("/netwerk/gemeenten/" + nis);
  });

  // The coordinator's management page.
  r.get("/netwerk/beheer", [&app](web::Request& req) {
    if (!req.user) return app.sign_in_first(req);
    if (!may(req.user, Action::manage_memberships))
      return app.deny(req, "manage_network", "network:manage");
    return manage_page(app, req);
  });
  r.post("/netwerk/beheer/leden", [&app](web::Request& req) {
    if (!req.user) return app.sign_in_first(req);
    if (!may(req.user, Action::manage_memberships))
      return app.deny(req, "add_membership", "network:memberships");
    NetworkStore store(app.db());
    auto outcome =
        service_for(app, store).add_membership(*req.user, req.form.get("nis_code"), req.remote_ip);
    if (!outcome) return manage_failure(app, req, outcome.error(), "members");
    req.session->add_flash("success", "De gemeente is lid van het netwerk.");
    return web::Response::redirect("/netwerk/beheer");
  });
  // Ending a membership asks first: this page changes nothing, its button posts.
  // The confirmation page; its form posts with bevestigd=ja.
  auto ask_end = [&app](web::Request& req) {
    NetworkStore store(app.db());
    const std::int64_t id = id_param(req, "id");
    const std::int64_t now = app.clock().now();
    for (const auto& m : store.all_memberships())
      if (m.membership_id == id)
        return app.render_page(req, "confirm_action", "Lidmaatschap beëindigen",
                               end_membership_model(m, now));
    return app.error_page(&req, 404);
  };
  r.get("/netwerk/beheer/leden/{id}/beeindigen", [&app, ask_end](web::Request& req) {
    if (!req.user) return app.sign_in_first(req);
    if (!may(req.user, Action::manage_memberships))
      return app.deny(req, "end_membership", "membership:" + req.param("id"));
    return ask_end(req);
  });
  r.post("/netwerk/beheer/leden/{id}/beeindigen", [&app, ask_end](web::Request& req) {
    if (!req.user) return app.sign_in_first(req);
    if (!may(req.user, Action::manage_memberships))
      return app.deny(req, "end_membership", "membership:" + req.param("id"));
    // Only the confirmation page's form ends it: anything else asks first.
    if (req.form.get("bevestigd") != "ja") return ask_end(req);
    NetworkStore store(app.db());
    auto outcome =
        service_for(app, store).end_membership(*req.user, id_param(req, "id"), req.remote_ip);
    if (!outcome) return manage_failure(app, req, outcome.error(), "members");
    req.session->add_flash("success", "Het lidmaatschap is beëindigd.");
    return web::Response::redirect("/netwerk/beheer");
  });
  r.post("/netwerk/beheer/spocs", [&app](web::Request& req) {
    if (!req.user) return app.sign_in_first(req);
    if (!may(req.user, Action::manage_spocs)) return app.deny(req, "assign_spoc", "network:spocs");
    NetworkStore store(app.db());
    auto outcome =
        service_for(app, store)
            .assign_spoc(*req.user, req.form.get("email"), req.form.get("nis_code"), req.remote_ip);
    if (!outcome) return manage_failure(app, req, outcome.error(), "spocs");
    req.session->add_flash("success", "De SPOC is toegevoegd.");
    return web::Response::redirect("/netwerk/beheer");
  });
  r.post("/netwerk/beheer/spocs/{user}/{nis}/verwijderen", [&app](web::Request& req) {
    if (!req.user) return app.sign_in_first(req);
    if (!may(req.user, Action::manage_spocs))
      return app.deny(req, "remove_spoc", "user:" + req.param("user"));
    NetworkStore store(app.db());
    auto outcome =
        service_for(app, store)
            .remove_spoc(*req.user, id_param(req, "user"), req.param("nis"), req.remote_ip);
    if (!outcome) return manage_failure(app, req, outcome.error(), "spocs");
    req.session->add_flash("success", "De SPOC-rol is weggenomen.");
    return web::Response::redirect("/netwerk/beheer");
  });
  r.post("/netwerk/beheer/overdracht", [&app](web::Request& req) {
    if (!req.user) return app.sign_in_first(req);
    if (!may(req.user, Action::hand_over_lead))
      return app.deny(req, "hand_over_lead", "network:lead");
    NetworkStore store(app.db());
    auto outcome = service_for(app, store)
                       .propose_handover(*req.user, req.form.get("to_email"),
                                         req.form.get("to_nis_code"), req.remote_ip);
    if (!outcome) return manage_failure(app, req, outcome.error(), "handover");
    req.session->add_flash(
        "success", "Het voorstel is verstuurd. De overdracht gebeurt zodra de persoon aanvaardt.");
    return web::Response::redirect("/netwerk/beheer");
  });

  // The proposed coordinator answers.
  r.get("/netwerk/overdracht/{id}", [&app](web::Request& req) {
    if (!req.user) return app.sign_in_first(req);
    NetworkStore store(app.db());
    auto h = store.handover(id_param(req, "id"));
    if (!h || h->to_user_id != req.user->id)
      return app.deny(req, "view_handover", "handover:" + req.param("id"), 404);
    return app.render_page(req, "network/handover", "Trekkersrol overnemen",
                           {{"id", h->id},
                            {"from_name", h->from_name},
                            {"municipality", h->to_municipality},
                            {"open", h->decision == "open"},
                            {"decision", h->decision == "accepted"    ? "aanvaard"
                                         : h->decision == "declined"  ? "geweigerd"
                                         : h->decision == "withdrawn" ? "ingetrokken"
                                                                      : "open"}});
  });
  for (const std::string verb : {"aanvaarden", "weigeren"}) {
    r.post("/netwerk/overdracht/{id}/" + verb, [&app, verb](web::Request& req) {
      if (!req.user) return app.sign_in_first(req);
      NetworkStore store(app.db());
      auto service = service_for(app, store);
      const std::int64_t id = id_param(req, "id");
      auto outcome = verb == "aanvaarden" ? service.accept_handover(*req.user, id, req.remote_ip)
                                          : service.decline_handover(*req.user, id, req.remote_ip);
      if (!outcome) {
        if (outcome.error().failure == Failure::not_found)
          return app.deny(req, "answer_handover", "handover:" + req.param("id"), 404);
        return app.failure_page(req, outcome.error());
      }
      if (verb == "aanvaarden") {
        app.begin_user_session(req, req.user->id);  // a new role: a new session
        req.session->add_flash("success", "Je bent nu coördinator van het netwerk.");
        return web::Response::redirect("/netwerk/beheer");
      }
      req.session->add_flash("info", "Je hebt het voorstel geweigerd.");
      return web::Response::redirect("/");
    });
  }

  app.add_demo_loader(DemoLoader{"network", 40, load_demo, &NetworkStore::delete_demo});
}

}  // namespace schakel::network
