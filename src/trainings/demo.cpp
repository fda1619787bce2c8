// Demo content of the training series: the six series of DESIGN.md section 1,
// with sessions in every module and format, registrations, a full series with
// a waitlist, attendance of the sessions that are over, and evaluations with
// confidence before and after, so reports show real-looking figures. Every
// series says it is a demo; the participants are invented.
#include "trainings/demo.hpp"

#include "accounts/types.hpp"
#include "store/signing_key.hpp"
#include "trainings/evaluation_service.hpp"
#include "trainings/store.hpp"

namespace schakel::trainings {

namespace {

struct DemoSession {
  int day;  // days from now
  const char* start;
  const char* end;
  const char* module;
  const char* format;
  const char* title;
};

struct DemoSeries {
  const char* slug;
  const char* title;
  const char* theme;
  const char* owner;  // NIS code or ""
  const char* organiser;
  const char* region;
  const char* unit;
  int capacity;
  int participants;  // registrations per unit (more than capacity: a waitlist)
  const char* description;
  std::vector<DemoSession> sessions;
};

const char* const municipalities[] = {"44021", "41002", "11002", "24062", "31005", "71072"};
const char* const first_names[] = {"An",    "Bram",  "Chaima", "Dirk",  "Els",   "Fatima", "Geert",
                                   "Hanne", "Ilias", "Jolien", "Karim", "Lotte", "Mehmet", "Nele",
                                   "Olaf",  "Petra", "Rachid", "Sofie", "Tom",   "Ursula", "Vera"};

std::int64_t at(const Clock& clock, int day, const char* time) {
  const std::string date = format_date_input(clock.now() + static_cast<std::int64_t>(day) * 86400);
  return brussels_to_utc(date, time).value_or(clock.now());
}

// Long because: it is the demo's data table, one entry per series.
const std::vector<DemoSeries>& demo_series() {
  static const std::vector<DemoSeries> list = {
      {"kindermishandeling-herkennen-demo",
       "Kindermishandeling herkennen en bespreken (demo)",
       "child_abuse",
       "44021",
       "Stad Gent",
       "Oost-Vlaanderen",
       "series",
       20,
       16,
       "Een reeks voor leerkrachten, jeugdwerkers en hulpverleners die met kinderen werken. "
       "Je leert signalen van kindermishandeling herkennen, een vermoeden bespreken met het kind "
       "en de ouders, en weten wie je kan inschakelen.\n\n*Voorbeeldreeks (demo).*",
       {{-40, "09:00", "12:30", "basics", "in_person", "Signalen herkennen"},
        {-26, "13:30", "16:00", "deepening", "online", "Het gesprek met kind en ouders"},
        {-12, "09:30", "12:00", "intervision", "in_person", "Casussen uit de praktijk"},
        {20, "10:00", "11:00", "follow_up", "webinar", "Terugkomsessie"}}},
      {"partnergeweld-van-vermoeden-naar-gesprek-demo",
       "Partnergeweld: van vermoeden naar gesprek (demo)",
       "partner_violence",
       "41002",
       "Stad Aalst",
       "Oost-Vlaanderen",
       "series",
       12,
       15,
       "Hoe merk je dat iemand thuis geweld meemaakt, en hoe breng je het ter sprake? Met "
       "oefeningen, een gespreksleidraad en de weg naar 1712 en het CAW.\n\n*Voorbeeldreeks "
       "(demo).*",
       {{7, "09:00", "12:30", "basics", "in_person", "Wat is partnergeweld?"},
        {14, "13:30", "16:00", "deepening", "online", "Veiligheid en risico"},
        {28, "09:30", "12:00", "intervision", "in_person", ""},
        {60, "12:00", "12:45", "follow_up", "webinar", ""}}},
      {"eigen-referentiekader-demo",
       "Je eigen referentiekader (demo)",
       "frames_of_reference",
       "",
       "Netwerk IFG",
       "Vlaanderen",
       "session",
       8,
       8,
       "Wat vind jij normaal in een gezin? Je eigen ervaringen en waarden kleuren hoe je "
       "signalen ziet. Kies de sessie die voor jou past.\n\n*Voorbeeldreeks (demo).*",
       {{10, "09:00", "12:00", "basics", "in_person", "Kijken met andere ogen"},
        {24, "13:00", "16:00", "deepening", "in_person", "Waarden in gesprek"}}},
      {"ouderenmishandeling-demo",
       "Ouderenmis(be)handeling (demo)",
       "elder_abuse",
       "44021",
       "Stad Gent",
       "Oost-Vlaanderen",
       "series",
       18,
       14,
       "Voor thuiszorg, woonzorgcentra en mantelzorgondersteuners: ontsporing in de zorg voor "
       "ouderen herkennen, bespreken en aanpakken.\n\n*Voorbeeldreeks (demo).*",
       {{-40, "09:00", "12:30", "basics", "in_person", "Signalen bij ouderen"},
        {-30, "13:30", "15:30", "deepening", "online", "Mantelzorg onder druk"},
        {-20, "09:30", "12:00", "intervision", "in_person", ""},
        {-6, "10:00", "11:00", "follow_up", "webinar", ""}}},
      {"geweld-tussen-broers-en-zussen-webinars-demo",
       "Geweld tussen broers en zussen: drie korte webinars (demo)",
       "sibling_violence",
       "",
       "Netwerk IFG",
       "Online",
       "session",
       100,
       6,
       "Drie webinars van twintig minuten over ruzie, pesten en geweld tussen broers en zussen: "
       "wanneer is het meer dan ruzie? Schrijf je in per webinar.\n\n*Voorbeeldreeks (demo).*",
       {{3, "12:30", "12:50", "basics", "webinar", "Meer dan ruzie?"},
        {10, "12:30", "12:50", "deepening", "webinar", "Ouders ondersteunen"},
        {17, "12:30", "12:50", "follow_up", "webinar", "Vragen uit de praktijk"}}},
      {"de-babobox-in-de-klas-demo",
       "De Babobox in de klas (demo)",
       "conflict_talk_children",
       "41002",
       "Stad Aalst",
       "Oost-Vlaanderen",
       "series",
       16,
       10,
       "Leer werken met de Babobox, een koffer om met kinderen van de lagere school te praten "
       "over conflict en geweld.\n\n*Voorbeeldreeks (demo).*",
       {{-30, "14:00", "16:30", "basics", "in_person", "De koffer leren kennen"},
        {30, "14:00", "15:30", "follow_up", "online", "Ervaringen delen"}}},
  };
  return list;
}

// Invented but steady numbers: a participant's score from a seed.
int score(int seed, int low, int high) { return low + (seed * 7 + 3) % (high - low + 1); }

void add_attendance_and_evaluation(soci::session& sql, const Series& series,
                                   const std::vector<Session>& sessions, const Registration& r,
                                   int seed, std::int64_t now, bool evaluates = true) {
  long long reg = r.id, series_id = series.id;
  int attended = 0;
  for (std::size_t i = 0; i < sessions.size(); ++i) {
    const auto& s = sessions[i];
    if (s.ends_at > now) continue;
    const int present = (seed + static_cast<int>(i)) % 9 == 0 ? 0 : 1;  // a few no-shows
    attended += present;
    long long session_id = s.id, marked = s.ends_at;
    sql << "INSERT INTO training_attendance (session_id, registration_id, present, method, "
           "marked_at) VALUES (:s, :r, :p, 'list', :m)",
        soci::use(session_id), soci::use(reg), soci::use(present), soci::use(marked);
  }
  // The demo's invitations went out when the series ended (no mails at start).
  const bool ended = std::all_of(sessions.begin(), sessions.end(),
                                 [&](const Session& s) { return s.ends_at <= now; });
  if (ended && series.evaluation_unit == "series") {
    long long invited = sessions.back().ends_at;
    sql << "INSERT INTO training_evaluation_invites (registration_id, session_id, invited_at) "
           "VALUES (:r, 0, :at)",
        soci::use(reg), soci::use(invited);
  }
  // The real pair key, so the organiser's figures match answers to invitations.
  const std::string pair = pair_key(store::signing_key(sql), r.id);
  const auto& questions = confidence_questions();
  for (std::size_t q = 0; q < questions.size(); ++q) {
    int question = static_cast<int>(q);
    int before = score(seed + static_cast<int>(q), 3, 6);
    sql << "INSERT INTO training_confidence (series_id, pair_key, phase, question, value, sector) "
           "VALUES (:s, :k, 'before', :q, :v, :sector)",
        soci::use(series_id), soci::use(pair), soci::use(question), soci::use(before),
        soci::use(r.sector);
  }
  // Everyone who came evaluates, except one in four (the reminder list).
  const bool over = std::all_of(sessions.begin(), sessions.end(),
                                [&](const Session& s) { return s.ends_at <= now; });
  if (!evaluates || !over || attended == 0 || seed % 4 == 3) return;
  for (std::size_t q = 0; q < questions.size(); ++q) {
    int question = static_cast<int>(q);
    int after = std::min(10, score(seed + static_cast<int>(q), 3, 6) + score(seed, 1, 4));
    sql << "INSERT INTO training_confidence (series_id, pair_key, phase, question, value, sector) "
           "VALUES (:s, :k, 'after', :q, :v, :sector)",
        soci::use(series_id), soci::use(pair), soci::use(question), soci::use(after),
        soci::use(r.sector);
  }
  int satisfaction = score(seed, 3, 5), usefulness = score(seed + 1, 3, 5);
  const std::string will_use = seed % 2 ? "signals,conversation" : "referral,team";
  const std::string free_text = seed % 3 == 0
                                    ? "Ik durf nu sneller een gesprek te beginnen. (demo)"
                                    : (seed % 3 == 1 ? "Meer casussen zou helpen. (demo)" : "");
  long long day = sessions.back().ends_at - sessions.back().ends_at % 86400;
  sql << "INSERT INTO training_evaluations (series_id, pair_key, sector, satisfaction, "
         "usefulness, will_use, free_text, submitted_on) VALUES (:s, :k, :sector, :sat, :use, "
         ":will, :text, :day)",
      soci::use(series_id), soci::use(pair), soci::use(r.sector), soci::use(satisfaction),
      soci::use(usefulness), soci::use(will_use), soci::use(free_text), soci::use(day);
  long long evaluated = day;
  sql << "UPDATE training_registrations SET evaluated_at = :e WHERE id = :id", soci::use(evaluated),
      soci::use(reg);
}

// The series of `d` with its questions, published and marked as demo.
Series insert_demo_series(soci::session& sql, const DemoSeries& d, std::int64_t now) {
  Series s;
  s.slug = d.slug;
  s.title = d.title;
  s.description = d.description;
  s.audience = "Professionals in de eerste lijn";
  s.organiser = d.organiser;
  s.owner_nis_code = d.owner;
  s.region = d.region;
  s.contact = "vorming@demo.schakel.be";
  s.registration_unit = d.unit;
  s.status = "published";
  s.themes = {d.theme};
  s.is_demo = true;
  // The Babobox series began a month ago and lets people join late; the
  // others close when their first session starts.
  s.late_join = std::string(d.slug) == "de-babobox-in-de-klas-demo";
  s.certificate_rule = d.sessions.size() > 2 ? "min" : "all";
  s.certificate_min_sessions = d.sessions.size() > 2 ? static_cast<int>(d.sessions.size()) - 1 : 0;
  s.id = TrainingStore::insert_series(sql, s, now - 120 * 86400);
  TrainingStore::replace_questions(
      sql, s.id, {"Heb je voedingswensen?", "Heb je noden rond toegankelijkheid?"});
  return s;
}

std::vector<Session> insert_demo_sessions(soci::session& sql, const DemoSeries& d, const Series& s,
                                          const Clock& clock, std::int64_t now) {
  std::vector<Session> sessions;
  for (const auto& x : d.sessions) {
    Session session;
    session.series_id = s.id;
    session.title = x.title;
    session.module = x.module;
    session.format = x.format;
    if (session.format == "in_person") {
      session.address = std::string(d.organiser) == "Stad Aalst" ? "Grote Markt 3, 9300 Aalst"
                                                                 : "Botermarkt 1, 9000 Gent";
      session.room = "Zaal 2";
    } else {
      session.online_url = "https://vergadering.demo.schakel.be/" + std::string(d.slug);
    }
    session.starts_at = at(clock, x.day, x.start);
    session.ends_at = at(clock, x.day, x.end);
    session.capacity = d.capacity;
    session.trainers = "Trainer van " + std::string(d.organiser) + " (demo)";
    session.id = TrainingStore::insert_session(sql, session, now);
    sessions.push_back(session);
  }
  return sessions;
}

// The participants of every unit of the series; `person` numbers them across series.
void insert_demo_participants(soci::session& sql, const DemoSeries& d, const Series& s,
                              const std::vector<Session>& sessions, int& person, std::int64_t now) {
  const auto& sectors = accounts::sectors();
  std::vector<Unit> units;
  if (s.registration_unit == "series")
    units.push_back(Unit{s.id, std::nullopt});
  else
    for (const auto& x : sessions) units.push_back(Unit{s.id, x.id});
  for (const auto& unit : units) {
    for (int i = 0; i < d.participants; ++i, ++person) {
      Registration r;
      r.unit = unit;
      r.name = std::string(first_names[person % 21]) + " Demo" + std::to_string(person + 1);
      r.email = "deelnemer" + std::to_string(person + 1) + "@demo.schakel.be";
      r.nis_code = municipalities[person % 6];
      r.sector = sectors[static_cast<std::size_t>(person) % (sectors.size() - 1)].value;
      if (i < d.capacity) {
        r.state = "registered";
      } else {
        r.state = "waitlisted";
        r.queue_position = i - d.capacity + 1;
      }
      // People registered before the series began (a registration counts
      // only the sessions after it: Registration::counts).
      const std::int64_t opened = std::min(now, sessions.front().starts_at - 7 * 86400);
      r.id = TrainingStore::insert_registration(sql, r, opened - (60 - i) * 3600);
      if (r.state == "registered") add_attendance_and_evaluation(sql, s, sessions, r, person, now);
    }
  }
}

// The demo professional followed the elder abuse series: a certificate to
// download and an evaluation still to fill in.
void add_demo_professional(soci::session& sql, const Series& s,
                           const std::vector<Session>& sessions, std::int64_t now) {
  long long professional = 0;
  soci::indicator ind = soci::i_null;
  sql << "SELECT id FROM users WHERE email = 'professional@demo.schakel.be'",
      soci::into(professional, ind);
  if (ind != soci::i_ok) return;
  Registration r;
  r.unit = Unit{s.id, std::nullopt};
  r.user_id = professional;
  r.name = "Pieter Professional";
  r.email = "professional@demo.schakel.be";
  r.nis_code = "44021";
  r.sector = "welfare";
  r.state = "registered";
  r.id = TrainingStore::insert_registration(sql, r, now - 50 * 86400);
  // Seed 1: present at every session (a no-show only when (seed + i) % 9 == 0),
  // and not evaluated yet (only the "before" answers).
  add_attendance_and_evaluation(sql, s, sessions, r, 1, now, false);
}

}  // namespace

void load_demo(soci::session& sql, const Clock& clock) {
  const std::int64_t now = clock.now();
  int person = 0;
  for (const auto& d : demo_series()) {
    const Series s = insert_demo_series(sql, d, now);
    const std::vector<Session> sessions = insert_demo_sessions(sql, d, s, clock, now);
    insert_demo_participants(sql, d, s, sessions, person, now);
    if (std::string(d.slug) == "ouderenmishandeling-demo")
      add_demo_professional(sql, s, sessions, now);
  }
}

}  // namespace schakel::trainings
