#include "catalog/generate.hpp"

#include <algorithm>

#include "catalog/store.hpp"
#include "reference/municipalities.hpp"
#include "store/row.hpp"

namespace schakel::catalog {

namespace {

template <typename T, std::size_t N>
const T& pick(std::mt19937_64& rng, const T (&list)[N]) {
  return list[std::uniform_int_distribution<std::size_t>(0, N - 1)(rng)];
}

int between(std::mt19937_64& rng, int low, int high) {
  return std::uniform_int_distribution<int>(low, high)(rng);
}

const char* const formats[] = {"Methodiek", "Handleiding", "Draaiboek",        "Werkfiche",
                               "Vorming",   "Campagne",    "Gespreksleidraad", "Stappenplan",
                               "Toolkit",   "Lespakket",   "Praatkaarten",     "Netwerkaanpak"};
const char* const topics[] = {"kindermishandeling",
                              "partnergeweld",
                              "ouderenmishandeling",
                              "huiselijk geweld",
                              "intrafamiliaal geweld",
                              "relationeel geweld",
                              "seksueel geweld",
                              "geweld tussen broers en zussen",
                              "eergerelateerd geweld",
                              "financiële uitbuiting",
                              "verwaarlozing",
                              "oudermishandeling",
                              "stalking",
                              "dwingende controle"};
const char* const actions[] = {"signaleren",    "bespreekbaar maken", "voorkomen", "aanpakken",
                               "doorverwijzen", "opvolgen",           "herkennen", "melden"};
const char* const audiences_nl[] = {"leerkrachten",
                                    "jeugdwerkers",
                                    "huisartsen",
                                    "politie",
                                    "maatschappelijk werkers",
                                    "verpleegkundigen",
                                    "wijkwerkers",
                                    "kinderbegeleiders",
                                    "mantelzorgers"};
const char* const settings[] = {"op school",       "in de wijk",         "in het woonzorgcentrum",
                                "bij de huisarts", "in de kinderopvang", "in het jeugdhuis",
                                "op het OCMW",     "aan het onthaal",    "bij huisbezoeken"};
const char* const sentences[] = {
    "Professionals krijgen concrete handvatten om signalen vroeg op te merken.",
    "De aanpak werd ontwikkeld samen met eerstelijnswerkers uit verschillende gemeenten.",
    "Een korte vorming vooraf helpt om de methodiek goed te gebruiken.",
    "Het materiaal is gratis te gebruiken en aan te passen aan de eigen context.",
    "Slachtoffers en plegers worden doorverwezen naar gespecialiseerde hulpverlening.",
    "De gespreksleidraad helpt om moeilijke onderwerpen veilig aan te kaarten.",
    "Er is aandacht voor de veiligheid van kinderen die getuige zijn van geweld.",
    "Lokale besturen kunnen de campagne inzetten tijdens de week tegen geweld.",
    "De evaluatie toont dat deelnemers zich zekerder voelen bij een vermoeden.",
    "Het stappenplan beschrijft wie wat doet bij een vermoeden van mishandeling.",
    "In het casusoverleg zitten politie, justitie en hulpverlening samen aan tafel.",
    "De praatkaarten zijn bedoeld voor groepen van acht tot twaalf deelnemers.",
    "Het initiatief sluit aan bij het Vlaamse actieplan tegen intrafamiliaal geweld.",
    "Vertrouwenscentra kindermishandeling geven advies bij twijfel.",
    "Mantelzorgers die overbelast raken, krijgen ondersteuning en respijtzorg.",
    "Een laagdrempelig onthaal maakt het makkelijker om hulp te vragen.",
};
const char* const organisations[] = {"CAW",         "Huis van het Kind",     "OCMW",
                                     "Politiezone", "Welzijnsschakel",       "CLB",
                                     "Familiehuis", "Wijkgezondheidscentrum"};

}  // namespace

Resource generated_resource(std::mt19937_64& rng, std::int64_t number,
                            const std::vector<std::string>& municipalities) {
  Resource r;
  const std::string topic = pick(rng, topics);
  r.slug = "gen-" + std::to_string(number);
  r.kind = kinds()[between(rng, 0, static_cast<int>(kinds().size()) - 1)].value;
  r.title = std::string(pick(rng, formats)) + " " + topic + " " + pick(rng, actions) + " " +
            pick(rng, settings);
  r.summary = std::string("Voor ") + pick(rng, audiences_nl) + " die " + topic + " willen " +
              pick(rng, actions) + " " + pick(rng, settings) + ".";
  const int paragraphs = between(rng, 2, 5);
  for (int p = 0; p < paragraphs; ++p) {
    const int n = between(rng, 2, 5);
    for (int s = 0; s < n; ++s) {
      r.body += pick(rng, sentences);
      r.body += ' ';
    }
    r.body += "\n\n";
  }
  r.rationale = std::string("Uit de praktijk bleek dat ") + pick(rng, audiences_nl) +
                " te weinig houvast hadden bij " + topic + ".";
  r.target_group =
      std::string("Eerstelijnswerkers, in het bijzonder ") + pick(rng, audiences_nl) + ".";
  r.approach = pick(rng, sentences);
  r.contact_organisation = std::string(pick(rng, organisations)) + " (gegenereerd)";
  r.evidence_level =
      evidence_levels()[between(rng, 0, static_cast<int>(evidence_levels().size()) - 1)].value;
  const int scope = between(rng, 0, 9);
  r.scope = scope < 5 ? "local" : scope < 7 ? "supra_local" : scope < 9 ? "flemish" : "national";
  if (r.scope == "local" && !municipalities.empty())
    r.owner_nis_code = municipalities[between(rng, 0, static_cast<int>(municipalities.size()) - 1)];
  const int visibility = between(rng, 0, 9);
  r.visibility = visibility < 7 ? "public" : visibility < 9 ? "professionals" : "network";
  r.status = "published";
  static const char* const themes[] = {"child_abuse", "partner_violence", "frames_of_reference",
                                       "elder_abuse", "sibling_violence", "conflict_talk_children"};
  static const char* const tracks_list[] = {"prevention", "care", "enforcement"};
  static const char* const audiences[] = {
      "teachers", "youth_workers",    "social_workers", "police", "general_practitioners",
      "nurses",   "local_government", "citizens"};
  static const char* const ages[] = {"young_children", "primary_school", "secondary_school",
                                     "adults", "older_people"};
  auto some = [&](auto& list, int max) {
    std::vector<std::string> out;
    const int n = between(rng, 1, max);
    for (int i = 0; i < n; ++i) {
      std::string v = pick(rng, list);
      if (std::find(out.begin(), out.end(), v) == out.end()) out.push_back(v);
    }
    std::sort(out.begin(), out.end());
    return out;
  };
  r.themes = some(themes, 2);
  r.tracks = some(tracks_list, 2);
  r.audiences = some(audiences, 3);
  r.age_groups = some(ages, 2);
  return r;
}

std::int64_t generate_resources(store::Database& db, std::int64_t count, std::uint64_t seed,
                                std::int64_t now,
                                const std::function<void(std::int64_t, std::int64_t)>& progress) {
  std::mt19937_64 rng(seed);
  std::vector<std::string> municipalities;
  for (const auto& m : reference::municipalities_in_region(db, "Vlaanderen"))
    municipalities.push_back(m.nis_code);
  std::sort(municipalities.begin(), municipalities.end());
  std::int64_t first = 0;
  db.run([&](soci::session& sql) {
    long long n = 0;
    sql << "SELECT COUNT(*) FROM resources WHERE slug LIKE 'gen-%'", soci::into(n);
    first = n;
  });
  std::int64_t done = 0;
  if (progress) progress(0, count);
  while (done < count) {
    const std::int64_t batch = std::min<std::int64_t>(1000, count - done);
    db.transact([&](soci::session& sql) {
      for (std::int64_t i = 0; i < batch; ++i) {
        auto r = generated_resource(rng, first + done + i + 1, municipalities);
        // Spread over about three years, so "newest first" has something to sort.
        r.published_at = now - between(rng, 0, 3 * 365 * 86400);
        CatalogStore::insert(sql, r, now);
      }
    });
    done += batch;
    if (progress) progress(done, count);
  }
  return done;
}

std::vector<std::string> generated_queries(std::mt19937_64& rng, std::size_t count) {
  static const char* const words[] = {
      "kindermishandeling", "partnergeweld", "mishandeling", "geweld",       "signalen",
      "leerkrachten",       "huisartsen",    "politie",      "vorming",      "campagne",
      "draaiboek",          "methodiek",     "ouderen",      "school",       "wijk",
      "verwaarlozing",      "stalking",      "melden",       "casusoverleg", "mantelzorgers",
      "huiselijk geweld",   "praatkaarten",  "slachtoffers", "kinderopvang", "veiligheid"};
  std::vector<std::string> out;
  for (std::size_t i = 0; i < count; ++i) {
    const int n = between(rng, 1, 3);
    std::string q;
    for (int k = 0; k < n; ++k) {
      if (!q.empty()) q += ' ';
      q += pick(rng, words);
    }
    out.push_back(q);
  }
  return out;
}

}  // namespace schakel::catalog
