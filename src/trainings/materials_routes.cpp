// Session materials: the organiser's page to add and remove the files of a
// session, and the download for the organiser and the participants holding a
// place (signed in, or a guest with the signed link of their manage mail).
// Thin handlers; the rules are in MaterialService, the upload checks and the
// download headers are the kennisbank's (catalog/attachments.hpp).
#include <variant>

#include <nlohmann/json.hpp>

#include "app/app.hpp"
#include "files/download.hpp"
#include "files/upload.hpp"
#include "trainings/attendance_service.hpp"
#include "trainings/materials_service.hpp"
#include "trainings/notifications.hpp"
#include "trainings/permissions.hpp"
#include "trainings/routes.hpp"
#include "trainings/store.hpp"
#include "web/access.hpp"
#include "web/form.hpp"

namespace schakel::trainings {

namespace {

std::string session_page_path(const Series& series, std::int64_t session_id) {
  return "/vorming/" + series.slug + "/sessies/" + std::to_string(session_id) + "/materiaal";
}

// One material as the lists show it; `query` ("" or "?token=...") goes on the link.
nlohmann::json material_item(const Series& series, const Material& m, const std::string& query) {
  return {{"id", m.id},
          {"name", m.title.empty() ? m.file_name : m.title},
          {"file_name", m.file_name},
          {"title", m.title},
          {"type", files::type_label_nl(m.content_type)},
          {"size", files::size_label_nl(m.size)},
          {"url", material_path(series.slug, m) + query}};
}

struct Managed {
  Series series;
  Session session;
};

// The series of {slug} and its session {id} when the signed-in user organises
// the series; else the answer (404, 403). Its routes require a signed-in user.
std::variant<Managed, web::Response> managed_session(App& app, web::Request& req,
                                                     const std::string& action) {
  auto series = app.db().run([&](soci::session& sql) {
    return TrainingStore::find_series_by_slug(sql, req.param("slug"));
  });
  if (!series) return app.error_page(&req, 404);
  if (!may_manage(req.user, *series))
    return app.deny(req, action, "training_series:" + std::to_string(series->id));
  auto session =
      MaterialService(app.db(), app.clock()).session_of(*series, web::id_param(req, "id"));
  if (!session) return app.error_page(&req, 404);
  return Managed{std::move(*series), std::move(*session)};
}

// The organiser's page of a session's materials; `error` from a failed upload.
web::Response materials_page(App& app, const web::Request& req, const Managed& m,
                             const Error* error = nullptr, const std::string& title = {}) {
  nlohmann::json items = nlohmann::json::array();
  for (const auto& material : MaterialService(app.db(), app.clock()).of_session(m.session.id))
    items.push_back(material_item(m.series, material, ""));
  nlohmann::json model = {
      {"series", {{"title", m.series.title}, {"slug", m.series.slug}}},
      {"session", {{"id", m.session.id}, {"label", session_label(m.session)}}},
      {"action", session_page_path(m.series, m.session.id)},
      {"materials", items},
      {"has_materials", !items.empty()},
      {"max_upload",
       files::size_label_nl(static_cast<std::int64_t>(app.config().limits.attachment_bytes))},
      {"values", {{"title", web::valid_utf8(title) ? title : std::string()}}},
      {"has_errors", error != nullptr}};
  if (error) model.update(App::form_errors(*error));
  return app.render_page(req, "trainings/materials", "Materiaal – " + session_label(m.session),
                         model, error ? 422 : 200);
}

}  // namespace

std::string material_path(const std::string& slug, const Material& m) {
  return "/vorming/" + slug + "/materiaal/" + std::to_string(m.id) + "/" +
         web::percent_encode(m.file_name);
}

nlohmann::json materials_of_session_model(App& app, const Series& series, std::int64_t session_id,
                                          const std::optional<web::Principal>& user) {
  nlohmann::json items = nlohmann::json::array();
  if (!user) return items;
  MaterialService service(app.db(), app.clock());
  auto session = service.session_of(series, session_id);
  if (!session ||
      !service.may_read(series, *session, Reader{user, may_manage(user, series), std::nullopt}))
    return items;
  for (const auto& m : service.of_session(session_id))
    items.push_back(material_item(series, m, ""));
  return items;
}

nlohmann::json materials_of_registration_model(App& app, std::int64_t registration_id,
                                               const std::string& token) {
  nlohmann::json items = nlohmann::json::array();
  std::optional<Series> series;
  std::vector<Session> sessions;
  app.db().run([&](soci::session& sql) {
    auto r = TrainingStore::find_registration(sql, registration_id);
    if (!r || r->state != "registered") return;
    series = TrainingStore::find_series(sql, r->unit.series_id);
    for (auto& s : TrainingStore::sessions_of(sql, r->unit.series_id))
      if (gives_access(*r, s)) sessions.push_back(std::move(s));
  });
  if (!series) return items;
  MaterialService service(app.db(), app.clock());
  const std::string query = "?token=" + web::percent_encode(token);
  for (const auto& s : sessions)
    for (const auto& m : service.of_session(s.id)) {
      auto item = material_item(*series, m, query);
      item["session"] = session_label(s);
      items.push_back(std::move(item));
    }
  return items;
}

namespace {

web::Response materials_get(App& app, web::Request& req) {
  auto found = managed_session(app, req, "manage_materials");
  if (auto* answer = std::get_if<web::Response>(&found)) return std::move(*answer);
  return materials_page(app, req, std::get<Managed>(found));
}

web::Response material_post(App& app, web::Request& req) {
  auto found = managed_session(app, req, "add_material");
  if (auto* answer = std::get_if<web::Response>(&found)) return std::move(*answer);
  const Managed& m = std::get<Managed>(found);
  const files::Upload upload = files::upload_of(req);
  auto added = MaterialService(app.db(), app.clock())
                   .add(m.series, m.session.id, upload, app.config().limits.attachment_bytes);
  if (!added) {
    if (added.error().failure != Failure::invalid) return app.failure_page(req, added.error());
    return materials_page(app, req, m, &added.error(), upload.title);
  }
  app.ensure_session(req).add_flash("success",
                                    "Het bestand " + added.value().file_name + " is toegevoegd.");
  return web::Response::redirect(session_page_path(m.series, m.session.id));
}

web::Response material_remove(App& app, web::Request& req) {
  auto found = managed_session(app, req, "remove_material");
  if (auto* answer = std::get_if<web::Response>(&found)) return std::move(*answer);
  const Managed& m = std::get<Managed>(found);
  auto removed = MaterialService(app.db(), app.clock())
                     .remove(m.series, m.session.id, web::id_param(req, "mid"));
  if (!removed) return app.failure_page(req, removed.error());
  app.ensure_session(req).add_flash("success", "Het bestand is verwijderd.");
  return web::Response::redirect(session_page_path(m.series, m.session.id));
}

// Anyone else gets 404: whether a material exists is not told.
web::Response material_download(App& app, web::Request& req) {
  auto series = app.db().run([&](soci::session& sql) {
    return TrainingStore::find_series_by_slug(sql, req.param("slug"));
  });
  if (!series) return app.error_page(&req, 404);
  Reader reader{req.user, may_manage(req.user, *series), std::nullopt};
  if (const std::string token = req.query_params.get("token"); !token.empty())
    reader.token_registration = Mailer(app).registration_of(token);
  auto file =
      MaterialService(app.db(), app.clock()).download(*series, web::id_param(req, "mid"), reader);
  if (!file) return app.error_page(&req, 404);
  return files::file_download(req, file->material.sha256, file->material.content_type,
                              file->material.file_name, std::move(file->data));
}

}  // namespace

void install_materials_routes(App& app) {
  using web::Access;
  auto& r = app.router();
  // The organiser's pages: whose series is an object rule (managed_session).
  r.get("/vorming/{slug}/sessies/{id}/materiaal", app.bind(materials_get),
        {.access = Access::signed_in()});
  r.post("/vorming/{slug}/sessies/{id}/materiaal", app.bind(material_post),
         {.accepts_upload = true, .access = Access::signed_in()});
  r.post("/vorming/{slug}/sessies/{id}/materiaal/{mid}/verwijderen", app.bind(material_remove),
         {.access = Access::signed_in()});
  // Participants, organisers and the guest's manage link: decided in the service.
  r.get("/vorming/{slug}/materiaal/{mid}/{name}", app.bind(material_download));
}

}  // namespace schakel::trainings
