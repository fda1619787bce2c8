// HTTP handlers of platform meetings: the list and archive with search, the
// meeting form, the meeting page with its agenda, attendance, minutes,
// decisions and action points, and the list of open action points.
#include "network/meetings/routes.hpp"

#include <nlohmann/json.hpp>

#include "app/app.hpp"
#include "network/meetings/people.hpp"
#include "network/meetings/search.hpp"
#include "network/meetings/service.hpp"
#include "network/meetings/view_model.hpp"
#include "network/members.hpp"
#include "search/engine.hpp"
#include "web/access.hpp"

namespace schakel::meetings {

namespace {

using web::Access;

MeetingService service_of(App& app) {
  return MeetingService(
      app.db(), app.clock(), app.base_url(),
      [&app](const std::string& to, const std::string& name, nlohmann::json model) {
        return app.compose_mail(to, name, std::move(model));
      });
}

std::string meeting_path(std::int64_t id) { return "/overleg/" + std::to_string(id); }

web::Response list_get(App& app, web::Request& req) {
  auto service = service_of(app);
  auto upcoming = service.upcoming(req.user);
  if (!upcoming) return app.failure_page(req, upcoming.error());
  auto archive = service.archive(req.user);
  nlohmann::json up = nlohmann::json::array(), past = nlohmann::json::array();
  for (const auto& m : upcoming.value()) up.push_back(summary_model(m));
  for (const auto& m : archive.value()) past.push_back(summary_model(m));
  nlohmann::json model = {{"upcoming", up},
                          {"has_upcoming", !up.empty()},
                          {"archive", past},
                          {"has_archive", !past.empty()},
                          {"is_organiser", is_meeting_organiser(req.user)}};
  const std::string q = req.query_params.get("q");
  model["q"] = q;
  int status = 200;
  if (!q.empty()) {
    auto query = meeting_query(q, req.user);
    if (!query) {
      model.update(App::form_errors(query.error()));
      status = 422;
    } else {
      const auto outcome = app.search().search(query.value());
      nlohmann::json hits = nlohmann::json::array();
      for (const auto& h : outcome.hits) {
        auto data = nlohmann::json::parse(h.data);
        data["snippet_html"] = h.snippet_html;
        hits.push_back(data);
      }
      model["searched"] = true;
      model["hits"] = hits;
      model["hit_count"] = outcome.total;
    }
  }
  return app.render_page(req, "network/meeting_list", "Overleg", model, status);
}

nlohmann::json form_model(App& app, const MeetingInput& in, std::int64_t id) {
  nlohmann::json towns = nlohmann::json::array();
  for (const auto& t : network::member_municipalities(app.db(), app.clock().now()))
    towns.push_back({{"value", t.nis_code},
                     {"label", t.name_nl},
                     {"checked", std::find(in.nis_codes.begin(), in.nis_codes.end(), t.nis_code) !=
                                     in.nis_codes.end()}});
  auto format = [&](const char* value, const char* label) {
    return nlohmann::json{{"value", value}, {"label", label}, {"checked", in.format == value}};
  };
  return {{"id", id},
          {"is_new", id == 0},
          {"municipalities", towns},
          {"formats",
           {format("in_person", "Ter plaatse"), format("online", "Online"),
            format("hybrid", "Hybride")}},
          {"values",
           {{"title", in.title},
            {"date", in.date},
            {"starts", in.starts},
            {"ends", in.ends},
            {"address", in.address},
            {"online_url", in.online_url},
            {"proposals_until", in.proposals_until},
            {"people", in.people}}}};
}

web::Response form_page(App& app, const web::Request& req, const MeetingInput& in, std::int64_t id,
                        const Error* error) {
  nlohmann::json model = form_model(app, in, id);
  if (error) {
    model.update(App::form_errors(*error));
    model["has_errors"] = true;
  }
  return app.render_page(req, "network/meeting_form",
                         id == 0 ? "Nieuw overleg" : "Overleg aanpassen", model,
                         error ? App::status_for(error->failure) : 200);
}

MeetingInput input_from(const web::Request& req) {
  const auto& f = req.form;
  return MeetingInput{
      f.get("title"),         f.get("date"),    f.get("starts"),     f.get("ends"),
      f.get("format"),        f.get("address"), f.get("online_url"), f.get("proposals_until"),
      f.get_all("nis_codes"), f.get("people")};
}

web::Response new_get(App& app, web::Request& req) {
  MeetingInput in;
  in.format = "in_person";
  in.starts = "09:30";
  in.ends = "12:00";
  return form_page(app, req, in, 0, nullptr);
}

web::Response new_post(App& app, web::Request& req) {
  const auto in = input_from(req);
  auto made = service_of(app).create(req.user, in);
  if (!made)
    return app.failure_page(req, made.error(),
                            [&](int) { return form_page(app, req, in, 0, &made.error()); });
  app.ensure_session(req).add_flash("success",
                                    "Het overleg is bewaard en de uitnodiging is verstuurd.");
  return web::Response::redirect(meeting_path(made.value().id));
}

web::Response meeting_page(App& app, const web::Request& req, std::int64_t id,
                           const Error* error = nullptr) {
  auto service = service_of(app);
  auto record = service.record(req.user, id);
  if (!record) return app.failure_page(req, record.error());
  nlohmann::json model = meeting_model(app, req, service, record.value());
  const bool sent = error && req.method == "POST";
  auto value = [&](const char* name) { return sent ? req.form.get(name) : std::string(); };
  model["values"] = {{"title", value("title")},
                     {"owner_name", value("owner_name")},
                     {"minutes_planned", value("minutes_planned")},
                     {"resource", value("resource")},
                     {"need_id", value("need_id")},
                     {"action_id", value("action_id")},
                     {"decision", value("decision")},
                     {"point_text", value("point_text")},
                     {"point_due_on", value("point_due_on")}};
  if (error) {
    model.update(App::form_errors(*error));
    model["has_errors"] = true;
  }
  return app.render_page(req, "network/meeting_page", record.value().meeting.title, model,
                         error ? App::status_for(error->failure) : 200);
}

web::Response show_get(App& app, web::Request& req) {
  return meeting_page(app, req, web::id_param(req, "id"));
}

web::Response edit_get(App& app, web::Request& req) {
  const auto id = web::id_param(req, "id");
  auto record = service_of(app).record(req.user, id);
  if (!record) return app.failure_page(req, record.error());
  std::vector<std::string> emails;
  app.db().run([&](soci::session& sql) {
    for (const auto person_id : record.value().meeting.people)
      if (auto p = person(sql, person_id, app.clock().now())) emails.push_back(p->email);
  });
  return form_page(app, req, input_of(record.value().meeting, emails), id, nullptr);
}

web::Response edit_post(App& app, web::Request& req) {
  const auto id = web::id_param(req, "id");
  const auto in = input_from(req);
  auto done = service_of(app).update(req.user, id, in);
  if (!done)
    return app.failure_page(req, done.error(),
                            [&](int) { return form_page(app, req, in, id, &done.error()); });
  app.ensure_session(req).add_flash(
      "success", "Het overleg is aangepast en de uitgenodigden kregen een mail.");
  return web::Response::redirect(meeting_path(id));
}

// The answer to a form of the meeting page: back to the page (with `message`
// and `anchor`), or the page again with the error.
web::Response after(App& app, web::Request& req, const Status& done, const std::string& message,
                    const std::string& anchor) {
  const auto id = web::id_param(req, "id");
  if (!done)
    return app.failure_page(req, done.error(),
                            [&](int) { return meeting_page(app, req, id, &done.error()); });
  app.ensure_session(req).add_flash("success", message);
  return web::Response::redirect(meeting_path(id) + "#" + anchor);
}

template <class T>
Status status_of(const Result<T>& r) {
  if (!r) return r.error();
  return ok_status();
}

web::Response cancel_post(App& app, web::Request& req) {
  return after(app, req, service_of(app).cancel(req.user, web::id_param(req, "id")),
               "Het overleg is geannuleerd; de uitgenodigden kregen een mail.", "top");
}

web::Response agenda_mail_post(App& app, web::Request& req) {
  return after(app, req, service_of(app).send_agenda(req.user, web::id_param(req, "id")),
               "De agenda is verstuurd.", "agenda");
}

web::Response item_post(App& app, web::Request& req) {
  const auto& f = req.form;
  ItemInput in{f.get("title"),    f.get("owner_name"), f.get("minutes_planned"),
               f.get("resource"), f.get("need_id"),    f.get("action_id")};
  const bool organiser = is_meeting_organiser(req.user);
  return after(app, req,
               status_of(service_of(app).add_item(req.user, web::id_param(req, "id"), in)),
               organiser ? "Het punt staat op de agenda." : "Je voorstel is bewaard.", "agenda");
}

web::Response place(App& app, web::Request& req, const char* decision, const char* message) {
  return after(app, req,
               service_of(app).place_item(req.user, web::id_param(req, "id"),
                                          web::id_param(req, "item"), decision),
               message, "agenda");
}
web::Response accept_post(App& app, web::Request& req) {
  return place(app, req, "accept", "Het voorstel staat op de agenda.");
}
web::Response decline_post(App& app, web::Request& req) {
  return place(app, req, "decline", "Het voorstel is afgewezen.");
}
web::Response up_post(App& app, web::Request& req) {
  return place(app, req, "up", "Het punt is naar boven verplaatst.");
}
web::Response down_post(App& app, web::Request& req) {
  return place(app, req, "down", "Het punt is naar beneden verplaatst.");
}

web::Response minutes_post(App& app, web::Request& req) {
  return after(app, req,
               service_of(app).save_minutes(req.user, web::id_param(req, "id"),
                                            web::id_param(req, "item"), req.form.get("minutes")),
               "Het verslag is bewaard.", "verslag");
}

web::Response attendance_post(App& app, web::Request& req) {
  return after(app, req,
               service_of(app).set_attendance(req.user, web::id_param(req, "id"),
                                              req.form.get_all("attendees")),
               "De aanwezigheid is bewaard.", "aanwezigheid");
}

web::Response decision_post(App& app, web::Request& req) {
  return after(app, req,
               status_of(service_of(app).add_decision(req.user, web::id_param(req, "id"),
                                                      req.form.get("decision"))),
               "Het besluit is bewaard.", "besluiten");
}

web::Response point_post(App& app, web::Request& req) {
  const auto& f = req.form;
  return after(app, req,
               status_of(service_of(app).add_action_point(req.user, web::id_param(req, "id"),
                                                          f.get("point_text"), f.get("point_owner"),
                                                          f.get("point_due_on"))),
               "Het actiepunt is bewaard.", "actiepunten");
}

web::Response point_done_post(App& app, web::Request& req) {
  const bool done = req.form.get("done") != "0";
  return after(app, req,
               service_of(app).mark_done(req.user, web::id_param(req, "id"),
                                         web::id_param(req, "point"), done),
               done ? "Het actiepunt is afgevinkt." : "Het actiepunt staat weer open.",
               "actiepunten");
}

web::Response point_action_post(App& app, web::Request& req) {
  auto made =
      service_of(app).make_action(req.user, web::id_param(req, "id"), web::id_param(req, "point"));
  if (!made) return after(app, req, made.error(), "", "actiepunten");
  app.ensure_session(req).add_flash("success", "Het actiepunt is nu een actie.");
  return web::Response::redirect("/acties/" + std::to_string(made.value()));
}

web::Response points_get(App& app, web::Request& req) {
  const bool organiser = is_meeting_organiser(req.user);
  const bool all = organiser && req.query_params.get("wie") != "mij";
  auto points = service_of(app).open_action_points(req.user, all);
  if (!points) return app.failure_page(req, points.error());
  nlohmann::json model = {{"points", points_model(app, points.value())},
                          {"has_points", !points.value().empty()},
                          {"all", all},
                          {"is_organiser", organiser}};
  return app.render_page(req, "network/meeting_points",
                         all ? "Open actiepunten" : "Mijn actiepunten", model);
}

}  // namespace

// Long because: one line per route of the feature.
void install_routes(App& app) {
  auto& r = app.router();
  const Access network = Access::network();
  const Access organiser = Access::only({Role::coordinator, Role::admin});
  r.get("/overleg", app.bind(list_get), {.access = network});
  r.get("/overleg/nieuw", app.bind(new_get), {.access = organiser});
  r.post("/overleg/nieuw", app.bind(new_post), {.access = organiser});
  r.get("/overleg/actiepunten", app.bind(points_get), {.access = network});
  r.get("/overleg/{id}", app.bind(show_get), {.access = network});
  r.get("/overleg/{id}/bewerken", app.bind(edit_get), {.access = organiser});
  r.post("/overleg/{id}/bewerken", app.bind(edit_post), {.access = organiser});
  r.post("/overleg/{id}/annuleren", app.bind(cancel_post), {.access = organiser});
  r.post("/overleg/{id}/agenda-versturen", app.bind(agenda_mail_post), {.access = organiser});
  r.post("/overleg/{id}/punten", app.bind(item_post), {.access = network});
  r.post("/overleg/{id}/punten/{item}/aanvaarden", app.bind(accept_post), {.access = organiser});
  r.post("/overleg/{id}/punten/{item}/afwijzen", app.bind(decline_post), {.access = organiser});
  r.post("/overleg/{id}/punten/{item}/omhoog", app.bind(up_post), {.access = organiser});
  r.post("/overleg/{id}/punten/{item}/omlaag", app.bind(down_post), {.access = organiser});
  r.post("/overleg/{id}/punten/{item}/verslag", app.bind(minutes_post), {.access = organiser});
  r.post("/overleg/{id}/aanwezigheid", app.bind(attendance_post), {.access = organiser});
  r.post("/overleg/{id}/besluiten", app.bind(decision_post), {.access = organiser});
  r.post("/overleg/{id}/actiepunten", app.bind(point_post), {.access = organiser});
  r.post("/overleg/{id}/actiepunten/{point}/klaar", app.bind(point_done_post), {.access = network});
  r.post("/overleg/{id}/actiepunten/{point}/actie", app.bind(point_action_post),
         {.access = organiser});
}

}  // namespace schakel::meetings
