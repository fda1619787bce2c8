#include "network/meetings/service.hpp"

#include <algorithm>
#include <iterator>
#include <nlohmann/json.hpp>

#include "core/email.hpp"
#include "core/text.hpp"
#include "network/meetings/ical.hpp"
#include "network/meetings/people.hpp"
#include "network/meetings/store.hpp"
#include "network/members.hpp"
#include "store/changes.hpp"
#include "web/access.hpp"

namespace schakel::meetings {

namespace {

const std::vector<std::string> formats = {"in_person", "online", "hybrid"};

bool is_date(const std::string& s) {
  return s.size() == 10 && s >= "2000-01-01" && s <= "2100-12-31" &&
         brussels_to_utc(s, "12:00").has_value();
}

void check_length(FieldErrors& errors, const char* field, const std::string& text, std::size_t max,
                  const char* what) {
  if (utf8_length(text) > max)
    errors.push_back(
        {field, std::string(what) + " is te lang: hoogstens " + std::to_string(max) + " tekens."});
}

bool is_https_url(const std::string& s) {
  if (!s.starts_with("https://") || s.size() <= 8 || s.find_first_of("/?#", 8) == 8) return false;
  return std::none_of(s.begin(), s.end(), [](unsigned char c) { return c <= ' ' || c == 0x7f; });
}

std::vector<std::string> split_people(const std::string& text) {
  std::vector<std::string> out;
  std::string current;
  for (char c : text + "\n") {
    if (c == '\n' || c == ',' || c == ';' || c == '\r') {
      if (auto t = trim(current); !t.empty()) out.push_back(t);
      current.clear();
    } else {
      current.push_back(c);
    }
  }
  return out;
}

void check_time_fields(const MeetingInput& in, Meeting& m, FieldErrors& errors) {
  if (!is_date(trim(in.date))) {
    errors.push_back({"date", "Geef een geldige datum, zoals 2026-12-15."});
    return;
  }
  const auto starts = brussels_to_utc(trim(in.date), trim(in.starts));
  const auto ends = brussels_to_utc(trim(in.date), trim(in.ends));
  if (!starts) errors.push_back({"starts", "Geef een beginuur zoals 09:30."});
  if (!ends) errors.push_back({"ends", "Geef een einduur zoals 12:00."});
  if (starts && ends && *ends <= *starts)
    errors.push_back({"ends", "Het einduur moet na het beginuur liggen."});
  if (starts) m.starts_at = *starts;
  if (ends) m.ends_at = *ends;
  const std::string until = trim(in.proposals_until);
  if (!is_date(until)) {
    errors.push_back({"proposals_until",
                      "Geef de uiterste datum voor voorstellen, zoals "
                      "2026-12-01."});
  } else {
    m.proposals_until = *brussels_to_utc(until, "23:59") + 59;
    if (starts && m.proposals_until > *starts && until > trim(in.date))
      errors.push_back(
          {"proposals_until", "De uiterste datum voor voorstellen ligt na het overleg."});
  }
}

void check_place(const MeetingInput& in, Meeting& m, FieldErrors& errors) {
  m.format = trim(in.format);
  m.address = trim(in.address);
  m.online_url = trim(in.online_url);
  if (std::find(formats.begin(), formats.end(), m.format) == formats.end()) {
    errors.push_back({"format", "Kies ter plaatse, online of hybride."});
    return;
  }
  if (m.format != "online" && m.address.empty())
    errors.push_back({"address", "Geef het adres van het overleg."});
  check_length(errors, "address", m.address, address_max, "Het adres");
  if (m.format != "in_person" && m.online_url.empty())
    errors.push_back({"online_url", "Geef de link van het online overleg."});
  else if (m.format != "in_person" &&
           (!is_https_url(m.online_url) || m.online_url.size() > url_max))
    errors.push_back({"online_url", "Geef een link die begint met https://."});
  if (m.format == "in_person") m.online_url.clear();
  if (m.format == "online") m.address.clear();
}

void check_invited(soci::session& sql, store::Database& db, const MeetingInput& in, Meeting& m,
                   std::int64_t now, FieldErrors& errors) {
  const auto members = network::member_municipalities(db, now);
  m.nis_codes.clear();
  for (const auto& raw : in.nis_codes) {
    const std::string nis = trim(raw);
    if (nis.empty()) continue;
    if (std::none_of(members.begin(), members.end(),
                     [&](const auto& t) { return t.nis_code == nis; })) {
      errors.push_back({"nis_codes", "Kies gemeenten die lid zijn van het netwerk."});
      break;
    }
    if (std::find(m.nis_codes.begin(), m.nis_codes.end(), nis) == m.nis_codes.end())
      m.nis_codes.push_back(nis);
  }
  m.people.clear();
  const auto emails = split_people(in.people);
  if (emails.size() > invited_max) {
    errors.push_back(
        {"people", "Hoogstens " + std::to_string(invited_max) + " personen per overleg."});
    return;
  }
  for (const auto& email : emails) {
    auto p = valid_email_address(email) ? person_by_email(sql, email, now) : std::nullopt;
    if (!p || !role_in_network(p->role)) {
      errors.push_back({"people", "Geen SPOC of coördinator met het adres " + email.substr(0, 120) +
                                      ". Nodig alleen mensen van het "
                                      "netwerk uit."});
      return;
    }
    if (std::find(m.people.begin(), m.people.end(), p->id) == m.people.end())
      m.people.push_back(p->id);
  }
  std::sort(m.people.begin(), m.people.end());
  if (m.nis_codes.empty() && m.people.empty())
    errors.push_back({"nis_codes", "Nodig minstens een gemeente of een persoon uit."});
}

}  // namespace

bool is_meeting_organiser(const std::optional<web::Principal>& user) {
  return web::has_role(user, Role::coordinator) || web::has_role(user, Role::admin);
}

MeetingInput input_of(const Meeting& m, const std::vector<std::string>& people_emails) {
  MeetingInput in;
  in.title = m.title;
  in.date = format_date_input(m.starts_at);
  in.starts = format_time_nl(m.starts_at);
  in.ends = format_time_nl(m.ends_at);
  in.format = m.format;
  in.address = m.address;
  in.online_url = m.online_url;
  in.proposals_until = format_date_input(m.proposals_until);
  in.nis_codes = m.nis_codes;
  for (const auto& e : people_emails) in.people += (in.people.empty() ? "" : "\n") + e;
  return in;
}

std::optional<Error> MeetingService::over_limit(const web::Principal& user, const char* bucket,
                                                const store::RateRule& rule) {
  store::RateLimiter limiter(db_, clock_);
  const auto slot =
      limiter.reserve(std::string("meetings:") + bucket + ":" + std::to_string(user.id), rule);
  if (slot.wait <= 0) return std::nullopt;
  return Error::of(Failure::busy, "Je deed dit het voorbije uur al vaak. Probeer opnieuw over " +
                                      std::to_string((slot.wait + 59) / 60) + " minuten.");
}

Result<std::vector<Meeting>> MeetingService::upcoming(const std::optional<web::Principal>& user) {
  if (!web::in_network(user)) return Error::of(Failure::forbidden);
  return db_.run([&](soci::session& sql) { return MeetingStore::upcoming(sql, clock_.now()); });
}

Result<std::vector<Meeting>> MeetingService::archive(const std::optional<web::Principal>& user) {
  if (!web::in_network(user)) return Error::of(Failure::forbidden);
  return db_.run([&](soci::session& sql) { return MeetingStore::archive(sql, clock_.now()); });
}

Result<MeetingRecord> MeetingService::record(const std::optional<web::Principal>& user,
                                             std::int64_t id) {
  if (!web::in_network(user)) return Error::of(Failure::forbidden);
  return db_.run([&](soci::session& sql) -> Result<MeetingRecord> {
    auto m = MeetingStore::find(sql, id);
    if (!m) return Error::of(Failure::not_found, "Dit overleg bestaat niet.");
    return MeetingRecord{*m, MeetingStore::items(sql, id), MeetingStore::attendance(sql, id),
                         MeetingStore::decisions(sql, id), MeetingStore::action_points(sql, id)};
  });
}

std::vector<std::int64_t> MeetingService::concerned(const Meeting& m) {
  std::vector<std::int64_t> out = m.people;
  db_.run([&](soci::session& sql) {
    for (const auto& nis : m.nis_codes)
      for (const auto id : spocs_of(sql, nis, clock_.now())) out.push_back(id);
  });
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

bool MeetingService::sees_link(const std::optional<web::Principal>& user, const Meeting& m) {
  if (is_meeting_organiser(user)) return true;
  if (!user) return false;
  const auto people = concerned(m);
  return std::find(people.begin(), people.end(), user->id) != people.end();
}

Result<Meeting> MeetingService::checked(soci::session& sql, const MeetingInput& in, bool is_new) {
  Meeting m;
  FieldErrors errors;
  m.title = trim(in.title);
  if (m.title.empty()) errors.push_back({"title", "Geef het overleg een titel."});
  check_length(errors, "title", m.title, title_max, "De titel");
  check_time_fields(in, m, errors);
  if (is_new && m.starts_at != 0 && m.starts_at < clock_.now())
    errors.push_back({"date", "Het overleg kan niet in het verleden beginnen."});
  check_place(in, m, errors);
  check_invited(sql, db_, in, m, clock_.now(), errors);
  if (!errors.empty()) return Error{Failure::invalid, errors};
  return m;
}

std::vector<std::int64_t> MeetingService::concerned(soci::session& sql, const Meeting& m) {
  std::vector<std::int64_t> people = m.people;
  for (const auto& nis : m.nis_codes)
    for (const auto id : spocs_of(sql, nis, clock_.now())) people.push_back(id);
  std::sort(people.begin(), people.end());
  people.erase(std::unique(people.begin(), people.end()), people.end());
  return people;
}

void MeetingService::mail_concerned(soci::session& sql, const Meeting& m,
                                    const std::string& template_name) {
  mail_people(sql, m, template_name, concerned(sql, m));
}

void MeetingService::mail_people(soci::session& sql, const Meeting& m,
                                 const std::string& template_name,
                                 const std::vector<std::int64_t>& people) {
  if (!composer_) return;
  const auto items = MeetingStore::items(sql, m.id);
  nlohmann::json agenda = nlohmann::json::array();
  for (const auto& i : items)
    if (i.status == "accepted")
      agenda.push_back({{"title", i.title}, {"minutes_planned", i.minutes_planned}});
  const auto now = clock_.now();
  for (const auto id : people) {
    auto p = person(sql, id, now);
    if (!p || !role_in_network(p->role)) continue;
    nlohmann::json model = {
        {"name", p->name},
        {"title", m.title},
        {"when", format_weekday_date_nl(m.starts_at) + " van " + format_time_nl(m.starts_at) +
                     " tot " + format_time_nl(m.ends_at)},
        {"address", m.address},
        {"online_url", m.online_url},
        {"agenda", agenda},
        {"has_agenda", !agenda.empty()},
        {"link", "/overleg/" + std::to_string(m.id)}};
    // The first line of the text template is the subject ("Uitnodiging: <title>").
    mail::Mail mail = composer_(p->email, template_name, model);
    mail.attachments.push_back(meeting_attachment(m, items, base_url_, true, now));
    mail::enqueue(sql, mail, now);
  }
}

Result<Meeting> MeetingService::create(const std::optional<web::Principal>& user,
                                       const MeetingInput& input) {
  if (!is_meeting_organiser(user)) return Error::of(Failure::forbidden);
  auto first = db_.run([&](soci::session& sql) { return checked(sql, input, true); });
  if (!first) return first;
  if (auto busy = over_limit(*user, "mail", mail_forms_per_hour)) return *busy;
  return db_.transact([&](soci::session& sql) -> Result<Meeting> {
    auto again = checked(sql, input, true);
    if (!again) return again;
    Meeting m = std::move(again).value();
    const auto now = clock_.now();
    m.created_at = m.updated_at = now;
    m.id = MeetingStore::insert(sql, m, user->id, false, now);
    store::record_change(sql, "meeting", std::to_string(m.id), "created", now);
    mail_concerned(sql, m, "network/meeting_mail_invitation");
    return m;
  });
}

Result<Meeting> MeetingService::update(const std::optional<web::Principal>& user, std::int64_t id,
                                       const MeetingInput& input) {
  if (!is_meeting_organiser(user)) return Error::of(Failure::forbidden);
  auto first = db_.run([&](soci::session& sql) -> Result<Meeting> {
    if (!MeetingStore::find(sql, id)) return Error::of(Failure::not_found);
    return checked(sql, input, false);
  });
  if (!first) return first;
  if (auto busy = over_limit(*user, "mail", mail_forms_per_hour)) return *busy;
  return db_.transact([&](soci::session& sql) -> Result<Meeting> {
    auto old = MeetingStore::find(sql, id);
    if (!old) return Error::of(Failure::not_found);
    if (old->status == "cancelled")
      return Error::of(Failure::conflict, "Dit overleg is geannuleerd en kan niet meer wijzigen.");
    auto again = checked(sql, input, false);
    if (!again) return again;
    Meeting m = std::move(again).value();
    const auto now = clock_.now();
    m.id = id;
    m.status = old->status;
    m.sequence = old->sequence + 1;
    m.created_at = old->created_at;
    m.updated_at = now;
    const auto before = concerned(sql, *old);
    MeetingStore::update(sql, m, now);
    store::record_change(sql, "meeting", std::to_string(id), "updated", now);
    const auto after = concerned(sql, m);
    mail_people(sql, m, "network/meeting_mail_update", after);
    // Who is no longer invited gets the cancellation of the same event, so it
    // leaves their calendar with its online link.
    std::vector<std::int64_t> removed;
    std::set_difference(before.begin(), before.end(), after.begin(), after.end(),
                        std::back_inserter(removed));
    if (!removed.empty()) {
      Meeting gone = m;
      gone.status = "cancelled";
      mail_people(sql, gone, "network/meeting_mail_cancel", removed);
    }
    return m;
  });
}

Status MeetingService::cancel(const std::optional<web::Principal>& user, std::int64_t id) {
  if (!is_meeting_organiser(user)) return Error::of(Failure::forbidden);
  if (auto busy = over_limit(*user, "mail", mail_forms_per_hour)) return *busy;
  return db_.transact([&](soci::session& sql) -> Status {
    auto m = MeetingStore::find(sql, id);
    if (!m) return Error::of(Failure::not_found);
    if (m->status == "cancelled")
      return Error::of(Failure::conflict, "Dit overleg is al geannuleerd.");
    const auto now = clock_.now();
    m->status = "cancelled";
    m->sequence += 1;
    m->updated_at = now;
    MeetingStore::update(sql, *m, now);
    store::record_change(sql, "meeting", std::to_string(id), "cancelled", now);
    mail_concerned(sql, *m, "network/meeting_mail_cancel");
    return ok_status();
  });
}

Status MeetingService::send_agenda(const std::optional<web::Principal>& user, std::int64_t id) {
  if (!is_meeting_organiser(user)) return Error::of(Failure::forbidden);
  if (auto busy = over_limit(*user, "mail", mail_forms_per_hour)) return *busy;
  return db_.transact([&](soci::session& sql) -> Status {
    auto m = MeetingStore::find(sql, id);
    if (!m) return Error::of(Failure::not_found);
    if (m->status == "cancelled")
      return Error::of(Failure::conflict, "Dit overleg is geannuleerd.");
    // The agenda is part of the event's description: a new SEQUENCE updates it.
    const auto now = clock_.now();
    m->sequence += 1;
    m->updated_at = now;
    MeetingStore::update(sql, *m, now);
    mail_concerned(sql, *m, "network/meeting_mail_agenda");
    return ok_status();
  });
}

}  // namespace schakel::meetings
