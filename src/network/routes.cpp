// HTTP handlers of the network: members, the SPOC directory, municipality pages,
// the coordinator's management page and the hand-over of the lead.
#include <nlohmann/json.hpp>

#include "accounts/roles.hpp"
#include "app/app.hpp"
#include "audit/audit.hpp"
#include "network/members.hpp"
#include "network/network.hpp"
#include "network/permissions.hpp"
#include "network/service.hpp"
#include "store/changes.hpp"
#include "store/row.hpp"
#include "web/access.hpp"

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
  if (auto coordinator = accounts::Roles::find_by_email(sql, "coordinator@demo.schakel.be", now))
    NetworkStore::open_lead(sql, coordinator->user.id, coordinator->user.display_name, "44021",
                            since);
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

// Answers a failed service call on the management page (App::failure_page): the
// page again with the message at `section`'s form, or an error page.
web::Response manage_failure(App& app, const web::Request& req, const Error& error,
                             const std::string& section) {
  return app.failure_page(req, error, [&](int status) {
    auto errors = App::form_errors(error);
    errors["failed_section"] = section;
    errors["failed_" + section] = true;
    return manage_page(app, req, errors, status);
  });
}

// GET /netwerk: the member municipalities, for everyone.
web::Response members_page(App& app, web::Request& req) {
  NetworkStore store(app.db());
  NetworkService service(app.db(), store, app.clock());
  return app.render_page(req, "network/members", "Leden van het netwerk",
                         members_model(service.public_members()));
}

// GET /netwerk/spocs: the SPOC directory, with contact details. A SPOC's look at
// other municipalities' SPOCs is audited.
web::Response spocs_page(App& app, web::Request& req) {
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
  if (web::has_role(req.user, Role::spoc) && other_municipalities)
    audit::record(app.db(), audit::Entry{0, app.clock().now(), req.user->id, req.user->email,
                                         "viewed_network_data", "network:spocs",
                                         "other municipalities", req.remote_ip});
  return app.render_page(req, "network/spocs", "SPOC's van het netwerk",
                         {{"groups", groups}, {"leads", leads_model(store)}});
}

// GET /netwerk/mijn-gemeente: a SPOC's way to their own municipality page (the
// main menu links here): the page itself for one municipality, a list for several.
web::Response own_municipality(App& app, web::Request& req) {
  // A SPOC speaks for at least one member (else their role reads professional).
  if (req.user->spoc_of.empty()) return app.deny(req, "view_own_municipality", "network:own");
  if (req.user->spoc_of.size() == 1)
    return web::Response::redirect("/netwerk/gemeenten/" + req.user->spoc_of.front());
  NetworkStore store(app.db());
  nlohmann::json list = nlohmann::json::array();
  for (const auto& nis : req.user->spoc_of)
    if (auto m = store.find_municipality(nis))
      list.push_back({{"nis_code", nis}, {"name", m->name_nl}});
  return app.render_page(req, "network/mine", "Mijn gemeenten", {{"municipalities", list}});
}

// GET /netwerk/gemeenten/{nis}: a member municipality's network page. The
// admin's visit is audited.
web::Response municipality_page(App& app, web::Request& req) {
  const std::string nis = req.param("nis");
  NetworkStore store(app.db());
  auto municipality = store.find_municipality(nis);
  if (!municipality || !store.is_member(nis, app.clock().now())) return app.error_page(&req, 404);
  nlohmann::json spocs = nlohmann::json::array();
  for (const auto& s : store.spocs(app.clock().now()))
    if (s.nis_code == nis)
      spocs.push_back({{"name", s.name}, {"email", s.email}, {"organisation", s.organisation}});
  if (web::has_role(req.user, Role::admin))
    audit::record(app.db(),
                  audit::Entry{0, app.clock().now(), req.user->id, req.user->email,
                               "viewed_network_data", "municipality:" + nis, "", req.remote_ip});
  auto page = app.render_page(req, "network/municipality", municipality->name_nl,
                              {{"name", municipality->name_nl},
                               {"nis_code", nis},
                               {"province", municipality->province},
                               {"contact_text", store.profile_text(nis)},
                               {"spocs", spocs},
                               {"can_edit", may(req.user, Action::edit_municipality, nis)},
                               {"errors", nlohmann::json::object()}});
  if (web::has_role(req.user, Role::admin)) page.headers.set("Cache-Control", "no-store");
  return page;
}

// POST /netwerk/gemeenten/{nis}: the contact text, by whoever speaks for it.
web::Response save_contact_text(App& app, web::Request& req) {
  const std::string nis = req.param("nis");
  // Whose municipality: an object rule, so it stays here.
  if (!may(req.user, Action::edit_municipality, nis))
    return app.deny(req, "edit_municipality", "municipality:" + nis);
  NetworkStore store(app.db());
  auto outcome = service_for(app, store)
                     .set_profile_text(*req.user, nis, req.form.get("contact_text"), req.remote_ip);
  if (!outcome)
    return app.failure_page(req, outcome.error(), [&](int status) {
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
                             status);
    });
  req.session->add_flash("success", "De contactgegevens zijn bewaard.");
  return web::Response::redirect("/netwerk/gemeenten/" + nis);
}

// GET /netwerk/beheer: the coordinator's management page.
web::Response manage(App& app, web::Request& req) { return manage_page(app, req); }

// After a change on the management page: its message, and back to the page.
web::Response back_to_manage(web::Request& req, const std::string& message) {
  req.session->add_flash("success", message);
  return web::Response::redirect("/netwerk/beheer");
}

// POST /netwerk/beheer/leden.
web::Response add_member(App& app, web::Request& req) {
  NetworkStore store(app.db());
  auto outcome =
      service_for(app, store).add_membership(*req.user, req.form.get("nis_code"), req.remote_ip);
  if (!outcome) return manage_failure(app, req, outcome.error(), "members");
  return back_to_manage(req, "De gemeente is lid van het netwerk.");
}

// GET /netwerk/beheer/leden/{id}/beeindigen: ending a membership asks first.
// This confirmation page changes nothing; its form posts with bevestigd=ja.
web::Response ask_end_membership(App& app, web::Request& req) {
  NetworkStore store(app.db());
  const std::int64_t id = id_param(req, "id");
  const std::int64_t now = app.clock().now();
  for (const auto& m : store.all_memberships())
    if (m.membership_id == id)
      return app.render_page(req, "confirm_action", "Lidmaatschap beëindigen",
                             end_membership_model(m, now));
  return app.error_page(&req, 404);
}

// POST /netwerk/beheer/leden/{id}/beeindigen.
web::Response end_membership(App& app, web::Request& req) {
  // Only the confirmation page's form ends it: anything else asks first.
  if (req.form.get("bevestigd") != "ja") return ask_end_membership(app, req);
  NetworkStore store(app.db());
  auto outcome =
      service_for(app, store).end_membership(*req.user, id_param(req, "id"), req.remote_ip);
  if (!outcome) return manage_failure(app, req, outcome.error(), "members");
  return back_to_manage(req, "Het lidmaatschap is beëindigd.");
}

// POST /netwerk/beheer/spocs.
web::Response assign_spoc(App& app, web::Request& req) {
  NetworkStore store(app.db());
  auto outcome =
      service_for(app, store)
          .assign_spoc(*req.user, req.form.get("email"), req.form.get("nis_code"), req.remote_ip);
  if (!outcome) return manage_failure(app, req, outcome.error(), "spocs");
  return back_to_manage(req, "De SPOC is toegevoegd.");
}

// POST /netwerk/beheer/spocs/{user}/{nis}/verwijderen.
web::Response remove_spoc(App& app, web::Request& req) {
  NetworkStore store(app.db());
  auto outcome =
      service_for(app, store)
          .remove_spoc(*req.user, id_param(req, "user"), req.param("nis"), req.remote_ip);
  if (!outcome) return manage_failure(app, req, outcome.error(), "spocs");
  return back_to_manage(req, "De SPOC-rol is weggenomen.");
}

// POST /netwerk/beheer/overdracht: the coordinator proposes a successor.
web::Response propose_handover(App& app, web::Request& req) {
  NetworkStore store(app.db());
  auto outcome = service_for(app, store)
                     .propose_handover(*req.user, req.form.get("to_email"),
                                       req.form.get("to_nis_code"), req.remote_ip);
  if (!outcome) return manage_failure(app, req, outcome.error(), "handover");
  return back_to_manage(
      req, "Het voorstel is verstuurd. De overdracht gebeurt zodra de persoon aanvaardt.");
}

// GET /netwerk/overdracht/{id}: the proposed coordinator's page. Someone else's
// proposal answers 404 (its existence is private): checked here, not declared.
web::Response handover_page(App& app, web::Request& req) {
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
}

// POST /netwerk/overdracht/{id}/aanvaarden or /weigeren: the answer.
web::Response answer_handover(App& app, web::Request& req, bool accept) {
  NetworkStore store(app.db());
  auto service = service_for(app, store);
  const std::int64_t id = id_param(req, "id");
  auto outcome = accept ? service.accept_handover(*req.user, id, req.remote_ip)
                        : service.decline_handover(*req.user, id, req.remote_ip);
  if (!outcome) {
    // Not theirs or unknown: 404 like the page, audited (the existence is private).
    if (outcome.error().failure == Failure::not_found)
      return app.deny(req, "answer_handover", "handover:" + req.param("id"), 404);
    return app.failure_page(req, outcome.error());
  }
  if (accept) {
    app.begin_user_session(req, req.user->id);  // a new role: a new session
    req.session->add_flash("success", "Je bent nu coördinator van het netwerk.");
    return web::Response::redirect("/netwerk/beheer");
  }
  req.session->add_flash("info", "Je hebt het voorstel geweigerd.");
  return web::Response::redirect("/");
}

}  // namespace

void install(App& app) {
  // Every table of this feature in the full export (archive/, issue 15).
  app.add_archive_tables(archive_tables_of(
      "network", {"memberships", "lead_history", "lead_handovers", "municipality_profiles"}));
  auto& r = app.router();
  provide_member_filter();
  const web::RouteOptions network{.access = web::Access::network()};
  // The management routes: the coordinator's (manage_memberships, manage_spocs and
  // hand_over_lead in permissions.cpp say the same).
  const web::RouteOptions coordinator{.access = web::Access::only({Role::coordinator})};
  // Object rules decide inside: whose municipality, whose hand-over.
  const web::RouteOptions signed_in{.access = web::Access::signed_in()};

  app.page("/netwerk", app.bind(members_page), PageOptions{.cache_for_anonymous = true});
  r.get("/netwerk/spocs", app.bind(spocs_page), network);
  r.get("/netwerk/mijn-gemeente", app.bind(own_municipality),
        {.access = web::Access::only({Role::spoc})});
  // The same for everyone of one role and municipality; an admin's visit is
  // audited, so never cached (municipality_page marks it).
  app.page("/netwerk/gemeenten/{nis}", app.bind(municipality_page),
           {.access = web::Access::network(), .signed_in = Audience::municipality});
  r.post("/netwerk/gemeenten/{nis}", app.bind(save_contact_text), signed_in);

  r.get("/netwerk/beheer", app.bind(manage), coordinator);
  r.post("/netwerk/beheer/leden", app.bind(add_member), coordinator);
  r.get("/netwerk/beheer/leden/{id}/beeindigen", app.bind(ask_end_membership), coordinator);
  r.post("/netwerk/beheer/leden/{id}/beeindigen", app.bind(end_membership), coordinator);
  r.post("/netwerk/beheer/spocs", app.bind(assign_spoc), coordinator);
  r.post("/netwerk/beheer/spocs/{user}/{nis}/verwijderen", app.bind(remove_spoc), coordinator);
  r.post("/netwerk/beheer/overdracht", app.bind(propose_handover), coordinator);

  r.get("/netwerk/overdracht/{id}", app.bind(handover_page), signed_in);
  r.post(
      "/netwerk/overdracht/{id}/aanvaarden",
      [&app](web::Request& req) { return answer_handover(app, req, true); }, signed_in);
  r.post(
      "/netwerk/overdracht/{id}/weigeren",
      [&app](web::Request& req) { return answer_handover(app, req, false); }, signed_in);

  app.add_demo_loader(DemoLoader{"network", 40, load_demo, &NetworkStore::delete_demo});
}

}  // namespace schakel::network
