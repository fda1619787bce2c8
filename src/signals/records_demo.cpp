// The demo content of signals and needs (DemoLoader "signals", order 60): the
// story of DESIGN.md section 1 told as signals in four member municipalities and
// the needs N1..N4 they point to (titles agreed with the actions and overview
// parts, who find these rows by title). Every row has is_demo = 1.
#include <string>
#include <vector>

#include "app/app.hpp"
#include "core/clock.hpp"
#include "reference/municipalities.hpp"
#include "signals/need_service.hpp"
#include "signals/need_store.hpp"
#include "signals/records.hpp"
#include "signals/records_rules.hpp"
#include "signals/signal_store.hpp"
#include "signals/timeline_store.hpp"
#include "store/changes.hpp"

namespace schakel::signals {

namespace {

constexpr std::int64_t day = 86400;

struct DemoSignal {
  const char* nis;
  std::vector<std::string> themes;
  int days_ago;
  const char* description;
  const char* target_group;
  const char* sector;
  const char* source;
  const char* frequency;
  bool urgent;
  bool own_only;
  int closed_days_ago;  // 0: open
};

// Long because: it is data, the eleven demo signals with every field written out.
const std::vector<DemoSignal>& demo_signals() {
  static const std::vector<DemoSignal> list = {
      // 0..2: N1 (elder abuse, supra-local)
      {"44021",
       {"elder_abuse"},
       150,
       "Thuisverpleegkundigen zien dat ouderen met dementie soms verwaarloosd worden door "
       "overbelaste mantelzorgers, en weten niet goed wat ze dan kunnen doen.",
       "ouderen",
       "zorg",
       "thuisverpleging",
       "often",
       false,
       false,
       0},
      {"41002",
       {"elder_abuse"},
       135,
       "Medewerkers van de thuiszorg vragen hoe ze financieel misbruik van ouderen herkennen en "
       "bespreekbaar maken.",
       "ouderen",
       "welzijn",
       "thuiszorgdiensten",
       "sometimes",
       false,
       false,
       0},
      {"46021",
       {"elder_abuse"},
       120,
       "Huisartsen herkennen signalen van ouderenmis(be)handeling vaak pas laat, als de situatie "
       "al ernstig is.",
       "ouderen",
       "zorg",
       "huisartsenkring",
       "sometimes",
       true,
       false,
       0},
      // 3..4: N2 (the way to help, supra-local)
      {"44021",
       {"partner_violence"},
       110,
       "Buurtwerkers horen dat bewoners niet weten waar ze terechtkunnen bij geweld in het "
       "gezin; 1712 is weinig bekend.",
       "volwassenen",
       "welzijn",
       "buurtwerk",
       "often",
       false,
       false,
       0},
      {"46021",
       {"child_abuse", "partner_violence"},
       95,
       "Jeugdwerkers merken dat jongeren niet weten bij wie ze terechtkunnen als het thuis niet "
       "goed gaat.",
       "jongeren",
       "jeugdwerk",
       "jeugdhuizen",
       "sometimes",
       false,
       false,
       0},
      // 5..6: N3 (teachers, Gent)
      {"44021",
       {"child_abuse"},
       80,
       "Leerkrachten in het basisonderwijs zien signalen van spanningen thuis, maar durven het "
       "gesprek met het kind niet aan te gaan.",
       "kinderen",
       "onderwijs",
       "schoolteams",
       "often",
       true,
       false,
       0},
      {"44021",
       {"child_abuse"},
       70,
       "Het CLB hoort van schoolteams dat er geen vaste aanpak is om met leerlingen over de "
       "thuissituatie te praten.",
       "kinderen",
       "onderwijs",
       "CLB",
       "sometimes",
       false,
       false,
       0},
      // 7: N4 (no offer for perpetrators, Aalst)
      {"41002",
       {"partner_violence"},
       60,
       "De politiezone ziet herhaalde interventies bij dezelfde gezinnen, maar kan plegers van "
       "partnergeweld nergens in de regio naar doorverwijzen.",
       "plegers",
       "politie",
       "politiezone",
       "often",
       true,
       false,
       0},
      // 8: own municipality only (Gent)
      {"44021",
       {"partner_violence", "child_abuse"},
       40,
       "Het wijkteam meldt meer conflicten in gezinnen in één wijk sinds het buurthuis er "
       "sloot.",
       "gezinnen",
       "welzijn",
       "wijkteam",
       "sometimes",
       false,
       true,
       0},
      // 9..10: closed
      {"41002",
       {"elder_abuse"},
       200,
       "Een woonzorgcentrum vroeg een vorming over grensoverschrijdend gedrag; intussen "
       "opgelost via het eigen netwerk.",
       "ouderen",
       "zorg",
       "woonzorgcentrum",
       "once",
       false,
       false,
       170},
      {"42006",
       {"partner_violence"},
       190,
       "De sociale dienst vroeg een infosessie over partnergeweld; die is opgenomen in het "
       "vormingsaanbod.",
       "professionals",
       "welzijn",
       "sociale dienst",
       "once",
       false,
       false,
       160},
  };
  return list;
}

struct DemoNeed {
  const char* title;
  const char* description;
  const char* kind;
  const char* nis;  // nullptr: supra-local
  std::vector<std::string> themes;
  const char* status;
  std::vector<int> signals;  // indexes in demo_signals()
  int days_ago;
  int status_days_ago;  // when it went to in_progress (0: stays open)
};

const std::vector<DemoNeed>& demo_needs() {
  static const std::vector<DemoNeed> list = {
      {"Eerstelijnswerkers herkennen ouderenmis(be)handeling niet",
       "Thuisverpleging, thuiszorg en huisartsen in meerdere gemeenten zien signalen van "
       "ouderenmis(be)handeling laat of niet, en weten niet wat ze kunnen doen.",
       "need",
       nullptr,
       {"elder_abuse"},
       "in_progress",
       {0, 1, 2},
       115,
       100},
      {"Burgers kennen de weg naar hulp niet",
       "Bewoners en jongeren weten niet waar ze terechtkunnen bij geweld in het gezin. 1712 is "
       "te weinig bekend.",
       "gap",
       nullptr,
       {"partner_violence", "child_abuse", "elder_abuse"},
       "in_progress",
       {3, 4},
       90,
       85},
      {"Leerkrachten weten niet hoe ze een gesprek over de thuissituatie starten",
       "Schoolteams in Gent zien signalen maar missen een leidraad om het gesprek met een "
       "leerling aan te gaan.",
       "need",
       "44021",
       {"child_abuse"},
       "in_progress",
       {5, 6},
       65,
       50},
      {"Geen aanbod voor plegers van partnergeweld in de regio",
       "Politie en hulpverleners kunnen plegers van partnergeweld in de regio Aalst nergens "
       "naar doorverwijzen.",
       "gap",
       "41002",
       {"partner_violence"},
       "open",
       {7},
       55,
       0},
  };
  return list;
}

void append(soci::session& sql, const std::string& kind, std::int64_t id, std::int64_t at,
            const std::string& event, const std::string& summary) {
  TimelineStore::append(sql, TimelineEntry{0, kind, id, at, std::nullopt, event, summary});
}

void load_demo(soci::session& sql, const Clock& clock) {
  const auto now = clock.now();
  const auto& names = reference::municipality_names(sql);
  std::vector<std::int64_t> signal_ids;
  std::vector<Signal> signals;
  for (const auto& d : demo_signals()) {
    Signal s;
    s.nis_code = d.nis;
    s.themes = d.themes;
    s.description = d.description;
    s.target_group = d.target_group;
    s.sector = d.sector;
    s.source = d.source;
    s.frequency = d.frequency;
    s.urgent = d.urgent;
    s.own_municipality_only = d.own_only;
    s.observed_on = today(now - d.days_ago * day);
    const auto created = now - (d.days_ago - 1) * day;
    if (d.closed_days_ago > 0) s.closed_at = now - d.closed_days_ago * day;
    s.id = SignalStore::insert(sql, s, true, created);
    append(sql, "signal", s.id, created, "created", "Signaal gemeld in " + names.at(d.nis));
    if (s.closed_at) append(sql, "signal", s.id, *s.closed_at, "closed", "Signaal afgesloten");
    store::record_change(sql, "signal", std::to_string(s.id), "created", now);
    signal_ids.push_back(s.id);
    signals.push_back(s);
  }
  for (const auto& d : demo_needs()) {
    Need n;
    n.title = d.title;
    n.description = d.description;
    n.kind = d.kind;
    if (d.nis) n.nis_code = d.nis;
    n.themes = d.themes;
    n.status = d.status;
    for (const int i : d.signals) n.signal_ids.push_back(signal_ids[i]);
    const auto created = now - d.days_ago * day;
    n.id = NeedStore::insert(sql, n, true, created);
    append(sql, "need", n.id, created, "created",
           std::string(n.kind == "gap" ? "Hiaat benoemd: " : "Nood benoemd: ") + n.title);
    for (const int i : d.signals) {
      const auto& s = signals[i];
      append(sql, "need", n.id, created, "linked",
             "Signaal gekoppeld: #" + std::to_string(s.id) + " uit " + names.at(s.nis_code) + " (" +
                 date_label(s.observed_on) + ")");
    }
    if (d.status_days_ago > 0)
      append(sql, "need", n.id, now - d.status_days_ago * day, "status",
             status_change_summary("open", "in_progress"));
    store::record_change(sql, "need", std::to_string(n.id), "created", now);
  }
}

void unload_demo(soci::session& sql) {
  NeedStore::delete_demo(sql);
  SignalStore::delete_demo(sql);
}

}  // namespace

void install_records(App& app) {
  app.add_demo_loader(DemoLoader{"signals", 60, load_demo, unload_demo});
  install_signal_routes(app);
  install_need_routes(app);
}

}  // namespace schakel::signals
