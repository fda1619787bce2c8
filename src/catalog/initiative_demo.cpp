// Demo initiatives and funding calls (issue 14), clearly marked as demo: a
// Flemish initiative, the policy fields of the Gent initiative, and three
// funding calls (one closing within 30 days, one later, one closed), dated from
// the demo's clock so the overview always has something to show.
#include "catalog/initiative.hpp"
#include "catalog/store.hpp"

namespace schakel::catalog {

namespace {

struct DemoPolicy {
  const char* slug;
  const char* kind;
  const char* title;
  const char* summary;
  const char* level;
  std::vector<std::string> domains;
  std::vector<std::string> themes;
  int deadline_in_days;  // funding calls
  const char* visibility;
};

const std::vector<DemoPolicy>& demo_policies() {
  static const std::vector<DemoPolicy> list = {
      {"demo-vlaams-netwerk-ouderen",
       "initiative",
       "Demo: Vlaams lerend netwerk rond ouderenmis(be)handeling",
       "Demo-fiche. Een lerend netwerk waarin gemeenten ervaringen uitwisselen over signalen van "
       "ouderenmis(be)handeling.",
       "flemish",
       {"welfare", "health"},
       {"elder_abuse"},
       0,
       "public"},
      {"demo-oproep-preventie-scholen",
       "funding_call",
       "Demo: projectoproep preventie van geweld op school",
       "Demo-fiche. Scholen en gemeenten vragen samen projectgeld aan voor preventie van geweld "
       "in het gezin.",
       "flemish",
       {"education", "youth"},
       {"child_abuse", "conflict_talk_children"},
       12,
       "public"},
      {"demo-oproep-europees-partnergeweld",
       "funding_call",
       "Demo: Europese oproep samenwerking tegen partnergeweld",
       "Demo-fiche. Een Europese oproep voor samenwerking tussen politie, justitie en "
       "hulpverlening rond partnergeweld.",
       "european",
       {"justice", "police", "welfare"},
       {"partner_violence"},
       75,
       "public"},
      {"demo-oproep-provincie-afgesloten",
       "funding_call",
       "Demo: provinciale oproep buurtwerk (afgesloten)",
       "Demo-fiche. Een provinciale oproep voor buurtwerk rond geweld in het gezin; de deadline "
       "is voorbij.",
       "provincial",
       {"welfare", "housing"},
       {"partner_violence"},
       -5,
       "professionals"},
  };
  return list;
}

}  // namespace

void add_demo_policy(Resource& r, const std::string& today) {
  if (r.kind != "initiative") return;
  r.policy_level = "local";
  r.policy_domains = {"welfare", "health"};
  r.running_from = add_days(today, -400);
  r.running_until = add_days(today, 330);
}

void load_initiative_demo(soci::session& sql, const Clock& clock,
                          std::optional<std::int64_t> author) {
  const std::int64_t now = clock.now();
  const std::string today = date_of(now);
  for (const auto& d : demo_policies()) {
    Resource r;
    r.slug = d.slug;
    r.kind = d.kind;
    r.title = d.title;
    r.summary = d.summary;
    r.body = "*Dit is demo-inhoud.* " + std::string(d.summary);
    r.scope = "flemish";
    r.visibility = d.visibility;
    r.policy_level = d.level;
    r.policy_domains = d.domains;
    r.themes = d.themes;
    if (r.kind == "funding_call")
      r.deadline = add_days(today, d.deadline_in_days);
    else
      r.running_from = add_days(today, -200);
    r.status = "published";
    r.published_at = now;
    r.created_by = author;
    r.id = CatalogStore::insert(sql, r, now);
    CatalogStore::add_revision(sql, r, author, "Demo Coördinator (Gent)", now);
  }
}

}  // namespace schakel::catalog
