#include "trainings/notifications.hpp"

#include <nlohmann/json.hpp>

#include "app/app.hpp"
#include "core/signed_token.hpp"
#include "core/text.hpp"
#include "store/signing_key.hpp"
#include "trainings/ical.hpp"
#include "trainings/store.hpp"

namespace schakel::trainings {

namespace {

constexpr std::int64_t manage_validity = 400 * 86400;

std::string when_of(const Session& s) {
  return format_weekday_date_nl(s.starts_at) + " van " + format_time_nl(s.starts_at) + " tot " +
         format_time_nl(s.ends_at);
}

std::string where_of(const Session& s, bool with_link) {
  if (s.format == "in_person") return s.address + (s.room.empty() ? "" : " (" + s.room + ")");
  std::string where = label_of(formats(), s.format);
  if (with_link && !s.online_url.empty()) where += ": " + s.online_url;
  return where;
}

// The sessions of `unit` for the mail: those of the registration's session, or
// all of the series. Online links only for people who hold a place.
nlohmann::json session_lines(const std::vector<Session>& sessions, const Unit& unit,
                             bool with_link) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& s : sessions) {
    if (unit.session_id && *unit.session_id != s.id) continue;
    out.push_back({{"when", when_of(s)},
                   {"where", where_of(s, with_link)},
                   {"cancelled", s.status == "cancelled"}});
  }
  return out;
}

}  // namespace

Mailer::Mailer(App& app) : app_(app), key_(store::signing_key(app.db())) {}

Notify Mailer::notifier() const {
  return [this](soci::session& sql, const Event& event) { send(sql, event); };
}

std::string Mailer::manage_path(std::int64_t registration_id) const {
  return "/vorming/inschrijving?token=" + sign_token(key_, "manage",
                                                     std::to_string(registration_id),
                                                     app_.clock().now() + manage_validity);
}

std::optional<std::int64_t> Mailer::registration_of(const std::string& token) const {
  auto subject = verify_token(key_, "manage", token, app_.clock().now());
  if (!subject) return std::nullopt;
  return parse_id(*subject);
}

namespace {

// The subject and paragraphs of the mail about `event` (and which parts it
// leaves out), for the series titled `title`; `manage` is the manage path.
void describe_event(const Event& event, const std::string& title, const std::string& manage,
                    nlohmann::json& model, nlohmann::json& paragraphs, nlohmann::json& lines) {
  const Registration& r = event.registration;
  switch (event.kind) {
    case Event::Kind::registered:
      model["subject"] = "Je bent ingeschreven: " + title;
      paragraphs.push_back("Je hebt een plaats in de vorming \"" + title + "\". Welkom!");
      paragraphs.push_back(
          "In de bijlage vind je de sessies als agendabestand (vorming.ics): open het om ze in "
          "je agenda te zetten.");
      paragraphs.push_back(
          "Kan je toch niet komen? Annuleer dan via de link onderaan, zodat iemand van de "
          "wachtlijst je plaats krijgt.");
      break;
    case Event::Kind::waitlisted:
      model["subject"] = "Je staat op de wachtlijst: " + title;
      paragraphs.push_back("De vorming \"" + title + "\" is volzet. Je staat op plaats " +
                           std::to_string(event.waitlist_position) + " van de wachtlijst.");
      paragraphs.push_back(
          "Komt er een plaats vrij, dan krijg je een mail en houden we die plaats een tijd voor "
          "je vast. Je hoeft nu niets te doen.");
      break;
    case Event::Kind::offered:
      model["subject"] = "Er is een plaats vrij voor je: " + title;
      paragraphs.push_back("Goed nieuws: er kwam een plaats vrij in de vorming \"" + title +
                           "\". We houden ze voor je vast tot " +
                           format_weekday_date_nl(r.offer_expires_at.value_or(0)) + " om " +
                           format_time_nl(r.offer_expires_at.value_or(0)) + ".");
      paragraphs.push_back(
          "Aanvaard de plaats via de link hieronder. Doe je niets, dan gaat ze naar de volgende "
          "persoon op de wachtlijst.");
      model["link"] = manage;
      model["link_label"] = "Plaats bekijken en aanvaarden";
      break;
    case Event::Kind::cancelled:
      model["subject"] = "Je inschrijving is geannuleerd: " + title;
      paragraphs.push_back("Je inschrijving voor \"" + title +
                           "\" is geannuleerd. Je plaats gaat naar de volgende op de wachtlijst.");
      lines = nlohmann::json::array();
      model.erase("manage_link");
      break;
    case Event::Kind::expired:
      model["subject"] = "Het aanbod is verlopen: " + title;
      paragraphs.push_back("De plaats die we voor je vasthielden in \"" + title +
                           "\" is naar de volgende persoon gegaan, omdat de tijd om te "
                           "aanvaarden voorbij is.");
      paragraphs.push_back("Je kan je opnieuw inschrijven op de pagina van de vorming.");
      lines = nlohmann::json::array();
      model.erase("manage_link");
      break;
    case Event::Kind::session_changed:
      model["subject"] = "Gewijzigd: " + title;
      paragraphs.push_back("Een sessie van \"" + title +
                           "\" is gewijzigd. Dit zijn de sessies zoals ze nu gepland zijn.");
      break;
    case Event::Kind::session_cancelled:
      model["subject"] = "Sessie geannuleerd: " + title;
      paragraphs.push_back("De sessie van " +
                           (event.session ? format_weekday_date_nl(event.session->starts_at)
                                          : std::string("binnenkort")) +
                           " van \"" + title + "\" gaat niet door.");
      break;
    case Event::Kind::series_cancelled:
      model["subject"] = "Geannuleerd: " + title;
      paragraphs.push_back("De vorming \"" + title +
                           "\" gaat niet door. Je inschrijving of je plaats op de wachtlijst "
                           "vervalt. Onze excuses voor het ongemak.");
      lines = nlohmann::json::array();
      model.erase("manage_link");
      break;
  }
}

}  // namespace

void Mailer::send(soci::session& sql, const Event& event) const {
  const Registration& r = event.registration;
  auto series = TrainingStore::find_series(sql, r.unit.series_id);
  if (!series) return;
  const auto sessions = TrainingStore::sessions_of(sql, series->id);
  nlohmann::json model = {{"name", r.name},
                          {"series_title", series->title},
                          {"organiser", series->organiser},
                          {"contact", series->contact},
                          {"manage_link", app_.base_url() + manage_path(r.id)}};
  nlohmann::json paragraphs = nlohmann::json::array();
  nlohmann::json lines = session_lines(sessions, r.unit, r.state == "registered");
  const std::string& title = series->title;
  describe_event(event, title, manage_path(r.id), model, paragraphs, lines);
  model["paragraphs"] = paragraphs;
  model["sessions"] = lines;
  model["has_sessions"] = !lines.empty();
  auto mail = app_.compose_mail(r.email, "trainings/mail_notice", model);
  // The sessions as a calendar file, so they land in the participant's agenda
  // (and move there when they change: the events keep their UID).
  if (event.kind == Event::Kind::registered || event.kind == Event::Kind::session_changed ||
      event.kind == Event::Kind::session_cancelled)
    mail.attachments.push_back(
        registration_attachment(sql, r, app_.base_url(), app_.clock().now()));
  mail::enqueue(sql, mail, app_.clock().now());
}

void Mailer::guest_confirmation(soci::session& sql, const Series& series, const std::string& name,
                                const std::string& email, const std::string& token) const {
  nlohmann::json model = {
      {"subject", "Bevestig je inschrijving: " + series.title},
      {"name", name},
      {"series_title", series.title},
      {"organiser", series.organiser},
      {"contact", series.contact},
      {"paragraphs",
       {"Je vroeg om je in te schrijven voor de vorming \"" + series.title +
            "\". Bevestig je e-mailadres via de link hieronder; pas dan is je inschrijving geldig.",
        "De link werkt 48 uur. Heb jij dit niet gevraagd? Dan hoef je niets te doen."}},
      {"sessions", nlohmann::json::array()},
      {"has_sessions", false},
      {"link", "/vorming/bevestigen?token=" + token},
      {"link_label", "Inschrijving bevestigen"}};
  mail::enqueue(sql, app_.compose_mail(email, "trainings/mail_notice", model), app_.clock().now());
}

void Mailer::reminder(soci::session& sql, const Series& series, const Session& session,
                      const Registration& r) const {
  nlohmann::json model = {
      {"subject",
       "Herinnering: " + series.title + " op " + format_weekday_date_nl(session.starts_at)},
      {"name", r.name},
      {"series_title", series.title},
      {"organiser", series.organiser},
      {"contact", series.contact},
      {"paragraphs",
       {"Binnenkort is het zover: de sessie van \"" + series.title + "\" begint op " +
        format_weekday_date_nl(session.starts_at) + " om " + format_time_nl(session.starts_at) +
        "."}},
      {"sessions", {{{"when", when_of(session)}, {"where", where_of(session, true)}}}},
      {"has_sessions", true},
      {"manage_link", app_.base_url() + manage_path(r.id)}};
  mail::enqueue(sql, app_.compose_mail(r.email, "trainings/mail_notice", model),
                app_.clock().now());
}

}  // namespace schakel::trainings
