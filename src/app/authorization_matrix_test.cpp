// The authorization matrix: every route of the application, asked by every role,
// gets the expected status — including a SPOC of one municipality acting on
// another's objects. The routes are enumerated from the router, so a new route
// without an entry here fails the test.
#include <gtest/gtest.h>

#include <array>
#include <map>

#include "accounts/accounts.hpp"
#include "accounts/password.hpp"
#include "accounts/store.hpp"
#include "campaigns/types.hpp"
#include "catalog/attachments.hpp"
#include "catalog/store.hpp"
#include "digest/newsletter_store.hpp"
#include "mail/mail.hpp"
#include "network/store.hpp"
#include "reference/place_code.hpp"
#include "store/row.hpp"
#include "test_support.hpp"
#include "trainings/store.hpp"

namespace schakel {
namespace {

using schakel::testing::cookie_header;
using schakel::testing::http_get;
using schakel::testing::http_post;
using schakel::testing::OnPostgres;
using schakel::testing::OnSqlite;
using schakel::testing::TestServer;
using schakel::testing::user_id;

// anonymous, professional, SPOC of Gent (A), SPOC of Aalst (B), coordinator, admin
constexpr std::size_t roles = 6;
const char* const role_names[roles] = {"anonymous",  "professional", "spoc_gent",
                                       "spoc_aalst", "coordinator",  "admin"};
using Expected = std::array<int, roles>;

struct Entry {
  std::string path;  // the concrete path to request
  Expected expected;
};

template <class B>
class AuthorizationMatrix : public ::testing::Test {
 protected:
  void SetUp() override { SCHAKEL_REQUIRE_BACKEND(B::backend); }
};
using MatrixBackends = ::testing::Types<OnSqlite, OnPostgres>;
TYPED_TEST_SUITE(AuthorizationMatrix, MatrixBackends, schakel::testing::BackendNames);

TYPED_TEST(AuthorizationMatrix, EveryRouteAnswersEveryRoleAsExpected) {
  Config config;
  config.allow_demo_accounts = true;
  TestServer server(TypeParam::backend, config, true);
  auto& db = server.db();
  const std::int64_t now = server.clock().now();

  // Objects the routes act on, none of them belonging to the six roles.
  const auto outsider_hash = accounts::hash_password("een lang wachtwoord");
  std::int64_t outsider = 0, hasselt_spoc = 0, genk_membership = 0, handover = 0, mail_id = 0;
  std::int64_t attachment = 0, removable = 0;
  std::int64_t training_series = 0, training_session = 0, training_registration = 0;
  db.transact([&](soci::session& sql) {
    outsider = accounts::UserStore::insert(
        sql, {"buiten@voorbeeld.be", "Buitenstaander", "", Role::professional, "", false},
        outsider_hash, now);
    hasselt_spoc = accounts::UserStore::insert(
        sql, {"spoc.hasselt@voorbeeld.be", "SPOC Hasselt", "", Role::spoc, "71072", false},
        outsider_hash, now);
    handover = network::NetworkStore::create_handover(
        sql, user_id(db, "coordinator@demo.schakel.be"), outsider, "41002", now);
    long long id = 0;
    sql << "SELECT id FROM memberships WHERE nis_code = '71016'", soci::into(id);
    genk_membership = id;
    catalog::Resource resource;
    resource.slug = "testfiche";
    resource.kind = "tool";
    resource.title = "Testfiche";
    resource.summary = "Een fiche van Gent.";
    resource.owner_nis_code = "44021";
    resource.scope = "local";
    resource.status = "published";
    resource.created_by = outsider;
    resource.id = catalog::CatalogStore::insert(sql, resource, now);
    catalog::CatalogStore::add_revision(sql, resource, outsider, "Buitenstaander", now);
    const std::string pdf = "%PDF-1.4\n%%EOF\n";
    attachment = catalog::AttachmentStore::add(sql, resource.id, pdf, *files::sniff(pdf),
                                               "test.pdf", "", outsider, now);
    removable = catalog::AttachmentStore::add(sql, resource.id, pdf, *files::sniff(pdf), "weg.pdf",
                                              "", outsider, now);
    mail::enqueue(sql, mail::Mail{"buiten@voorbeeld.be", "Test", "tekst", "<p>tekst</p>"}, now);
    sql << "SELECT MAX(id) FROM mail_outbox", soci::into(id);
    mail_id = id;
    // A published training series of Gent with one session and the outsider registered.
    trainings::Series series;
    series.slug = "matrixreeks";
    series.title = "Matrixreeks";
    series.owner_nis_code = "44021";
    series.organiser = "Gent";
    series.status = "published";
    training_series = trainings::TrainingStore::insert_series(sql, series, now);
    trainings::Session session;
    session.series_id = training_series;
    session.starts_at = now + 5 * 86400;
    session.ends_at = session.starts_at + 3 * 3600;
    session.capacity = 10;
    training_session = trainings::TrainingStore::insert_session(sql, session, now);
    trainings::Registration registration;
    registration.unit.series_id = training_series;
    registration.user_id = outsider;
    registration.name = "Buitenstaander";
    registration.email = "buiten@voorbeeld.be";
    registration.state = "registered";
    training_registration = trainings::TrainingStore::insert_registration(sql, registration, now);
  });
  const std::string ts = std::to_string(training_series);
  const std::string tsession = std::to_string(training_session);
  const std::string treg = std::to_string(training_registration);
  const std::string h = std::to_string(handover);
  // campaigns: the demo's distribution round and a postcard's QR code of Gent.
  std::string campaign_round;
  db.run([&](soci::session& sql) {
    long long id = 0;
    sql << "SELECT MIN(id) FROM distribution_rounds", soci::into(id);
    campaign_round = "/campagnes/rondes/" + std::to_string(id);
  });
  // A demo help service of Gent (citizens' directory).
  long long gent_service = 0;
  db.run([&](soci::session& sql) {
    sql << "SELECT id FROM help_services WHERE name = 'Onthaal CAW Gent'", soci::into(gent_service);
  });
  const std::string hs = "/netwerk/hulpaanbod/" + std::to_string(gent_service);
  // signals (records): a shared and an own-municipality-only demo signal of Gent, and
  // the demo need of Gent (N3).
  long long gent_signal = 0, gent_own_signal = 0, gent_need = 0;
  db.run([&](soci::session& sql) {
    sql << "SELECT id FROM signals WHERE description LIKE 'Leerkrachten in het basisonderwijs%'",
        soci::into(gent_signal);
    sql << "SELECT id FROM signals WHERE description LIKE 'Het wijkteam meldt%'",
        soci::into(gent_own_signal);
    sql << "SELECT id FROM needs WHERE title LIKE 'Leerkrachten weten niet%'",
        soci::into(gent_need);
  });
  const std::string sig = "/signalen/" + std::to_string(gent_signal);
  const std::string sig_own = "/signalen/" + std::to_string(gent_own_signal);
  const std::string need = "/noden/" + std::to_string(gent_need);
  // signals: the demo action of Gent (its first milestone and indicator) and a status in use.
  long long gent_action = 0, gent_milestone = 0, gent_indicator = 0, status_in_use = 0;
  db.run([&](soci::session& sql) {
    sql << "SELECT id, status_id FROM actions WHERE title = 'Vormingsreeks "
           "ouderenmis(be)handeling'",
        soci::into(gent_action), soci::into(status_in_use);
    sql << "SELECT MIN(id) FROM action_milestones WHERE action_id = :a", soci::use(gent_action),
        soci::into(gent_milestone);
    sql << "SELECT MIN(id) FROM action_indicators WHERE action_id = :a", soci::use(gent_action),
        soci::into(gent_indicator);
  });
  const std::string ac = "/acties/" + std::to_string(gent_action);
  const std::string st = "/acties/statussen/" + std::to_string(status_in_use);
  // digest: a draft newsletter (the demo's newsletter is sent).
  std::int64_t newsletter_draft = 0;
  db.transact([&](soci::session& sql) {
    digest::Newsletter draft;
    draft.subject = "Matrixconcept";
    draft.body = "Tekst";
    newsletter_draft = digest::NewsletterStore::insert(sql, draft, now);
  });
  const std::string nb = "/nieuwsbrief/" + std::to_string(newsletter_draft);

  // meetings: the demo's coming meeting (its accepted item and a SPOC's proposal)
  // and the past one (an action point of the SPOC of Aalst, one of the coordinator).
  long long meeting_next = 0, meeting_past = 0, agenda_item = 0, proposal = 0;
  long long aalst_point = 0, coordinator_point = 0;
  db.run([&](soci::session& sql) {
    sql << "SELECT id FROM meetings WHERE title = '[Demo] Netwerkoverleg winter'",
        soci::into(meeting_next);
    sql << "SELECT id FROM meetings WHERE title = '[Demo] Netwerkoverleg najaar'",
        soci::into(meeting_past);
    sql << "SELECT MIN(id) FROM meeting_items WHERE meeting_id = :m AND status = 'accepted'",
        soci::use(meeting_next), soci::into(agenda_item);
    sql << "SELECT MIN(id) FROM meeting_items WHERE meeting_id = :m AND status = 'proposed'",
        soci::use(meeting_next), soci::into(proposal);
    sql << "SELECT MIN(id) FROM meeting_action_points WHERE meeting_id = :m",
        soci::use(meeting_past), soci::into(aalst_point);
    sql << "SELECT MAX(id) FROM meeting_action_points WHERE meeting_id = :m",
        soci::use(meeting_past), soci::into(coordinator_point);
  });
  const std::string ov = "/overleg/" + std::to_string(meeting_next);
  const std::string ov_past = "/overleg/" + std::to_string(meeting_past);
  const std::string ov_item = ov + "/punten/" + std::to_string(agenda_item);
  const std::string ov_proposal = ov + "/punten/" + std::to_string(proposal);

  const std::map<std::string, Entry> matrix = {
      {"GET /overleg", {"/overleg", {303, 403, 200, 200, 200, 200}}},
      {"GET /overleg/nieuw", {"/overleg/nieuw", {303, 403, 403, 403, 200, 200}}},
      {"POST /overleg/nieuw", {"/overleg/nieuw", {303, 403, 403, 403, 422, 422}}},
      {"GET /overleg/actiepunten", {"/overleg/actiepunten", {303, 403, 200, 200, 200, 200}}},
      {"GET /overleg/{id}", {ov, {303, 403, 200, 200, 200, 200}}},
      {"GET /overleg/{id}/bewerken", {ov + "/bewerken", {303, 403, 403, 403, 200, 200}}},
      {"POST /overleg/{id}/bewerken", {ov + "/bewerken", {303, 403, 403, 403, 422, 422}}},
      {"POST /overleg/{id}/annuleren", {ov_past + "/annuleren", {303, 403, 403, 403, 303, 409}}},
      {"POST /overleg/{id}/agenda-versturen",
       {ov + "/agenda-versturen", {303, 403, 403, 403, 303, 303}}},
      {"POST /overleg/{id}/punten", {ov + "/punten", {303, 403, 422, 422, 422, 422}}},
      {"POST /overleg/{id}/punten/{item}/aanvaarden",
       {ov_proposal + "/aanvaarden", {303, 403, 403, 403, 303, 303}}},
      {"POST /overleg/{id}/punten/{item}/afwijzen",
       {ov_proposal + "/afwijzen", {303, 403, 403, 403, 303, 303}}},
      {"POST /overleg/{id}/punten/{item}/omhoog",
       {ov_item + "/omhoog", {303, 403, 403, 403, 303, 303}}},
      {"POST /overleg/{id}/punten/{item}/omlaag",
       {ov_item + "/omlaag", {303, 403, 403, 403, 303, 303}}},
      {"POST /overleg/{id}/punten/{item}/verslag",
       {ov_item + "/verslag", {303, 403, 403, 403, 303, 303}}},
      {"POST /overleg/{id}/aanwezigheid", {ov + "/aanwezigheid", {303, 403, 403, 403, 303, 303}}},
      {"POST /overleg/{id}/besluiten", {ov + "/besluiten", {303, 403, 403, 403, 422, 422}}},
      {"POST /overleg/{id}/actiepunten", {ov + "/actiepunten", {303, 403, 403, 403, 422, 422}}},
      {"POST /overleg/{id}/actiepunten/{point}/klaar",
       {ov_past + "/actiepunten/" + std::to_string(aalst_point) + "/klaar",
        {303, 403, 403, 303, 303, 303}}},
      {"POST /overleg/{id}/actiepunten/{point}/actie",
       {ov_past + "/actiepunten/" + std::to_string(coordinator_point) + "/actie",
        {303, 403, 403, 403, 303, 409}}},
      {"GET /", {"/", {200, 200, 200, 200, 200, 200}}},
      {"GET /acties", {"/acties", {303, 403, 200, 200, 200, 200}}},
      {"GET /acties/nieuw", {"/acties/nieuw", {303, 403, 403, 403, 200, 200}}},
      {"POST /acties/nieuw", {"/acties/nieuw", {303, 403, 403, 403, 422, 422}}},
      {"GET /acties/{id}", {ac, {303, 403, 200, 200, 200, 200}}},
      {"GET /acties/{id}/bewerken", {ac + "/bewerken", {303, 403, 200, 403, 200, 200}}},
      {"POST /acties/{id}/bewerken", {ac + "/bewerken", {303, 403, 422, 403, 422, 422}}},
      {"POST /acties/{id}/mijlpalen", {ac + "/mijlpalen", {303, 403, 422, 403, 422, 422}}},
      {"POST /acties/{id}/mijlpalen/{mid}/bereikt",
       {ac + "/mijlpalen/" + std::to_string(gent_milestone) + "/bereikt",
        {303, 403, 303, 403, 303, 303}}},
      {"POST /acties/{id}/mijlpalen/{mid}/verwijderen",
       {ac + "/mijlpalen/999999/verwijderen", {303, 403, 404, 403, 404, 404}}},
      {"POST /acties/{id}/outputs", {ac + "/outputs", {303, 403, 422, 403, 422, 422}}},
      {"POST /acties/{id}/outputs/{oid}/verwijderen",
       {ac + "/outputs/999999/verwijderen", {303, 403, 404, 403, 404, 404}}},
      {"POST /acties/{id}/indicatoren", {ac + "/indicatoren", {303, 403, 422, 403, 422, 422}}},
      {"POST /acties/{id}/indicatoren/{iid}",
       {ac + "/indicatoren/" + std::to_string(gent_indicator), {303, 403, 422, 403, 422, 422}}},
      {"POST /acties/{id}/indicatoren/{iid}/verwijderen",
       {ac + "/indicatoren/999999/verwijderen", {303, 403, 404, 403, 404, 404}}},
      {"GET /acties/statussen", {"/acties/statussen", {303, 403, 403, 403, 200, 200}}},
      {"POST /acties/statussen", {"/acties/statussen", {303, 403, 403, 403, 422, 422}}},
      {"POST /acties/statussen/{sid}", {st, {303, 403, 403, 403, 422, 422}}},
      {"POST /acties/statussen/{sid}/verwijderen",
       {st + "/verwijderen", {303, 403, 403, 403, 409, 409}}},
      {"GET /acties/export.csv", {"/acties/export.csv", {303, 403, 403, 403, 200, 200}}},
      {"GET /acties/import", {"/acties/import", {303, 403, 403, 403, 200, 200}}},
      {"POST /acties/import", {"/acties/import", {403, 403, 403, 403, 422, 422}}},
      {"GET /toegankelijkheid", {"/toegankelijkheid", {200, 200, 200, 200, 200, 200}}},
      {"GET /privacy", {"/privacy", {200, 200, 200, 200, 200, 200}}},
      // digest: the newsletter. The archive is public; a draft is only for
      // coordinators (404 for others); composing, testing and sending only for
      // coordinators, whose empty forms come back with 422.
      {"GET /nieuwsbrief", {"/nieuwsbrief", {200, 200, 200, 200, 200, 200}}},
      {"GET /nieuwsbrief/beheer", {"/nieuwsbrief/beheer", {303, 403, 403, 403, 200, 403}}},
      {"GET /nieuwsbrief/nieuw", {"/nieuwsbrief/nieuw", {303, 403, 403, 403, 200, 403}}},
      {"POST /nieuwsbrief/nieuw", {"/nieuwsbrief/nieuw", {303, 403, 403, 403, 422, 403}}},
      {"GET /nieuwsbrief/{id}", {nb, {404, 404, 404, 404, 200, 404}}},
      {"GET /nieuwsbrief/{id}/bewerken", {nb + "/bewerken", {303, 403, 403, 403, 200, 403}}},
      {"POST /nieuwsbrief/{id}/bewerken", {nb + "/bewerken", {303, 403, 403, 403, 422, 403}}},
      {"POST /nieuwsbrief/{id}/test", {nb + "/test", {303, 403, 403, 403, 303, 403}}},
      {"GET /nieuwsbrief/{id}/versturen", {nb + "/versturen", {303, 403, 403, 403, 200, 403}}},
      {"POST /nieuwsbrief/{id}/versturen", {nb + "/versturen", {303, 403, 403, 403, 422, 403}}},
      {"GET /veilig-surfen", {"/veilig-surfen", {200, 200, 200, 200, 200, 200}}},
      // signals (overview): public goal pages and "Wat doet het netwerk?"; the
      // goal's edit form, its report and the overview for coordinator and admin.
      {"GET /doelen/{n}", {"/doelen/1", {200, 200, 200, 200, 200, 200}}},
      {"GET /doelen/{n}/bewerken", {"/doelen/1/bewerken", {303, 403, 403, 403, 200, 200}}},
      // The form comes back: the title is required.
      {"POST /doelen/{n}/bewerken", {"/doelen/1/bewerken", {303, 403, 403, 403, 422, 422}}},
      {"GET /doelen/{n}/rapport.pdf", {"/doelen/1/rapport.pdf", {303, 403, 403, 403, 200, 200}}},
      {"GET /wat-doet-het-netwerk", {"/wat-doet-het-netwerk", {200, 200, 200, 200, 200, 200}}},
      {"GET /signalen/overzicht", {"/signalen/overzicht", {303, 403, 403, 403, 200, 200}}},
      // The coordinator's dashboard (issue 14).
      {"GET /coordinatie", {"/coordinatie", {303, 403, 403, 403, 200, 200}}},
      {"GET /coordinatie/jaarverslag/{file}",
       {"/coordinatie/jaarverslag/2026.pdf", {303, 403, 403, 403, 200, 200}}},
      {"GET /signalen/overzicht.xlsx",
       {"/signalen/overzicht.xlsx", {303, 403, 403, 403, 200, 200}}},
      {"GET /healthz", {"/healthz", {200, 200, 200, 200, 200, 200}}},
      {"GET /readyz", {"/readyz", {200, 200, 200, 200, 200, 200}}},
      // Monitoring: these requests come from loopback, which may read it whoever
      // signed in; from elsewhere it is 404 without the bearer token
      // (metrics_test.cpp), and nginx keeps it in (deploy/nginx/schakel.conf).
      {"GET /metrics", {"/metrics", {200, 200, 200, 200, 200, 200}}},
      {"GET /netwerk", {"/netwerk", {200, 200, 200, 200, 200, 200}}},
      {"GET /aanmelden", {"/aanmelden", {200, 303, 303, 303, 303, 303}}},
      {"POST /aanmelden", {"/aanmelden", {422, 422, 422, 422, 422, 422}}},
      {"GET /aanmelden/tweede-stap", {"/aanmelden/tweede-stap", {303, 303, 303, 303, 303, 303}}},
      {"POST /aanmelden/tweede-stap", {"/aanmelden/tweede-stap", {303, 303, 303, 303, 303, 303}}},
      {"POST /afmelden", {"/afmelden", {303, 303, 303, 303, 303, 303}}},
      {"GET /aanmelden/link", {"/aanmelden/link", {200, 200, 200, 200, 200, 200}}},
      {"POST /aanmelden/link", {"/aanmelden/link", {422, 422, 422, 422, 422, 422}}},
      {"GET /aanmelden/link/gebruiken",
       {"/aanmelden/link/gebruiken", {410, 410, 410, 410, 410, 410}}},
      {"POST /aanmelden/link/gebruiken",
       {"/aanmelden/link/gebruiken", {410, 410, 410, 410, 410, 410}}},
      {"GET /registreren", {"/registreren", {200, 303, 303, 303, 303, 303}}},
      {"POST /registreren", {"/registreren", {422, 422, 422, 422, 422, 422}}},
      {"GET /bevestigen", {"/bevestigen", {410, 410, 410, 410, 410, 410}}},
      {"POST /bevestigen", {"/bevestigen", {410, 410, 410, 410, 410, 410}}},
      {"GET /wachtwoord-vergeten", {"/wachtwoord-vergeten", {200, 200, 200, 200, 200, 200}}},
      {"POST /wachtwoord-vergeten", {"/wachtwoord-vergeten", {422, 422, 422, 422, 422, 422}}},
      {"GET /wachtwoord-herstellen", {"/wachtwoord-herstellen", {410, 410, 410, 410, 410, 410}}},
      {"POST /wachtwoord-herstellen", {"/wachtwoord-herstellen", {410, 410, 410, 410, 410, 410}}},
      {"GET /profiel", {"/profiel", {303, 200, 200, 200, 200, 200}}},
      {"POST /profiel", {"/profiel", {303, 422, 422, 422, 422, 422}}},
      {"POST /profiel/wachtwoord", {"/profiel/wachtwoord", {303, 422, 422, 422, 422, 422}}},
      {"POST /profiel/e-mail", {"/profiel/e-mail", {303, 422, 422, 422, 422, 422}}},
      {"GET /profiel/e-mail/bevestigen",
       {"/profiel/e-mail/bevestigen", {410, 410, 410, 410, 410, 410}}},
      {"POST /profiel/e-mail/bevestigen",
       {"/profiel/e-mail/bevestigen", {410, 410, 410, 410, 410, 410}}},
      {"GET /profiel/sessies", {"/profiel/sessies", {303, 200, 200, 200, 200, 200}}},
      // Mail choices (digest): an empty form misses every choice.
      {"GET /profiel/meldingen", {"/profiel/meldingen", {303, 200, 200, 200, 200, 200}}},
      {"POST /profiel/meldingen", {"/profiel/meldingen", {303, 422, 422, 422, 422, 422}}},
      // One-click unsubscribe: anyone with a signed token; without one, 400.
      {"GET /meldingen/uitschrijven", {"/meldingen/uitschrijven", {400, 400, 400, 400, 400, 400}}},
      {"POST /meldingen/uitschrijven", {"/meldingen/uitschrijven", {400, 400, 400, 400, 400, 400}}},
      {"POST /profiel/sessies/{id}/beeindigen",
       {"/profiel/sessies/" + std::string(64, 'a') + "/beeindigen",
        {303, 404, 404, 404, 404, 404}}},
      {"GET /profiel/tweestapsverificatie",
       {"/profiel/tweestapsverificatie", {303, 200, 200, 200, 200, 200}}},
      {"POST /profiel/tweestapsverificatie",
       {"/profiel/tweestapsverificatie", {303, 422, 422, 422, 422, 422}}},
      {"POST /profiel/tweestapsverificatie/opnieuw",
       {"/profiel/tweestapsverificatie/opnieuw", {303, 422, 422, 422, 422, 422}}},
      {"POST /profiel/tweestapsverificatie/uitschakelen",
       {"/profiel/tweestapsverificatie/uitschakelen", {303, 422, 422, 422, 403, 403}}},
      {"GET /profiel/verwijderen", {"/profiel/verwijderen", {303, 200, 200, 200, 200, 200}}},
      {"POST /profiel/verwijderen", {"/profiel/verwijderen", {303, 422, 422, 422, 422, 422}}},
      {"GET /netwerk/spocs", {"/netwerk/spocs", {303, 403, 200, 200, 200, 200}}},
      {"GET /netwerk/gemeenten/{nis}",
       {"/netwerk/gemeenten/44021", {303, 403, 200, 200, 200, 200}}},
      {"POST /netwerk/gemeenten/{nis}",
       {"/netwerk/gemeenten/44021", {303, 403, 303, 403, 303, 403}}},
      {"GET /netwerk/beheer", {"/netwerk/beheer", {303, 403, 403, 403, 200, 403}}},
      {"POST /netwerk/beheer/leden", {"/netwerk/beheer/leden", {303, 403, 403, 403, 422, 403}}},
      {"GET /netwerk/mijn-gemeente", {"/netwerk/mijn-gemeente", {303, 403, 303, 303, 403, 403}}},
      // The confirmation page changes nothing; its POST (with `bevestigd=ja`) ends the membership.
      {"GET /netwerk/beheer/leden/{id}/beeindigen",
       {"/netwerk/beheer/leden/" + std::to_string(genk_membership) + "/beeindigen",
        {303, 403, 403, 403, 200, 403}}},
      // Without `bevestigd=ja` the coordinator gets the confirmation page again.
      {"POST /netwerk/beheer/leden/{id}/beeindigen",
       {"/netwerk/beheer/leden/" + std::to_string(genk_membership) + "/beeindigen",
        {303, 403, 403, 403, 200, 403}}},
      {"POST /netwerk/beheer/spocs", {"/netwerk/beheer/spocs", {303, 403, 403, 403, 422, 403}}},
      {"POST /netwerk/beheer/spocs/{user}/{nis}/verwijderen",
       {"/netwerk/beheer/spocs/" + std::to_string(hasselt_spoc) + "/71072/verwijderen",
        {303, 403, 403, 403, 303, 403}}},
      {"POST /netwerk/beheer/overdracht",
       {"/netwerk/beheer/overdracht", {303, 403, 403, 403, 422, 403}}},
      {"GET /netwerk/overdracht/{id}",
       {"/netwerk/overdracht/" + h, {303, 404, 404, 404, 404, 404}}},
      {"POST /netwerk/overdracht/{id}/aanvaarden",
       {"/netwerk/overdracht/" + h + "/aanvaarden", {303, 404, 404, 404, 404, 404}}},
      {"POST /netwerk/overdracht/{id}/weigeren",
       {"/netwerk/overdracht/" + h + "/weigeren", {303, 404, 404, 404, 404, 404}}},
      {"GET /beheer", {"/beheer", {303, 403, 403, 403, 403, 200}}},
      {"GET /zoeken", {"/zoeken?q=testfiche", {200, 200, 200, 200, 200, 200}}},
      {"GET /signalen/zoeken", {"/signalen/zoeken?q=signaal", {303, 403, 200, 200, 200, 200}}},
      {"GET /kennisbank/termen", {"/kennisbank/termen", {303, 403, 403, 403, 200, 403}}},
      {"POST /kennisbank/termen", {"/kennisbank/termen", {303, 403, 403, 403, 422, 403}}},
      {"GET /kennisbank/synoniemen", {"/kennisbank/synoniemen", {303, 403, 403, 403, 200, 403}}},
      {"POST /kennisbank/synoniemen", {"/kennisbank/synoniemen", {303, 403, 403, 403, 303, 403}}},
      {"GET /kennisbank", {"/kennisbank", {200, 200, 200, 200, 200, 200}}},
      // Issue 14: running initiatives and open funding calls, for everyone (what
      // each sees follows the resources' visibility).
      {"GET /initiatieven", {"/initiatieven", {200, 200, 200, 200, 200, 200}}},
      {"GET /kennisbank/feed.xml", {"/kennisbank/feed.xml", {200, 200, 200, 200, 200, 200}}},
      {"GET /kennisbank/thema/{theme}/feed.xml",
       {"/kennisbank/thema/child_abuse/feed.xml", {200, 200, 200, 200, 200, 200}}},
      {"GET /api/v1/resources", {"/api/v1/resources?q=testfiche", {200, 200, 200, 200, 200, 200}}},
      {"GET /api/v1/resources/{slug}",
       {"/api/v1/resources/testfiche", {200, 200, 200, 200, 200, 200}}},
      {"GET /api/v1/themes", {"/api/v1/themes", {200, 200, 200, 200, 200, 200}}},
      {"GET /api", {"/api", {200, 200, 200, 200, 200, 200}}},
      {"GET /api/v1/openapi.yaml", {"/api/v1/openapi.yaml", {200, 200, 200, 200, 200, 200}}},
      {"GET /kennisbank/nieuw", {"/kennisbank/nieuw", {303, 200, 200, 200, 200, 403}}},
      {"POST /kennisbank/nieuw", {"/kennisbank/nieuw", {303, 422, 422, 422, 422, 403}}},
      {"GET /kennisbank/{slug}", {"/kennisbank/testfiche", {200, 200, 200, 200, 200, 200}}},
      {"GET /kennisbank/{slug}/bewerken",
       {"/kennisbank/testfiche/bewerken", {303, 403, 200, 403, 200, 403}}},
      {"POST /kennisbank/{slug}/bewerken",
       {"/kennisbank/testfiche/bewerken", {303, 403, 422, 403, 422, 403}}},
      {"GET /kennisbank/{slug}/geschiedenis",
       {"/kennisbank/testfiche/geschiedenis", {303, 403, 200, 403, 200, 403}}},
      {"POST /kennisbank/{slug}/versies/{number}/herstellen",
       {"/kennisbank/testfiche/versies/1/herstellen", {303, 403, 303, 403, 303, 403}}},
      // Help pages for citizens (issue 12): public; the editor is the coordinator's.
      {"GET /hulp", {"/hulp", {200, 200, 200, 200, 200, 200}}},
      {"GET /hulp/{slug}", {"/hulp/partnergeweld", {200, 200, 200, 200, 200, 200}}},
      {"GET /hulp/nieuw", {"/hulp/nieuw", {303, 403, 403, 403, 200, 403}}},
      {"POST /hulp/nieuw", {"/hulp/nieuw", {303, 403, 403, 403, 422, 403}}},
      {"GET /hulp/{slug}/bewerken",
       {"/hulp/partnergeweld/bewerken", {303, 403, 403, 403, 200, 403}}},
      {"POST /hulp/{slug}/bewerken",
       {"/hulp/partnergeweld/bewerken", {303, 403, 403, 403, 422, 403}}},
      {"GET /hulp/{slug}/geschiedenis",
       {"/hulp/partnergeweld/geschiedenis", {303, 403, 403, 403, 200, 403}}},
      {"POST /hulp/{slug}/versies/{number}/herstellen",
       {"/hulp/partnergeweld/versies/1/herstellen", {303, 403, 403, 403, 303, 403}}},
      {"GET /kennisbank/podcast.xml", {"/kennisbank/podcast.xml", {200, 200, 200, 200, 200, 200}}},
      {"GET /kennisbank/{slug}/bijlagen/{id}/{name}",
       {"/kennisbank/testfiche/bijlagen/" + std::to_string(attachment) + "/test.pdf",
        {200, 200, 200, 200, 200, 200}}},
      // A form post without a file: editors get the form again with a message.
      {"POST /kennisbank/{slug}/bijlagen",
       // Anonymous: refused from the head, before the body (no upload without a session).
       {"/kennisbank/testfiche/bijlagen", {403, 403, 422, 403, 422, 403}}},
      // The SPOC of Gent removes it; the coordinator, after, finds it gone.
      {"POST /kennisbank/{slug}/bijlagen/{id}/verwijderen",
       {"/kennisbank/testfiche/bijlagen/" + std::to_string(removable) + "/verwijderen",
        {303, 403, 303, 403, 404, 403}}},
      // Citizens' directory: local help (anyone, no session), its maintenance (SPOCs for
      // their municipality, the coordinator), HSDS exchange (coordinator), referral view.
      {"GET /hulp/in-de-buurt", {"/hulp/in-de-buurt", {200, 200, 200, 200, 200, 200}}},
      {"POST /hulp/in-de-buurt", {"/hulp/in-de-buurt", {422, 422, 422, 422, 422, 422}}},
      {"GET /hulp/dichtbij/{code}",
       {"/hulp/dichtbij/" + reference::place_code("44021"), {200, 200, 200, 200, 200, 200}}},
      {"GET /netwerk/hulpaanbod", {"/netwerk/hulpaanbod", {303, 403, 200, 200, 200, 403}}},
      {"GET /netwerk/hulpaanbod/nieuw",
       {"/netwerk/hulpaanbod/nieuw", {303, 403, 200, 200, 200, 403}}},
      {"POST /netwerk/hulpaanbod/nieuw",
       {"/netwerk/hulpaanbod/nieuw", {303, 403, 422, 422, 422, 403}}},
      {"GET /netwerk/hulpaanbod/{id}/bewerken", {hs + "/bewerken", {303, 403, 200, 403, 200, 403}}},
      {"POST /netwerk/hulpaanbod/{id}/bewerken",
       {hs + "/bewerken", {303, 403, 422, 403, 422, 403}}},
      {"GET /netwerk/hulpaanbod/{id}/verwijderen",
       {hs + "/verwijderen", {303, 403, 200, 403, 200, 403}}},
      // Without `bevestigd=ja` the confirmation page again.
      {"POST /netwerk/hulpaanbod/{id}/verwijderen",
       {hs + "/verwijderen", {303, 403, 200, 403, 200, 403}}},
      {"GET /netwerk/hulpaanbod/hsds.json",
       {"/netwerk/hulpaanbod/hsds.json", {303, 403, 403, 403, 200, 403}}},
      {"GET /netwerk/hulpaanbod/hsds.csv",
       {"/netwerk/hulpaanbod/hsds.csv", {303, 403, 403, 403, 200, 403}}},
      {"GET /netwerk/hulpaanbod/importeren",
       {"/netwerk/hulpaanbod/importeren", {303, 403, 403, 403, 200, 403}}},
      // An upload route: anonymous is refused from the head; no file gives the form again.
      {"POST /netwerk/hulpaanbod/importeren",
       {"/netwerk/hulpaanbod/importeren", {403, 403, 403, 403, 422, 403}}},
      {"GET /doorverwijzen", {"/doorverwijzen?plaats=9000", {303, 200, 200, 200, 200, 403}}},
      {"GET /beheer/mails", {"/beheer/mails", {303, 403, 403, 403, 403, 200}}},
      {"GET /beheer/mails/{id}",
       {"/beheer/mails/" + std::to_string(mail_id), {303, 403, 403, 403, 403, 200}}},
      {"POST /beheer/mails/{id}/opnieuw",
       {"/beheer/mails/" + std::to_string(mail_id) + "/opnieuw", {303, 403, 403, 403, 403, 409}}},
      {"GET /beheer/gebruikers", {"/beheer/gebruikers", {303, 403, 403, 403, 403, 200}}},
      {"POST /beheer/gebruikers/{id}/rol",
       {"/beheer/gebruikers/" + std::to_string(outsider) + "/rol", {303, 403, 403, 403, 403, 303}}},
      {"GET /beheer/audit", {"/beheer/audit", {303, 403, 403, 403, 200, 200}}},
      {"GET /beheer/audit.csv", {"/beheer/audit.csv", {303, 403, 403, 403, 200, 200}}},
      {"GET /beheer/backups", {"/beheer/backups", {303, 403, 403, 403, 403, 200}}},
      {"POST /beheer/backups", {"/beheer/backups", {303, 403, 403, 403, 403, 303}}},
      // Training series: the series "matrixreeks" (ts) of Gent, session tsession,
      // the outsider's registration treg. One block per route file.
      //
      // trainings: series pages and registration (series_routes.cpp)
      {"GET /vorming", {"/vorming", {200, 200, 200, 200, 200, 200}}},
      {"GET /vorming/{slug}", {"/vorming/matrixreeks", {200, 200, 200, 200, 200, 200}}},
      {"GET /vorming/{slug}/inschrijven",
       {"/vorming/matrixreeks/inschrijven", {200, 200, 200, 200, 200, 200}}},
      // Without a name the registration form comes back with a message.
      {"POST /vorming/{slug}/inschrijven",
       {"/vorming/matrixreeks/inschrijven", {422, 422, 422, 422, 422, 422}}},
      {"GET /vorming/bevestigen", {"/vorming/bevestigen", {410, 410, 410, 410, 410, 410}}},
      {"POST /vorming/bevestigen", {"/vorming/bevestigen", {410, 410, 410, 410, 410, 410}}},
      {"GET /vorming/inschrijving", {"/vorming/inschrijving", {403, 403, 403, 403, 403, 403}}},
      {"POST /vorming/inschrijving/annuleren",
       {"/vorming/inschrijving/annuleren", {403, 403, 403, 403, 403, 403}}},
      {"GET /vorming/inschrijving/annuleren",
       {"/vorming/inschrijving/annuleren", {403, 403, 403, 403, 403, 403}}},
      {"POST /vorming/inschrijving/naam",
       {"/vorming/inschrijving/naam", {403, 403, 403, 403, 403, 403}}},
      {"POST /vorming/inschrijving/aanvaarden",
       {"/vorming/inschrijving/aanvaarden", {403, 403, 403, 403, 403, 403}}},
      {"GET /vorming/mijn", {"/vorming/mijn", {303, 200, 200, 200, 200, 200}}},
      {"GET /vorming/nieuw", {"/vorming/nieuw", {303, 403, 200, 200, 200, 403}}},
      {"POST /vorming/nieuw", {"/vorming/nieuw", {303, 403, 422, 422, 422, 403}}},
      {"GET /vorming/{slug}/bewerken",
       {"/vorming/matrixreeks/bewerken", {303, 403, 200, 403, 200, 403}}},
      {"POST /vorming/{slug}/bewerken",
       {"/vorming/matrixreeks/bewerken", {303, 403, 422, 403, 422, 403}}},
      {"GET /vorming/{slug}/sessies/nieuw",
       {"/vorming/matrixreeks/sessies/nieuw", {303, 403, 200, 403, 200, 403}}},
      {"POST /vorming/{slug}/sessies/nieuw",
       {"/vorming/matrixreeks/sessies/nieuw", {303, 403, 422, 403, 422, 403}}},
      {"GET /vorming/{slug}/sessies/{id}/bewerken",
       {"/vorming/matrixreeks/sessies/" + tsession + "/bewerken", {303, 403, 200, 403, 200, 403}}},
      {"POST /vorming/{slug}/sessies/{id}/bewerken",
       {"/vorming/matrixreeks/sessies/" + tsession + "/bewerken", {303, 403, 422, 403, 422, 403}}},
      {"GET /vorming/{slug}/deelnemers",
       {"/vorming/matrixreeks/deelnemers", {303, 403, 200, 403, 200, 403}}},
      // The outsider already has a place: nothing to give.
      {"POST /vorming/{slug}/deelnemers/{id}/plaats-geven",
       {"/vorming/matrixreeks/deelnemers/" + treg + "/plaats-geven",
        {303, 403, 409, 403, 409, 403}}},
      //
      // trainings: calendar feeds (calendar_routes.cpp)
      {"GET /vorming/agenda.ics", {"/vorming/agenda.ics", {200, 200, 200, 200, 200, 200}}},
      {"GET /vorming/{slug}/agenda.ics",
       {"/vorming/matrixreeks/agenda.ics", {200, 200, 200, 200, 200, 200}}},
      // A private feed opens by its token alone: an unknown one is 404 for everyone.
      {"GET /vorming/agenda/{token}",
       {"/vorming/agenda/onbekendonbekendonbekend.ics", {404, 404, 404, 404, 404, 404}}},
      {"GET /vorming/mijn-agenda", {"/vorming/mijn-agenda", {303, 200, 200, 200, 200, 200}}},
      {"POST /vorming/mijn-agenda/vernieuwen",
       {"/vorming/mijn-agenda/vernieuwen", {303, 303, 303, 303, 303, 303}}},
      //
      // trainings: attendance (attendance_routes.cpp)
      {"GET /vorming/{slug}/sessies/{id}/aanwezigheid",
       {"/vorming/matrixreeks/sessies/" + tsession + "/aanwezigheid",
        {303, 403, 200, 403, 200, 403}}},
      {"POST /vorming/{slug}/sessies/{id}/aanwezigheid",
       {"/vorming/matrixreeks/sessies/" + tsession + "/aanwezigheid",
        {303, 403, 400, 403, 400, 403}}},
      {"GET /vorming/{slug}/sessies/{id}/qr",
       {"/vorming/matrixreeks/sessies/" + tsession + "/qr", {303, 403, 200, 403, 200, 403}}},
      {"GET /vorming/inchecken", {"/vorming/inchecken", {403, 403, 403, 403, 403, 403}}},
      {"POST /vorming/inchecken", {"/vorming/inchecken", {403, 403, 403, 403, 403, 403}}},
      {"GET /vorming/aanwezigheid", {"/vorming/aanwezigheid", {303, 403, 200, 200, 200, 403}}},
      {"GET /vorming/{slug}/aanwezigheid",
       {"/vorming/matrixreeks/aanwezigheid", {303, 403, 200, 403, 200, 403}}},
      {"GET /vorming/{slug}/inschrijvingen.xlsx",
       {"/vorming/matrixreeks/inschrijvingen.xlsx", {303, 403, 200, 403, 200, 403}}},
      {"GET /vorming/{slug}/inschrijvingen.csv",
       {"/vorming/matrixreeks/inschrijvingen.csv", {303, 403, 200, 403, 200, 403}}},
      {"GET /vorming/{slug}/aanwezigheid.xlsx",
       {"/vorming/matrixreeks/aanwezigheid.xlsx", {303, 403, 200, 403, 200, 403}}},
      {"GET /vorming/{slug}/aanwezigheid.csv",
       {"/vorming/matrixreeks/aanwezigheid.csv", {303, 403, 200, 403, 200, 403}}},
      //
      // trainings: evaluations (evaluation_routes.cpp)
      // Without a valid signed token the form is refused to everyone.
      {"GET /vorming/evaluatie", {"/vorming/evaluatie", {403, 403, 403, 403, 403, 403}}},
      {"POST /vorming/evaluatie", {"/vorming/evaluatie", {403, 403, 403, 403, 403, 403}}},
      {"GET /vorming/{slug}/evaluatie",
       {"/vorming/matrixreeks/evaluatie", {303, 403, 200, 403, 200, 403}}},
      {"POST /vorming/{slug}/evaluatie/herinneren",
       {"/vorming/matrixreeks/evaluatie/herinneren", {303, 403, 303, 403, 303, 403}}},
      {"GET /vorming/{slug}/evaluatie.xlsx",
       {"/vorming/matrixreeks/evaluatie.xlsx", {303, 403, 200, 403, 200, 403}}},
      {"GET /vorming/{slug}/evaluatie.csv",
       {"/vorming/matrixreeks/evaluatie.csv", {303, 403, 200, 403, 200, 403}}},
      {"GET /vorming/impact", {"/vorming/impact", {303, 403, 403, 403, 200, 403}}},
      {"GET /vorming/impact.xlsx", {"/vorming/impact.xlsx", {303, 403, 403, 403, 200, 403}}},
      {"GET /vorming/impact.csv", {"/vorming/impact.csv", {303, 403, 403, 403, 200, 403}}},
      //
      // trainings: certificates (certificate_routes.cpp)
      // Nobody of the six roles is registered for matrixreeks: no certificate (404).
      {"GET /vorming/{slug}/attest",
       {"/vorming/matrixreeks/attest", {303, 404, 404, 404, 404, 404}}},
      // Without a signed token.
      {"GET /vorming/attest", {"/vorming/attest", {403, 403, 403, 403, 403, 403}}},
      {"GET /vorming/{slug}/attesten",
       {"/vorming/matrixreeks/attesten", {303, 403, 200, 403, 200, 403}}},
      // Organisers get the form again: a name or reason is required.
      {"POST /vorming/{slug}/attesten/{id}/heruitgeven",
       {"/vorming/matrixreeks/attesten/999999/heruitgeven", {303, 403, 422, 403, 422, 403}}},
      {"GET /vorming/{slug}/attesten/{id}/intrekken",
       {"/vorming/matrixreeks/attesten/999999/intrekken", {303, 403, 404, 403, 404, 403}}},
      {"POST /vorming/{slug}/attesten/{id}/intrekken",
       {"/vorming/matrixreeks/attesten/999999/intrekken", {303, 403, 404, 403, 404, 403}}},
      {"GET /attest", {"/attest", {200, 200, 200, 200, 200, 200}}},
      {"GET /attest/{code}", {"/attest/SCH-AAAA-BBBB-CCCC", {404, 404, 404, 404, 404, 404}}},
      // trainings: materials (materials_routes.cpp)
      {"GET /vorming/{slug}/sessies/{id}/materiaal",
       {"/vorming/matrixreeks/sessies/" + tsession + "/materiaal", {303, 403, 200, 403, 200, 403}}},
      // Organisers get the form again: no file was sent.
      {"POST /vorming/{slug}/sessies/{id}/materiaal",
       {"/vorming/matrixreeks/sessies/" + tsession + "/materiaal", {403, 403, 422, 403, 422, 403}}},
      {"POST /vorming/{slug}/sessies/{id}/materiaal/{mid}/verwijderen",
       {"/vorming/matrixreeks/sessies/" + tsession + "/materiaal/999999/verwijderen",
        {303, 403, 404, 403, 404, 403}}},
      // No such material; for an existing one nobody here holds a place either.
      {"GET /vorming/{slug}/materiaal/{mid}/{name}",
       {"/vorming/matrixreeks/materiaal/999999/x.pdf", {404, 404, 404, 404, 404, 404}}},
      //
      // citizens: the way to help, 1712 (helpline_routes.cpp). Empty forms come
      // back with messages; closing day 999999 does not exist.
      {"GET /hulp/1712", {"/hulp/1712", {200, 200, 200, 200, 200, 200}}},
      {"GET /hulp/1712/bewerken", {"/hulp/1712/bewerken", {303, 403, 403, 403, 200, 403}}},
      {"POST /hulp/1712/bewerken", {"/hulp/1712/bewerken", {303, 403, 403, 403, 422, 403}}},
      {"POST /hulp/1712/sluitingsdagen",
       {"/hulp/1712/sluitingsdagen", {303, 403, 403, 403, 422, 403}}},
      {"POST /hulp/1712/sluitingsdagen/{id}/verwijderen",
       {"/hulp/1712/sluitingsdagen/999999/verwijderen", {303, 403, 403, 403, 404, 403}}},
      // campaigns: postcards, help lines, PDFs, rounds and the QR target
      {"GET /campagnes/postkaarten", {"/campagnes/postkaarten", {303, 403, 200, 200, 200, 403}}},
      {"GET /campagnes/postkaarten/{theme}/bewerken",
       {"/campagnes/postkaarten/child_abuse/bewerken", {303, 403, 403, 403, 200, 403}}},
      // The coordinator gets the form again: the texts are required.
      {"POST /campagnes/postkaarten/{theme}/bewerken",
       {"/campagnes/postkaarten/child_abuse/bewerken", {303, 403, 403, 403, 422, 403}}},
      {"GET /campagnes/gemeenten/{nis}/hulplijnen",
       {"/campagnes/gemeenten/44021/hulplijnen", {303, 403, 200, 403, 200, 403}}},
      // Empty fields clear the help lines.
      {"POST /campagnes/gemeenten/{nis}/hulplijnen",
       {"/campagnes/gemeenten/44021/hulplijnen", {303, 403, 303, 403, 303, 403}}},
      {"GET /campagnes/postkaarten/{theme}/{nis}/kaart.pdf",
       {"/campagnes/postkaarten/child_abuse/44021/kaart.pdf", {303, 403, 200, 403, 200, 403}}},
      {"GET /campagnes/postkaarten/{theme}/{nis}/vel.pdf",
       {"/campagnes/postkaarten/child_abuse/44021/vel.pdf", {303, 403, 200, 403, 200, 403}}},
      {"POST /campagnes/rondes", {"/campagnes/rondes", {303, 403, 403, 403, 422, 403}}},
      {"GET /campagnes/rondes/{id}/gemeenten/{nis}",
       {campaign_round + "/gemeenten/44021", {303, 403, 200, 403, 200, 403}}},
      {"POST /campagnes/rondes/{id}/gemeenten/{nis}",
       {campaign_round + "/gemeenten/44021", {303, 403, 422, 403, 422, 403}}},
      {"GET /campagnes/rondes/{id}/gemeenten/{nis}/{did}",
       {campaign_round + "/gemeenten/44021/999999", {303, 403, 404, 403, 404, 403}}},
      {"POST /campagnes/rondes/{id}/gemeenten/{nis}/{did}",
       {campaign_round + "/gemeenten/44021/999999", {303, 403, 422, 403, 422, 403}}},
      {"POST /campagnes/rondes/{id}/gemeenten/{nis}/{did}/verwijderen",
       {campaign_round + "/gemeenten/44021/999999/verwijderen", {303, 403, 404, 403, 404, 403}}},
      {"GET /campagnes/rondes/{id}/totalen",
       {campaign_round + "/totalen", {303, 403, 403, 403, 200, 403}}},
      {"GET /campagnes/rondes/{id}/totalen.xlsx",
       {campaign_round + "/totalen.xlsx", {303, 403, 403, 403, 200, 403}}},
      // signals (records). Empty forms get 422; Aalst's SPOC may read Gent's shared
      // signal but not change it, and does not see Gent's own-municipality-only one.
      {"GET /signalen", {"/signalen", {303, 403, 200, 200, 200, 200}}},
      {"GET /signalen/nieuw", {"/signalen/nieuw", {303, 403, 200, 200, 200, 200}}},
      {"POST /signalen/nieuw", {"/signalen/nieuw", {303, 403, 422, 422, 422, 422}}},
      {"GET /signalen/{id}", {sig_own, {303, 403, 200, 404, 200, 200}}},
      {"GET /signalen/{id}/bewerken", {sig + "/bewerken", {303, 403, 200, 403, 200, 200}}},
      {"POST /signalen/{id}/bewerken", {sig + "/bewerken", {303, 403, 422, 403, 422, 422}}},
      // Gent's SPOC closes it; afterwards it is closed already (409) for the others.
      {"POST /signalen/{id}/afsluiten", {sig + "/afsluiten", {303, 403, 303, 403, 409, 409}}},
      {"POST /signalen/{id}/heropenen", {sig + "/heropenen", {303, 403, 303, 403, 409, 409}}},
      {"POST /signalen/{id}/koppelen", {sig + "/koppelen", {303, 403, 422, 422, 422, 422}}},
      {"GET /noden", {"/noden", {303, 403, 200, 200, 200, 200}}},
      {"GET /noden/nieuw", {"/noden/nieuw", {303, 403, 200, 200, 200, 200}}},
      {"POST /noden/nieuw", {"/noden/nieuw", {303, 403, 422, 422, 422, 422}}},
      {"GET /noden/{id}", {need, {303, 403, 200, 200, 200, 200}}},
      {"GET /noden/{id}/bewerken", {need + "/bewerken", {303, 403, 200, 403, 200, 200}}},
      {"POST /noden/{id}/bewerken", {need + "/bewerken", {303, 403, 422, 403, 422, 422}}},
      {"GET /k/{code}",
       {"/k/" + campaigns::scan_code("child_abuse", "44021"), {303, 303, 303, 303, 303, 303}}},
  };
  (void)ts;
  (void)tsession;
  (void)treg;

  const std::optional<std::int64_t> users[roles] = {std::nullopt,
                                                    user_id(db, "professional@demo.schakel.be"),
                                                    user_id(db, "spoc.gent@demo.schakel.be"),
                                                    user_id(db, "spoc.aalst@demo.schakel.be"),
                                                    user_id(db, "coordinator@demo.schakel.be"),
                                                    user_id(db, "admin@demo.schakel.be")};

  // The role each column signs in with (column 0 is the anonymous visitor).
  const Role role_of[roles] = {Role::professional, Role::professional, Role::spoc,
                               Role::spoc,         Role::coordinator,  Role::admin};
  int checked = 0, declared = 0;
  for (const auto& route : server.app().router().routes()) {
    const std::string key = route.method + " " + route.pattern;
    auto entry = matrix.find(key);
    if (entry == matrix.end()) {
      ADD_FAILURE() << "route without an entry in the authorization matrix: " << key;
      continue;
    }
    // The route's declaration and the expected row must agree: a declared
    // requirement answers before the handler, so a role it leaves out gets 403
    // and a visitor never gets the page.
    const auto& access = route.options.access;
    if (access.level() != web::Access::Level::anyone) {
      EXPECT_NE(entry->second.expected[0], 200)
          << key << " declares " << access.describe() << " but lets visitors in";
    }
    for (std::size_t role = 1; role < roles; ++role) {
      if (!access.allows(role_of[role])) {
        EXPECT_EQ(entry->second.expected[role], 403)
            << key << " declares " << access.describe() << ", so " << role_names[role]
            << " is refused before the handler";
      }
    }
    declared += access.level() != web::Access::Level::anyone;
    for (std::size_t role = 0; role < roles; ++role) {
      // A fresh session per request: some requests end or change their session.
      auto session = server.app().sessions().create(users[role], "matrix-test");
      const std::string cookie = cookie_header(session->token);
      auto reply =
          route.method == "GET"
              ? http_get(server.port(), entry->second.path, role == 0 ? std::string() : cookie)
              : http_post(server.port(), entry->second.path, "_csrf=" + session->csrf_token,
                          "application/x-www-form-urlencoded",
                          cookie + "X-CSRF-Token: " + session->csrf_token + "\r\n");
      EXPECT_EQ(reply.status, entry->second.expected[role]) << key << " as " << role_names[role];
      ++checked;
    }
  }
  EXPECT_EQ(checked, static_cast<int>(matrix.size() * roles))
      << "entries for routes that no longer exist";
  EXPECT_GT(declared, 0) << "no route declares a requirement: the declarations are not read";

  // Denials are in the audit log with the actor and the object.
  int denials = 0;
  const long long spoc_aalst = *users[3];
  db.run([&](soci::session& sql) {
    sql << "SELECT COUNT(*) FROM audit_log WHERE action = 'denied' AND object = "
           "'municipality:44021' AND actor_id = :a",
        soci::use(spoc_aalst), soci::into(denials);
  });
  EXPECT_GE(denials, 1);  // SPOC of Aalst writing Gent's contact text (reading it is allowed)
}

}  // namespace
}  // namespace schakel
