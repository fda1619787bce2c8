// Demo resources: what DESIGN.md section 1 says the inter-city platform made,
// described from that text only (no invented facts about real organisations),
// plus clearly marked demo entries so that the kennisbank has something to show.
#include "accounts/roles.hpp"
#include "app/app.hpp"
#include "catalog/attachments.hpp"
#include "catalog/catalog.hpp"
#include "catalog/initiative.hpp"
#include "catalog/store.hpp"

namespace schakel::catalog {

namespace {

// A one-page PDF that says it is demo content, with a correct cross-reference table.
std::string demo_pdf() {
  const std::string text = "BT /F1 18 Tf 72 720 Td (Demo-bijlage van Schakel) Tj ET";
  std::vector<std::string> objects = {
      "<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font "
      "<< /F1 5 0 R >> >> >>",
      "<< /Length " + std::to_string(text.size()) + " >>\nstream\n" + text + "\nendstream",
      "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"};
  std::string pdf = "%PDF-1.4\n";
  std::vector<std::size_t> offsets;
  for (std::size_t i = 0; i < objects.size(); ++i) {
    offsets.push_back(pdf.size());
    pdf += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
  }
  const std::size_t xref = pdf.size();
  pdf += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
  for (auto offset : offsets) {
    std::string number = std::to_string(offset);
    pdf += std::string(10 - number.size(), '0') + number + " 00000 n \n";
  }
  pdf += "trailer\n<< /Size " + std::to_string(objects.size() + 1) +
         " /Root 1 0 R >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
  return pdf;
}

struct Demo {
  const char* slug;
  const char* kind;
  const char* title;
  const char* summary;
  const char* body;
  const char* scope;
  const char* owner;
  std::vector<std::string> themes;
  std::vector<std::string> tracks;
  std::vector<std::string> audiences;
  std::vector<std::string> age_groups;
};

// Long because: it is the table of demo resources, one entry each.
const std::vector<Demo>& demos() {
  static const std::vector<Demo> list = {
      {"barst",
       "tool",
       "Barst?! met IFG-module",
       "Een serious game voor leerlingen van het secundair onderwijs over omgaan met conflict, met "
       "een module over "
       "intrafamiliaal geweld.",
       "Barst?! is een serious game voor het **secundair onderwijs** over omgaan met conflict. Het "
       "spel wordt altijd in "
       "de klas nabesproken.\n\nHet intergemeentelijke platform voegde er een module over "
       "intrafamiliaal geweld aan "
       "toe, met een vorming en een educatief pakket, zodat andere gemeenten het spel kunnen "
       "inzetten.",
       "flemish",
       "",
       {"child_abuse", "partner_violence"},
       {"prevention"},
       {"teachers", "youth_workers"},
       {"secondary_school"}},
      {"babobox",
       "tool",
       "Babobox",
       "Een tool om met kinderen uit de lagere school te praten over conflict en geweld.",
       "De Babobox helpt leerkrachten en begeleiders om met **kinderen van de lagere school** te "
       "praten over conflict "
       "en geweld. Het platform organiseerde er een vormingsreeks over.",
       "flemish",
       "",
       {"conflict_talk_children", "child_abuse"},
       {"prevention"},
       {"teachers"},
       {"primary_school"}},
      {"postkaartjes",
       "campaign_material",
       "Postkaartjes voor burgers",
       "Postkaartjes over partnergeweld, kindermishandeling en ouderenmis(be)handeling met tips om "
       "te reageren en de "
       "weg naar 1712.",
       "Drie postkaartjes voor burgers: over **partnergeweld**, **kindermishandeling** en "
       "**ouderenmis(be)handeling**. Ze geven tips om te reageren op (een vermoeden van) geweld en "
       "verwijzen naar "
       "1712, de Vlaamse hulplijn. De kaartjes werden twee keer verdeeld.",
       "flemish",
       "",
       {"partner_violence", "child_abuse", "elder_abuse"},
       {"prevention"},
       {"citizens"},
       {"adults"}},
      {"podcast-drie-sporen",
       "podcast_episode",
       "Podcast: drie sporen, één aanpak",
       "Eerstelijnswerkers uit nabijheid, zorg en grenzen vertellen over hun werk rond "
       "intrafamiliaal geweld.",
       "Een podcast die eerstelijnswerkers van de drie sporen aan het woord laat: **nabijheid** "
       "(preventie), **zorg** "
       "en **grenzen** (handhaving).",
       "flemish",
       "",
       {"partner_violence"},
       {"prevention", "care", "enforcement"},
       {"social_workers", "police"},
       {"adults"}},
      {"beleidsaanbevelingen",
       "document",
       "Beleidsaanbevelingen van het intergemeentelijk platform",
       "Vier aanbevelingen: een IFG-coördinator, structurele personeelsinzet, minder versnippering "
       "en een "
       "laagdrempelig deelplatform.",
       "Het platform deed deze aanbevelingen:\n\n- een (nationale) **IFG-coördinator** die "
       "initiatieven uit alle "
       "beleidsdomeinen en -niveaus verbindt;\n- **structurele personeelsinzet** in lokale "
       "besturen;\n- **minder "
       "versnippering** van subsidies en projecten, en gemeten impact van interventies;\n- een "
       "**laagdrempelig "
       "deelplatform** waar elke professional tools, vormingstrajecten en nieuwe initiatieven "
       "vindt.",
       "flemish",
       "",
       {"partner_violence", "child_abuse"},
       {"prevention", "care", "enforcement"},
       {"local_government"},
       {"adults"}},
      {"vormingsreeksen-ifg",
       "training_offer",
       "Zes vormingsreeksen over intrafamiliaal geweld",
       "Kindermishandeling, partnergeweld, eigen referentiekader, ouderenmis(be)handeling, geweld "
       "tussen broers en "
       "zussen en de Babobox.",
       "Het platform organiseerde zes vormingsreeksen voor eerstelijnswerkers. Elke reeks "
       "combineerde algemene "
       "kennis, verdieping, intervisie en terugkommomenten, fysiek en online; in het tweede jaar "
       "ook webinars, "
       "sommige heel kort (3 x 20 minuten). Deelnemers gaven aan minder handelingsverlegenheid te "
       "voelen.",
       "flemish",
       "",
       {"child_abuse", "partner_violence", "frames_of_reference", "elder_abuse", "sibling_violence",
        "conflict_talk_children"},
       {"prevention", "care"},
       {"teachers", "social_workers", "nurses"},
       {"adults"}},
      {"demo-gent-buurtaanpak",
       "initiative",
       "Demo: buurtaanpak ouderenmis(be)handeling in Gent",
       "Demo-fiche. Een lokaal voorbeeld van hoe een buurtteam signalen van "
       "ouderenmis(be)handeling opvangt.",
       "*Dit is demo-inhoud.* Een buurtteam leert signalen van ouderenmis(be)handeling herkennen "
       "en weet naar wie "
       "het kan doorverwijzen.",
       "local",
       "44021",
       {"elder_abuse"},
       {"prevention", "care"},
       {"social_workers", "nurses"},
       {"older_people"}},
      {"demo-aalst-schoolprotocol",
       "tool",
       "Demo: schoolprotocol bij een vermoeden van kindermishandeling",
       "Demo-fiche. Een stappenplan voor scholen: wie doet wat bij een vermoeden van "
       "kindermishandeling.",
       "*Dit is demo-inhoud.* Een stappenplan dat scholen helpt om bij een vermoeden van "
       "kindermishandeling rustig "
       "en zorgvuldig te handelen.",
       "local",
       "41002",
       {"child_abuse"},
       {"prevention", "care"},
       {"teachers"},
       {"primary_school", "secondary_school"}},
  };
  return list;
}

}  // namespace

void load_demo(soci::session& sql, const Clock& clock) {
  const std::int64_t now = clock.now();
  // The demo coordinator is accounts' demo content (loaded earlier), read through its store.
  const auto coordinator = accounts::Roles::find_by_email(sql, "coordinator@demo.schakel.be", now);
  const std::optional<std::int64_t> author =
      coordinator ? std::optional<std::int64_t>(coordinator->user.id) : std::nullopt;
  for (const auto& d : demos()) {
    Resource r;
    r.slug = d.slug;
    r.kind = d.kind;
    r.title = d.title;
    r.summary = d.summary;
    r.body = d.body;
    r.scope = d.scope;
    r.owner_nis_code = d.owner;
    r.themes = d.themes;
    r.tracks = d.tracks;
    r.audiences = d.audiences;
    r.age_groups = d.age_groups;
    r.status = "published";
    r.published_at = now;
    r.created_by = author;
    add_demo_policy(r, date_of(now));
    if (r.slug == "podcast-drie-sporen") {
      r.duration = "38:20";
      r.guests_prevention = "Een jeugdwerker (demo)";
      r.guests_care = "Een hulpverlener van het CAW (demo)";
      r.guests_enforcement = "Een wijkinspecteur (demo)";
    }
    r.id = CatalogStore::insert(sql, r, now);
    CatalogStore::add_revision(sql, r, author, "Demo Coördinator (Gent)", now);
    if (r.slug == "beleidsaanbevelingen") {
      const std::string pdf = demo_pdf();
      AttachmentStore::add(sql, r.id, pdf, *files::sniff(pdf),
                           "beleidsaanbevelingen-samenvatting.pdf", "Samenvatting (demo)", author,
                           now);
    }
    if (r.slug == "demo-aalst-schoolprotocol") {
      const std::string pdf = demo_pdf();
      AttachmentStore::add(sql, r.id, pdf, *files::sniff(pdf), "schoolprotocol-stappenplan.pdf",
                           "Stappenplan (demo)", author, now);
    }
  }
  load_initiative_demo(sql, clock, author);
}

}  // namespace schakel::catalog
