#include "signals/need_service.hpp"

#include <algorithm>

#include "core/text.hpp"
#include "reference/municipalities.hpp"
#include "signals/need_store.hpp"
#include "signals/records_rules.hpp"
#include "signals/signal_store.hpp"
#include "signals/timeline_store.hpp"
#include "store/changes.hpp"
#include "store/rate_limits.hpp"

namespace schakel::signals {

namespace {

const store::RateRule new_needs_rule{needs_per_hour, 3600};

std::string lower_first(std::string s) {
  if (!s.empty() && s[0] >= 'A' && s[0] <= 'Z') s[0] = static_cast<char>(s[0] - 'A' + 'a');
  return s;
}

// Appends one timeline entry of need `id`. Requires: inside the change's transaction.
void tell(soci::session& sql, std::int64_t id, const std::optional<web::Principal>& user,
          std::int64_t now, const std::string& event, const std::string& summary) {
  std::optional<std::int64_t> actor;
  if (user) actor = user->id;
  TimelineStore::append(sql, TimelineEntry{0, "need", id, now, actor, event, summary});
}

// "#12 uit Gent (3 maart 2026)": how a summary names a signal, without its text.
std::string signal_label(soci::session& sql, const Signal& s) {
  const auto& names = reference::municipality_names(sql);
  auto it = names.find(s.nis_code);
  return "#" + std::to_string(s.id) + " uit " + (it == names.end() ? s.nis_code : it->second) +
         " (" + date_label(s.observed_on) + ")";
}

// The names of the fields that differ between `a` and `b`, in Dutch, joined.
std::string changed_fields(const Need& a, const Need& b) {
  std::vector<std::string> names;
  if (a.title != b.title) names.emplace_back("titel");
  if (a.description != b.description) names.emplace_back("beschrijving");
  if (a.kind != b.kind) names.emplace_back("soort");
  if (a.nis_code != b.nis_code) names.emplace_back("gemeente");
  if (a.themes != b.themes) names.emplace_back("thema's");
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
  return out;
}

}  // namespace

std::string status_change_summary(const std::string& from, const std::string& to) {
  return "Status gewijzigd: " + lower_first(label_of(need_statuses(), from)) + " → " +
         lower_first(label_of(need_statuses(), to));
}

Result<NeedList> NeedService::list(const std::optional<web::Principal>& user, NeedFilter filter) {
  if (!may_see_records(user)) return Error::of(Failure::forbidden);
  if (filter.gemeente.empty()) filter.gemeente = "alle";
  if (filter.status.empty()) filter.status = "openstaand";
  NeedQuery q;
  if (filter.gemeente == "bovenlokaal") {
    q.scope = "supra";
  } else if (filter.gemeente != "alle") {
    if (!reference::is_municipality(db_, filter.gemeente))
      return Error::invalid("gemeente", "Deze gemeente bestaat niet.");
    q.scope = "municipality";
    q.nis_code = filter.gemeente;
  }
  if (!filter.thema.empty()) {
    if (!is_choice(theme_choices(db_), filter.thema))
      return Error::invalid("thema", "Dit thema bestaat niet.");
    q.theme = filter.thema;
  }
  if (filter.status == "openstaand")
    q.status = "outstanding";
  else if (filter.status == "alle")
    q.status = "all";
  else if (is_choice(need_statuses(), filter.status))
    q.status = filter.status;
  else
    return Error::invalid("status", "Kies een status uit de lijst.");
  NeedList out;
  out.filter = filter;
  db_.run([&](soci::session& sql) {
    out.needs = NeedStore::list(sql, q, need_list_max);
    out.count = NeedStore::count(sql, q);
  });
  return out;
}

Result<Need> NeedService::get(const std::optional<web::Principal>& user, std::int64_t id) {
  if (!may_see_records(user)) return Error::of(Failure::forbidden);
  auto found = db_.run([&](soci::session& sql) { return NeedStore::find(sql, id); });
  if (!found) return Error::of(Failure::not_found, "Deze nood bestaat niet (meer).");
  return *found;
}

bool NeedService::may_edit(const std::optional<web::Principal>& user, const Need& n) {
  return may_write_for(user, n.nis_code.value_or(""));
}

Result<NeedStory> NeedService::story(const std::optional<web::Principal>& user, std::int64_t id) {
  auto need = get(user, id);
  if (!need) return need.error();
  NeedStory story;
  story.need = need.value();
  const auto viewer = viewer_of(user);
  db_.run([&](soci::session& sql) {
    for (const auto sid : story.need.signal_ids)
      if (auto s = SignalStore::find(sql, sid, viewer)) story.signals.push_back(*s);
    story.actions = NeedStore::answering_actions(sql, id);
    std::vector<std::int64_t> action_ids;
    for (const auto& a : story.actions) action_ids.push_back(a.first);
    for (const auto& e : TimelineStore::entries(sql, "need", id))
      story.lines.push_back({e.at, "need", id, e.summary});
    for (const auto& e : TimelineStore::entries(sql, "action", action_ids))
      story.lines.push_back({e.at, "action", e.subject_id, e.summary});
    for (const auto& s : story.signals) {
      auto at = brussels_to_utc(s.observed_on, "00:00");
      story.lines.push_back({at.value_or(s.created_at), "signal", s.id,
                             "Signaal opgevangen: " + signal_label(sql, s)});
    }
  });
  std::stable_sort(story.lines.begin(), story.lines.end(),
                   [](const StoryLine& a, const StoryLine& b) { return a.at < b.at; });
  return story;
}

FieldErrors NeedService::checked(const std::optional<web::Principal>& user, Need& n) {
  n.title = trim(n.title);
  n.description = trim(n.description);
  n.status_reason = trim(n.status_reason);
  if (n.nis_code) *n.nis_code = trim(*n.nis_code);
  FieldErrors errors;
  check_text(errors, "title", n.title, short_text_max, "Geef de nood een korte titel.");
  check_text(errors, "description", n.description, description_max);
  if (!is_choice(need_kinds(), n.kind))
    errors.push_back({"kind", "Kies of het een nood of een hiaat in het aanbod is."});
  if (n.nis_code && !reference::is_municipality(db_, *n.nis_code))
    errors.push_back({"nis_code", "Deze gemeente bestaat niet."});
  check_themes(db_, errors, n.themes);
  if (!is_choice(need_statuses(), n.status))
    errors.push_back({"status", "Kies een status uit de lijst."});
  if (n.status == "not_addressed")
    check_text(errors, "status_reason", n.status_reason, reason_max,
               "Zeg waarom deze nood niet aangepakt wordt.");
  else
    check_text(errors, "status_reason", n.status_reason, reason_max);
  std::sort(n.signal_ids.begin(), n.signal_ids.end());
  n.signal_ids.erase(std::unique(n.signal_ids.begin(), n.signal_ids.end()), n.signal_ids.end());
  if (n.signal_ids.size() > signals_per_need_max) {
    errors.push_back({"signals", "Groepeer hoogstens " + std::to_string(signals_per_need_max) +
                                     " signalen in een nood."});
  } else {
    const auto viewer = viewer_of(user);
    const bool all_seen = db_.run([&](soci::session& sql) {
      for (const auto sid : n.signal_ids)
        if (!SignalStore::find(sql, sid, viewer)) return false;
      return true;
    });
    if (!all_seen)
      errors.push_back({"signals", "Een van de signalen bestaat niet of je mag het niet zien."});
  }
  return errors;
}

Result<Need> NeedService::draft(const std::optional<web::Principal>& user,
                                const std::vector<std::int64_t>& signal_ids) {
  if (!may_see_records(user)) return Error::of(Failure::forbidden);
  Need n;
  n.signal_ids = signal_ids;
  std::sort(n.signal_ids.begin(), n.signal_ids.end());
  n.signal_ids.erase(std::unique(n.signal_ids.begin(), n.signal_ids.end()), n.signal_ids.end());
  if (n.signal_ids.size() > signals_per_need_max)
    return Error::invalid(
        "signals", "Groepeer hoogstens " + std::to_string(signals_per_need_max) + " signalen.");
  std::vector<std::string> municipalities;
  const auto viewer = viewer_of(user);
  bool all_seen = true;
  db_.run([&](soci::session& sql) {
    for (const auto sid : n.signal_ids) {
      auto s = SignalStore::find(sql, sid, viewer);
      if (!s) {
        all_seen = false;
        return;
      }
      n.themes.insert(n.themes.end(), s->themes.begin(), s->themes.end());
      municipalities.push_back(s->nis_code);
    }
  });
  if (!all_seen)
    return Error::invalid("signals", "Een van de signalen bestaat niet of je mag het niet zien.");
  std::sort(n.themes.begin(), n.themes.end());
  n.themes.erase(std::unique(n.themes.begin(), n.themes.end()), n.themes.end());
  if (!municipalities.empty() &&
      std::all_of(municipalities.begin(), municipalities.end(),
                  [&](const std::string& m) { return m == municipalities.front(); }))
    n.nis_code = municipalities.front();
  return n;
}

Result<Need> NeedService::create(const std::optional<web::Principal>& user, Need n) {
  if (!may_see_records(user)) return Error::of(Failure::forbidden);
  auto errors = checked(user, n);
  if (!errors.empty()) return Error{Failure::invalid, errors};
  // A SPOC may create needs for her municipalities and supra-local needs.
  const bool allowed = has_full_rights(user) || !n.nis_code || may_write_for(user, *n.nis_code);
  if (!allowed)
    return Error{Failure::forbidden,
                 {{"nis_code",
                   "Je kunt alleen noden van je eigen gemeente(n) of bovenlokale "
                   "noden aanmaken."}}};
  store::RateLimiter limiter(db_, clock_);
  const auto slot = limiter.reserve("needs:new:" + std::to_string(user->id), new_needs_rule);
  if (slot.wait > 0)
    return Error::of(Failure::busy, "Je maakte dit uur al veel noden aan. Probeer opnieuw over " +
                                        std::to_string((slot.wait + 59) / 60) + " minuten.");
  const auto now = clock_.now();
  n.created_by = user->id;
  n.created_at = n.updated_at = now;
  db_.transact([&](soci::session& sql) {
    n.id = NeedStore::insert(sql, n, false, now);
    tell(sql, n.id, user, now, "created",
         (n.kind == "gap" ? "Hiaat benoemd: " : "Nood benoemd: ") + n.title);
    for (const auto sid : n.signal_ids)
      if (auto s = SignalStore::find(sql, sid, SignalViewer{true, {}}))
        tell(sql, n.id, user, now, "linked", "Signaal gekoppeld: " + signal_label(sql, *s));
    store::record_change(sql, "need", std::to_string(n.id), "created", now);
  });
  return n;
}

Result<Need> NeedService::update(const std::optional<web::Principal>& user, Need n) {
  auto old = get(user, n.id);
  if (!old) return old.error();
  if (!may_edit(user, old.value()))
    return Error::of(Failure::forbidden,
                     "Je kunt alleen noden van je eigen gemeente(n) "
                     "aanpassen.");
  // Signals the user may not see stay linked whatever the form sent.
  const auto viewer = viewer_of(user);
  std::vector<std::int64_t> hidden;
  db_.run([&](soci::session& sql) {
    for (const auto sid : old.value().signal_ids)
      if (!SignalStore::find(sql, sid, viewer)) hidden.push_back(sid);
  });
  auto errors = checked(user, n);
  if (!errors.empty()) return Error{Failure::invalid, errors};
  if (!has_full_rights(user) && !(n.nis_code && may_write_for(user, *n.nis_code)))
    return Error::invalid("nis_code",
                          "Je kunt een nood alleen aan je eigen gemeente(n) toekennen. Vraag de "
                          "coördinator om er een bovenlokale nood van te maken.");
  n.signal_ids.insert(n.signal_ids.end(), hidden.begin(), hidden.end());
  const Need& before = old.value();
  const auto now = clock_.now();
  n.created_by = before.created_by;
  n.created_at = before.created_at;
  n.updated_at = now;
  db_.transact([&](soci::session& sql) {
    NeedStore::update(sql, n, now);
    const auto fields = changed_fields(before, n);
    if (!fields.empty()) tell(sql, n.id, user, now, "edited", "Aangepast: " + fields);
    if (before.status != n.status) {
      auto summary = status_change_summary(before.status, n.status);
      if (n.status == "not_addressed") summary += " (reden: " + n.status_reason + ")";
      tell(sql, n.id, user, now, "status", summary);
    }
    const auto all = SignalViewer{true, {}};
    for (const auto sid : n.signal_ids)
      if (std::find(before.signal_ids.begin(), before.signal_ids.end(), sid) ==
          before.signal_ids.end()) {
        NeedStore::link(sql, n.id, sid);
        if (auto s = SignalStore::find(sql, sid, all))
          tell(sql, n.id, user, now, "linked", "Signaal gekoppeld: " + signal_label(sql, *s));
      }
    for (const auto sid : before.signal_ids)
      if (std::find(n.signal_ids.begin(), n.signal_ids.end(), sid) == n.signal_ids.end()) {
        NeedStore::unlink(sql, n.id, sid);
        if (auto s = SignalStore::find(sql, sid, all))
          tell(sql, n.id, user, now, "unlinked", "Signaal losgekoppeld: " + signal_label(sql, *s));
      }
    store::record_change(sql, "need", std::to_string(n.id), "updated", now);
    // An action's search document carries its needs' themes and municipalities:
    // the actions answering this need are indexed again.
    for (const auto& [action_id, title] : NeedStore::answering_actions(sql, n.id))
      store::record_change(sql, "action", std::to_string(action_id), "updated", now);
  });
  std::sort(n.signal_ids.begin(), n.signal_ids.end());
  return n;
}

Status NeedService::link_signal(const std::optional<web::Principal>& user, std::int64_t need_id,
                                std::int64_t signal_id) {
  auto need = get(user, need_id);
  if (!need) return Error::invalid("need_id", "Kies een nood uit de lijst.");
  if (!may_edit(user, need.value()))
    return Error::of(Failure::forbidden,
                     "Je kunt alleen noden van je eigen gemeente(n) "
                     "aanpassen.");
  auto signal = db_.run(
      [&](soci::session& sql) { return SignalStore::find(sql, signal_id, viewer_of(user)); });
  if (!signal) return Error::of(Failure::not_found, "Dit signaal bestaat niet (meer).");
  const auto& ids = need.value().signal_ids;
  if (std::find(ids.begin(), ids.end(), signal_id) != ids.end())
    return Error::invalid("need_id", "Dit signaal zit al in deze nood.");
  if (ids.size() >= signals_per_need_max)
    return Error::invalid("need_id", "Deze nood groepeert al het grootste aantal signalen.");
  const auto now = clock_.now();
  db_.transact([&](soci::session& sql) {
    NeedStore::link(sql, need_id, signal_id);
    tell(sql, need_id, user, now, "linked", "Signaal gekoppeld: " + signal_label(sql, *signal));
    store::record_change(sql, "need", std::to_string(need_id), "updated", now);
  });
  return ok_status();
}

std::vector<Need> NeedService::editable_needs(const std::optional<web::Principal>& user) {
  std::vector<Need> out;
  if (!may_see_records(user)) return out;
  auto all = db_.run([](soci::session& sql) { return NeedStore::list(sql, NeedQuery{}, 500); });
  for (auto& n : all)
    if (may_edit(user, n)) out.push_back(std::move(n));
  return out;
}

}  // namespace schakel::signals
