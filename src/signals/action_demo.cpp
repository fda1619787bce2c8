// The demo actions (DemoLoader "actions", order 70): the story of DESIGN.md
// section 1, answering the demo needs of the records part (found by their
// agreed titles) with the demo training series on elder abuse, the three
// postcard campaigns and a demo kennisbank resource.
#include "app/app.hpp"
#include "catalog/resource_refs.hpp"
#include "signals/action_pages.hpp"
#include "signals/action_rules.hpp"
#include "signals/action_store.hpp"
#include "store/changes.hpp"
#include "trainings/series_refs.hpp"

namespace schakel::signals {

namespace {

struct DemoContext {
  soci::session& sql;
  std::int64_t now;
  std::vector<Need> needs;
  std::vector<ActionStatus> statuses;

  std::string day(int offset) const { return format_date_input(now + offset * 86400LL); }
  std::int64_t status(const std::string& label) const {
    for (const auto& s : statuses)
      if (s.label == label) return s.id;
    return statuses.empty() ? 0 : statuses.front().id;
  }
  std::vector<std::int64_t> need(const std::string& title) const {
    for (const auto& n : needs)
      if (n.title == title) return {n.id};
    return {};  // the records part's demo is not loaded
  }
  std::int64_t add(Action a, const std::vector<Milestone>& milestones = {},
                   const std::vector<Output>& outputs = {},
                   const std::vector<Indicator>& indicators = {}) {
    a.id = ActionStore::insert(sql, a, true, now);
    log_action(sql, std::nullopt, a.id, now, "created", "Actie aangemaakt: " + a.title);
    for (const auto& m : milestones) {
      ActionStore::add_milestone(sql, a.id, m);
      if (m.done_on)
        log_action(sql, std::nullopt, a.id, now, "milestone", "Mijlpaal bereikt: " + m.title);
    }
    for (const auto& o : outputs) {
      ActionStore::add_output(sql, a.id, o);
      log_action(sql, std::nullopt, a.id, now, "output",
                 "Output toegevoegd: " + output_kind_label(o.kind) + " " + o.label);
    }
    for (const auto& i : indicators) ActionStore::add_indicator(sql, a.id, i);
    store::record_change(sql, "action", std::to_string(a.id), "created", now);
    return a.id;
  }
};

Action action(const std::string& title, const std::string& description, int goal) {
  Action a;
  a.title = title;
  a.description = "Demo: " + description;
  a.goal_numbers = {goal};
  return a;
}

// Long because: four actions and two parts, each told in full.
void load(soci::session& sql, const Clock& clock) {
  DemoContext c{sql, clock.now(), ActionStore::needs(sql), ActionStatusStore::all(sql)};
  Action a1 = action("Vormingsreeks ouderenmis(be)handeling",
                     "een vormingsreeks voor thuiszorg, woonzorgcentra en "
                     "mantelzorgondersteuners om ouderenmis(be)handeling te herkennen.",
                     2);
  a1.owner_kind = "municipality";
  a1.owner_nis_code = "44021";
  a1.starts_on = c.day(-60);
  a1.ends_on = c.day(120);
  a1.status_id = c.status("Loopt");
  a1.is_public = true;
  a1.need_ids = c.need("Eerstelijnswerkers herkennen ouderenmis(be)handeling niet");
  std::vector<Output> a1_outputs;
  if (auto s = trainings::series_ref_by_slug(sql, "ouderenmishandeling-demo"))
    a1_outputs.push_back(Output{0, "series", std::to_string(s->id), s->title});
  c.add(a1,
        {{0, "Eerste sessie gegeven", c.day(-40), c.day(-40)},
         {0, "Laatste sessie en evaluatie", c.day(30), std::nullopt}},
        a1_outputs, {{0, "bereikte deelnemers", 84, 150, "deelnemers"}});

  Action a2 = action("Postkaartencampagne 1712",
                     "postkaarten over partnergeweld, kindermishandeling en "
                     "ouderenmis(be)handeling die de weg naar 1712 tonen.",
                     3);
  a2.owner_kind = "partner";
  a2.owner_partner = "Netwerk intrafamiliaal geweld (demo)";
  a2.starts_on = c.day(-30);
  a2.ends_on = c.day(180);
  a2.status_id = c.status("Loopt");
  a2.is_public = true;
  a2.need_ids = c.need("Burgers kennen de weg naar hulp niet");
  const std::int64_t a2_id =
      c.add(a2, {{0, "Kaarten gedrukt", c.day(-25), c.day(-25)}},
            {{0, "campaign", "partner_violence", "Postkaarten partnergeweld"},
             {0, "campaign", "child_abuse", "Postkaarten kindermishandeling"},
             {0, "campaign", "elder_abuse", "Postkaarten ouderenmis(be)handeling"}},
            {{0, "verdeelde postkaarten", 3200, 10000, "postkaarten"}});
  Action part_a = action("Postkaartencampagne 1712: apotheken en huisartsen",
                         "kaarten in apotheken en huisartsenpraktijken.", 3);
  part_a.parent_id = a2_id;
  part_a.owner_kind = "municipality";
  part_a.owner_nis_code = "44021";
  part_a.starts_on = c.day(-30);
  part_a.ends_on = c.day(90);
  part_a.status_id = c.status("Bijna klaar");
  c.add(part_a);
  Action part_b = action("Postkaartencampagne 1712: scholen en bibliotheken",
                         "kaarten in scholen en bibliotheken.", 3);
  part_b.parent_id = a2_id;
  part_b.owner_kind = "municipality";
  part_b.owner_nis_code = "41002";
  part_b.starts_on = c.day(-10);
  part_b.ends_on = c.day(180);
  part_b.status_id = c.status("In voorbereiding");
  c.add(part_b);

  Action a3 = action("Gespreksleidraad voor leerkrachten",
                     "een leidraad die leerkrachten helpt een gesprek over de thuissituatie "
                     "te beginnen.",
                     1);
  a3.owner_kind = "municipality";
  a3.owner_nis_code = "44021";
  a3.starts_on = c.day(-200);
  a3.ends_on = c.day(-10);
  a3.status_id = c.status("Loopt");
  a3.progress = 60;
  a3.need_ids = c.need("Leerkrachten weten niet hoe ze een gesprek over de thuissituatie starten");
  std::vector<Output> a3_outputs;
  if (auto r = catalog::resource_ref_by_slug(sql, "demo-aalst-schoolprotocol"))
    a3_outputs.push_back(Output{0, "resource", std::to_string(r->id), r->title});
  c.add(a3,
        {{0, "Eerste versie van de leidraad", c.day(-120), c.day(-115)},
         {0, "Leidraad getest in twee scholen", c.day(-20), std::nullopt}},
        a3_outputs);

  Action a4 = action("Intervisie voor SPOC's",
                     "SPOC's van de gemeenten leren van elkaar in intervisie.", 1);
  a4.owner_kind = "partner";
  a4.owner_partner = "Netwerkcoördinatie (demo)";
  a4.starts_on = c.day(-90);
  a4.ends_on = c.day(270);
  a4.status_id = c.status("Loopt");
  c.add(a4, {{0, "Derde intervisie", c.day(20), std::nullopt}});
}

}  // namespace

void install_action_demo(App& app) {
  app.add_demo_loader(DemoLoader{"actions", 70, load, &ActionStore::delete_demo});
}

}  // namespace schakel::signals
