#include "network/meetings/demo.hpp"

#include "network/meetings/people.hpp"
#include "network/meetings/store.hpp"

namespace schakel::meetings {

namespace {

constexpr std::int64_t day = 24 * 3600;

std::int64_t id_of(soci::session& sql, const char* email, std::int64_t now) {
  auto p = person_by_email(sql, email, now);
  return p ? p->id : 0;
}

AgendaItem item(std::int64_t meeting, const char* title, const char* owner, int minutes,
                const char* status, int position, std::int64_t now) {
  AgendaItem i;
  i.meeting_id = meeting;
  i.title = title;
  i.owner_name = owner;
  i.minutes_planned = minutes;
  i.status = status;
  i.position = position;
  i.created_at = now;
  return i;
}

}  // namespace

// Long because: two meetings told as one story, each with its agenda, minutes and points.
void load_demo(soci::session& sql, const Clock& clock) {
  const auto now = clock.now();
  const auto coordinator = id_of(sql, "coordinator@demo.schakel.be", now);
  const auto gent = id_of(sql, "spoc.gent@demo.schakel.be", now);
  const auto aalst = id_of(sql, "spoc.aalst@demo.schakel.be", now);
  if (coordinator == 0) return;
  // Whole hours, so the demo reads naturally: 09:30 to 12:00 of a day 30 days ago.
  const auto past_day = now - 30 * day - now % day + 8 * 3600 + 1800;
  Meeting past;
  past.title = "[Demo] Netwerkoverleg najaar";
  past.starts_at = past_day;
  past.ends_at = past_day + 150 * 60;
  past.format = "hybrid";
  past.address = "Stadhuis Gent, Botermarkt 1, 9000 Gent";
  past.online_url = "https://vergaderen.example.org/netwerkoverleg";
  past.proposals_until = past_day - 7 * day;
  past.nis_codes = {"41002", "44021"};
  past.people = {coordinator};
  past.created_at = past.updated_at = past_day - 21 * day;
  past.id = MeetingStore::insert(sql, past, coordinator, true, past.created_at);
  AgendaItem first = item(past.id, "Terugblik op de postkaartencampagne", "Coördinator", 30,
                          "accepted", 1, past.created_at);
  first.minutes_md =
      "De gemeenten verdeelden samen **meer dan 4.000 kaarten**. Aalst vraagt een versie "
      "voor wachtzalen van huisartsen.\n\n- Scans lagen het hoogst in de eerste week\n- "
      "Apothekers willen meedoen";
  MeetingStore::insert_item(sql, first);
  AgendaItem second = item(past.id, "Vorming ouderenmishandeling voor thuiszorg", "SPOC Aalst", 45,
                           "accepted", 2, past.created_at);
  second.minutes_md = "Er is vraag naar een vorming voor thuiszorgdiensten in het voorjaar.";
  MeetingStore::insert_item(sql, second);
  MeetingStore::insert_decision(
      sql, Decision{0, past.id,
                    "De campagne loopt volgend jaar verder met een versie voor "
                    "huisartsen.",
                    past_day});
  ActionPoint p1;  // overdue: shows on the coordinator's dashboard
  p1.meeting_id = past.id;
  p1.text = "Vraag bij de huisartsenkring na of zij kaarten willen verdelen";
  p1.owner_id = aalst != 0 ? aalst : coordinator;
  p1.due_on = format_date_input(now - 3 * day);
  p1.created_at = past_day;
  MeetingStore::insert_action_point(sql, p1);
  ActionPoint p2{0,
                 past.id,
                 "Zoek een trainer voor de vorming ouderenmishandeling",
                 coordinator,
                 format_date_input(now + 20 * day),
                 false,
                 std::nullopt,
                 past_day,
                 ""};
  MeetingStore::insert_action_point(sql, p2);
  std::vector<Attendee> came = {{coordinator, ""}};
  if (gent) came.push_back({gent, "44021"});
  if (aalst) came.push_back({aalst, "41002"});
  MeetingStore::replace_attendance(sql, past.id, came);

  const auto next_day = now + 10 * day - now % day + 12 * 3600;
  Meeting next;
  next.title = "[Demo] Netwerkoverleg winter";
  next.starts_at = next_day;
  next.ends_at = next_day + 120 * 60;
  next.format = "online";
  next.online_url = "https://vergaderen.example.org/winteroverleg";
  next.proposals_until = next_day - 3 * day;
  next.nis_codes = {"41002", "44021"};
  next.people = {coordinator};
  next.created_at = next.updated_at = now - day;
  next.id = MeetingStore::insert(sql, next, coordinator, true, next.created_at);
  MeetingStore::insert_item(sql, item(next.id, "Stand van de acties van het netwerk", "Coördinator",
                                      30, "accepted", 1, next.created_at));
  AgendaItem proposal = item(next.id, "Signalen over partnergeweld bij jongeren", "SPOC Gent", 20,
                             "proposed", 0, now);
  if (gent) proposal.proposed_by = gent;
  MeetingStore::insert_item(sql, proposal);
}

}  // namespace schakel::meetings
