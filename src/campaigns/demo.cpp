// Demo content of the postcards campaign. The tips were written for this demo
// in plain Dutch; the help lines' numbers are made up and say "(demo)".
#include "campaigns/demo.hpp"

#include "campaigns/store.hpp"

namespace schakel::campaigns {

namespace {

// Long because: it is the demo's text, one postcard per theme.
std::vector<Postcard> demo_postcards() {
  return {
      {"partner_violence", "Is er iets mis thuis bij iemand die je kent?",
       "Merk je angst, blauwe plekken of veel controle? Neem dat ernstig.\n"
       "Zoek een rustig moment om alleen te praten.\n"
       "Begin met wat je zag: \"Ik zie dat je niet goed slaapt. Hoe gaat het?\"\n"
       "Luister. Geloof wat de ander vertelt.\n"
       "Zeg niet wat de ander moet doen. Geef geen schuld.\n"
       "Spreek de pleger niet zelf aan. Dat kan gevaarlijk zijn.\n"
       "Blijf contact houden, ook als er nog niets verandert.",
       "Twijfel je of weet je niet wat je kan doen? Praat erover met 1712. Ook als je zelf "
       "geweld meemaakt of geweld gebruikt.",
       0},
      {"child_abuse", "Maak je je zorgen om een kind?",
       "Let op wat je ziet en hoort. Schrijf het kort op, met de datum.\n"
       "Vraag het kind rustig hoe het gaat. Stel open vragen.\n"
       "Zeg: \"Ik ben blij dat je het me vertelt. Het is niet jouw schuld.\"\n"
       "Beloof geen geheim. Zeg wel dat je hulp zoekt.\n"
       "Vraag het kind niet uit. Een gesprek is geen verhoor.\n"
       "Confronteer de ouders niet op eigen houtje.",
       "Je hoeft het niet alleen uit te zoeken. Bel of chat met 1712 en bespreek wat je zag. "
       "Ook kinderen en jongeren kunnen 1712 zelf contacteren.",
       0},
      {"elder_abuse", "Wordt een oudere slecht behandeld?",
       "Denk aan slaan, uitschelden, geld afnemen of geen zorg geven.\n"
       "Bezoek de oudere vaker en kijk hoe het gaat.\n"
       "Praat als de oudere alleen is: \"Voel je je veilig thuis?\"\n"
       "Neem de oudere serieus, ook bij vergeetachtigheid.\n"
       "Oordeel niet over de mantelzorger. Die is vaak zelf moe.\n"
       "Beslis niet in de plaats van de oudere.",
       "Praat erover met 1712. Samen kijk je wat kan helpen, voor de oudere en voor wie zorgt.", 0},
  };
}

struct DemoDistribution {
  const char* nis_code;
  const char* theme;
  const char* place_type;
  int cards;
};

const DemoDistribution demo_distributions[] = {
    {"44021", "partner_violence", "pharmacy", 400},
    {"44021", "partner_violence", "gp_practice", 250},
    {"44021", "child_abuse", "school", 600},
    {"44021", "child_abuse", "library", 150},
    {"44021", "elder_abuse", "welfare_office", 300},
    {"41002", "partner_violence", "police", 120},
    {"41002", "child_abuse", "school", 350},
    {"41002", "elder_abuse", "pharmacy", 200},
    {"41002", "elder_abuse", "other", 80},
};

}  // namespace

void load_demo(soci::session& sql, const Clock& clock) {
  const std::int64_t now = clock.now();
  for (const auto& p : demo_postcards()) CampaignStore::save_postcard(sql, p, true, now);
  CampaignStore::replace_help_lines(sql, "44021",
                                    {{"CAW Oost-Vlaanderen (demo)", "09 265 04 90"},
                                     {"Sociaal huis Gent (demo)", "09 266 99 00"}},
                                    true);
  CampaignStore::replace_help_lines(sql, "41002", {{"Sociaal huis Aalst (demo)", "053 73 23 00"}},
                                    true);
  const std::int64_t day = 86400;
  Round round{0, "Ronde 1 (demo)", format_date_input(now - 20 * day),
              format_date_input(now + 40 * day)};
  round.id = CampaignStore::insert_round(sql, round, true, now);
  for (const auto& d : demo_distributions)
    CampaignStore::insert_distribution(
        sql, Distribution{0, round.id, d.nis_code, d.theme, d.place_type, d.cards}, std::nullopt,
        now);
  // A week of scans: a few a day, more for the themes with more cards.
  for (int back = 1; back <= 7; ++back) {
    const std::string date = format_date_input(now - back * day);
    CampaignStore::count_scan(sql, date, "44021", "partner_violence", 2 + back % 3, true);
    CampaignStore::count_scan(sql, date, "44021", "child_abuse", 1 + back % 2, true);
    CampaignStore::count_scan(sql, date, "41002", "elder_abuse", 1 + back % 2, true);
  }
}

}  // namespace schakel::campaigns
