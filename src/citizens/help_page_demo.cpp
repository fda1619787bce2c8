// The demo help pages: a general page and one per theme, in plain Dutch (short
// sentences, common words, "je"), written for Schakel. Facts from
// shared/FACTS.md: 1712 is free and anonymous and is not an emergency number;
// danger now: 101 (police), 112.
#include "citizens/help_page_demo.hpp"

#include <stdexcept>

#include "accounts/roles.hpp"
#include "citizens/help_page_service.hpp"

namespace schakel::citizens {

namespace {

// The same closing lines on every page: where to go.
const char* const where_to_go_common =
    R"(- **Bel [1712](tel:1712).** Je kunt er praten over geweld en misbruik. Het is gratis. Je hoeft je naam niet te zeggen. Je kunt ook chatten of mailen.
- 1712 is geen noodnummer. **Is er nu gevaar?** Bel de politie op [101](tel:101) of bel [112](tel:112).
- Je kunt ook naar je huisarts gaan. Of naar het CAW in je buurt.)";

HelpPage general_page() {
  HelpPage p;
  p.slug = "geweld-thuis";
  p.position = 1;
  p.title = "Hulp bij geweld thuis";
  p.summary =
      "Is er geweld bij jou thuis? Of bij iemand die je kent? Hier lees je wat je kunt doen. "
      "Je staat er niet alleen voor.";
  p.what_is_it =
      R"(Geweld thuis is geweld tussen mensen die samen een gezin zijn. Of die dat vroeger waren. Het kan tussen partners gebeuren. Of tussen ouders en kinderen. Of tegen een oudere in de familie.

Geweld is niet alleen slaan of schoppen. Ook dit is geweld:

- roepen, dreigen of bang maken,
- iemand altijd controleren,
- iemand geen geld geven,
- seks tegen de wil van iemand,
- een kind of oudere niet goed verzorgen.

Geweld thuis is nooit oké. Het is ook nooit de schuld van wie het meemaakt.)";
  p.recognise = R"(Geweld zie je niet altijd. Let op dit soort dingen:

- Iemand heeft vaak blauwe plekken of wonden.
- Iemand is bang, stil of heel moe.
- Iemand mag niet meer alleen weg.
- Iemand ziet vrienden of familie niet meer.
- Je hoort vaak ruzie of geroep.

Eén teken zegt niet alles. Maar heb je een slecht gevoel? Neem dat dan ernstig.)";
  p.react = R"(Wat je best doet:

- Blijf rustig.
- Luister en geloof wat de ander zegt.
- Zeg dat het niet zijn of haar schuld is.
- Vraag wat de ander zelf wil.
- Vraag raad aan 1712. Dat mag ook als je twijfelt.

Wat je best niet doet:

- Ga niet zelf de dader aanspreken.
- Beloof niet dat je alles geheim houdt.
- Zet de ander niet onder druk.
- Doe niets wat iemand in gevaar brengt.)";
  p.talk =
      R"(Een gesprek begin je rustig en alleen. Kies een veilige plek. Zorg dat niemand meeluistert.

Je kunt zo beginnen:

- "Ik maak me zorgen om jou. Hoe gaat het echt met je?"
- "Ik zie dat je de laatste tijd stil bent. Wil je erover praten?"

Laat de ander zelf kiezen wat die vertelt. Heeft die nog geen zin om te praten? Dat is oké. Zeg dat je er later ook nog bent.)";
  p.where_to_go = where_to_go_common;
  return p;
}

HelpPage partner_page() {
  HelpPage p;
  p.slug = "partnergeweld";
  p.theme = "partner_violence";
  p.position = 2;
  p.title = "Partnergeweld";
  p.summary =
      "Slaat je partner je? Of maakt je partner je bang? Dat is partnergeweld. Je kunt hulp "
      "krijgen.";
  p.what_is_it =
      R"(Partnergeweld is geweld tussen twee mensen die een koppel zijn. Of die dat vroeger waren. Het kan iedereen overkomen. Jong of oud, man of vrouw.

Partnergeweld kan op veel manieren:

- slaan, duwen of knijpen,
- uitschelden of kleineren,
- dreigen of bang maken,
- je gsm of je geld controleren,
- seks waar je geen ja op zei.

Zeg jij: "Mijn partner slaat mij"? Dan is dat geweld. Het is nooit jouw schuld.)";
  p.recognise = R"(Bij jezelf:

- Je bent bang voor de boosheid van je partner.
- Je past altijd op wat je zegt of doet.
- Je partner bepaalt wie je mag zien.
- Je hebt geen eigen geld.

Bij iemand anders:

- Die persoon heeft vaak wonden met een vreemde uitleg.
- Die persoon zegt vaak op het laatste moment af.
- De partner praat altijd in haar of zijn plaats.)";
  p.react = R"(Wat je best doet:

- Luister zonder te oordelen.
- Geloof wat je hoort.
- Zeg: "Het is niet jouw schuld."
- Help mee een plan te maken voor als het mis gaat.
- Geef het nummer 1712.

Wat je best niet doet:

- Zeg niet: "Waarom ga je niet gewoon weg?" Weggaan is vaak moeilijk. Soms is het ook gevaarlijk.
- Spreek de partner niet zelf aan.
- Beslis niet in de plaats van de ander.)";
  p.talk =
      R"(Praat als je samen alleen bent. Niet als de partner erbij is. En niet via een gsm die de partner kan lezen.

Je kunt zo beginnen:

- "Ik zag dat je gisteren schrok. Is alles goed thuis?"
- "Je bent niet meer dezelfde. Ik maak me zorgen."

Gaat het over jezelf? Vertel het aan iemand die je vertrouwt. Of bel 1712. Zij luisteren en zoeken samen met jou naar wat kan.)";
  p.where_to_go = std::string(where_to_go_common) +
                  "\n- Wil je even weg van thuis? Het CAW helpt je een veilige plek te zoeken.";
  return p;
}

HelpPage child_page() {
  HelpPage p;
  p.slug = "kindermishandeling";
  p.theme = "child_abuse";
  p.position = 3;
  p.title = "Kindermishandeling";
  p.summary =
      "Maak je je zorgen over een kind? Over je eigen kind, een kleinkind of een buurkind? "
      "Hier lees je wat je kunt doen.";
  p.what_is_it =
      R"(Kindermishandeling is als een kind geweld meemaakt van een volwassene. Of als een kind niet krijgt wat het nodig heeft. Het gebeurt vaak thuis.

Het kan gaan om:

- slaan, schudden of pijn doen,
- uitschelden, kleineren of bang maken,
- geen eten, geen zorg of geen aandacht,
- seksueel misbruik,
- een kind dat ziet hoe zijn ouders elkaar pijn doen.)";
  p.recognise = R"(Een kind vertelt het niet altijd. Let op dit soort dingen:

- blauwe plekken of wonden op vreemde plaatsen,
- een kind dat bang is om naar huis te gaan,
- een kind dat plots heel stil of heel boos is,
- een kind dat vaak honger heeft of vuile kleren draagt,
- een kind dat vaak huilt of roepen hoort bij de buren.

Maak je je zorgen over je buurkind? Of over een kind in de klas of de sportclub? Je twijfel is genoeg om raad te vragen.)";
  p.react = R"(Wat je best doet:

- Blijf rustig en vriendelijk.
- Luister naar het kind. Geloof wat het zegt.
- Zeg dat het goed is dat het kind praat.
- Zeg dat het niet de schuld van het kind is.
- Schrijf op wat je zag of hoorde, met de datum.
- Bel 1712 voor raad.

Wat je best niet doet:

- Stel niet veel vragen na elkaar.
- Beloof niet dat je niets doorvertelt.
- Spreek de ouders niet zelf aan als je denkt dat het kind dan gevaar loopt.)";
  p.talk =
      R"(Praat met een kind op een rustige plek. Zit op dezelfde hoogte. Gebruik gewone woorden.

Je kunt zo beginnen:

- "Ik zie dat je verdrietig bent. Wil je me vertellen wat er is?"
- "Je mag altijd bij mij komen als er iets is."

Zeg eerlijk wat je zult doen. Bijvoorbeeld: "Ik ga hulp vragen aan iemand die kinderen helpt.")";
  p.where_to_go = std::string(where_to_go_common) +
                  "\n- Het Vertrouwenscentrum Kindermishandeling helpt als je je zorgen maakt "
                  "over een kind. 1712 kan je doorverwijzen.";
  return p;
}

HelpPage elder_page() {
  HelpPage p;
  p.slug = "ouderenmishandeling";
  p.theme = "elder_abuse";
  p.position = 4;
  p.title = "Geweld tegen ouderen";
  p.summary =
      "Wordt een oudere slecht behandeld? Door familie, een buur of iemand die zorgt? Dat is "
      "ouderenmishandeling. Er is hulp.";
  p.what_is_it =
      R"(Ouderenmis(be)handeling is als een oudere pijn krijgt of tekort komt. Door iemand die de oudere vertrouwt. Vaak is dat familie of iemand die zorgt.

Het kan gaan om:

- slaan, duwen of hard vastpakken,
- uitschelden of bang maken,
- geld of spullen afnemen,
- niet genoeg eten, zorg of hulp geven,
- iemand opsluiten of alleen laten.

Soms is de zorg gewoon te zwaar voor wie zorgt. Ook dan is hulp nodig.)";
  p.recognise = R"(Let op dit soort dingen:

- De oudere heeft wonden of blauwe plekken.
- De oudere is bang of erg stil bij een bepaalde persoon.
- Er is plots geen geld meer voor gewone dingen.
- De oudere ziet er vuil of ondervoed uit.
- De oudere mag geen bezoek meer krijgen.)";
  p.react = R"(Wat je best doet:

- Neem de tijd en luister.
- Geloof wat de oudere zegt.
- Vraag wat de oudere zelf wil.
- Denk ook aan wie zorgt. Is die moe of overbelast?
- Bel 1712 voor raad.

Wat je best niet doet:

- Praat niet over de oudere heen.
- Beslis niet alles in haar of zijn plaats.
- Spreek wie zorgt niet boos aan.)";
  p.talk = R"(Praat als de oudere alleen is. Neem de tijd. Praat rustig en duidelijk.

Je kunt zo beginnen:

- "Hoe gaat het nu echt met je?"
- "Ik merk dat je stil bent als je zoon er is. Wil je daarover praten?"

Zie je dat wie zorgt het niet meer aankan? Vraag dan ook hoe het met die persoon gaat.)";
  p.where_to_go =
      std::string(where_to_go_common) + "\n- Ook de huisarts, de thuiszorg of het OCMW kan helpen.";
  return p;
}

}  // namespace

std::vector<HelpPage> demo_help_pages() {
  return {general_page(), partner_page(), child_page(), elder_page()};
}

void load_help_page_demo(soci::session& sql, const Clock& clock) {
  const std::int64_t now = clock.now();
  const auto coordinator = accounts::Roles::find_by_email(sql, "coordinator@demo.schakel.be", now);
  const std::optional<std::int64_t> author =
      coordinator ? std::optional<std::int64_t>(coordinator->user.id) : std::nullopt;
  for (auto page : demo_help_pages()) {
    page.is_demo = true;
    auto created = HelpPageService::create(sql, page, author, "Demo Coördinator (Gent)", now);
    if (!created)
      throw std::logic_error("demo help page " + page.slug + ": " +
                             created.error().fields.front().message);
  }
}

}  // namespace schakel::citizens
