#include "network/service.hpp"

#include <nlohmann/json.hpp>

#include "accounts/roles.hpp"
#include "audit/audit.hpp"
#include "core/text.hpp"
#include "web/form.hpp"
#include "web/sessions.hpp"

namespace schakel::network {

namespace {

void audit(soci::session& sql, const web::Principal& actor, std::int64_t now,
           const std::string& action, const std::string& object, const std::string& detail,
           const std::string& ip) {
  audit::record(sql, audit::Entry{0, now, actor.id, actor.email, action, object, detail, ip});
}

// The account with `email`, read through accounts' store (users is its table).
std::optional<accounts::User> account_by_email(soci::session& sql, const std::string& email,
                                               std::int64_t now) {
  auto stored = accounts::Roles::find_by_email(sql, email, now);
  if (!stored) return std::nullopt;
  return std::move(stored->user);
}

std::string lower_trim(const std::string& s) {
  std::string out = trim(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// A SPOC without any member municipality left becomes a professional (audited).
void demote_without_municipality(soci::session& sql, const web::Principal& actor, std::int64_t uid,
                                 std::int64_t now, const std::string& ip) {
  if (!accounts::Roles::spoc_municipalities(sql, uid, now).empty()) return;
  if (accounts::Roles::change_role(sql, uid, Role::spoc, Role::professional))
    audit(sql, actor, now, "role_changed", "user:" + std::to_string(uid), "spoc -> professional",
          ip);
}

}  // namespace

Status NetworkService::add_membership(const web::Principal& actor, const std::string& nis_code,
                                      const std::string& ip) {
  auto municipality = store_.find_municipality(nis_code);
  if (!municipality || municipality->region != "Vlaanderen")
    return Error::invalid("nis_code", "Kies een Vlaamse gemeente uit de lijst.");
  const std::int64_t now = clock_.now();
  if (store_.is_member(nis_code, now))
    return Error::invalid("nis_code", municipality->name_nl + " is al lid.");
  db_.transact([&](soci::session& sql) {
    web::SessionStore::note_account_change(sql);  // first: the lock order of account writes
    NetworkStore::add_membership(sql, nis_code, now, false, false, now);
    audit(sql, actor, now, "membership_added", "municipality:" + nis_code, municipality->name_nl,
          ip);
  });
  return ok_status();
}

Status NetworkService::end_membership(const web::Principal& actor, std::int64_t membership_id,
                                      const std::string& ip) {
  const std::int64_t now = clock_.now();
  std::optional<Member> found;
  for (const auto& m : store_.all_memberships())
    if (m.membership_id == membership_id) found = m;
  if (!found) return Error::of(Failure::not_found);
  if (found->member_until && *found->member_until <= now)
    return Error::of(Failure::conflict, "Dit lidmaatschap is al beëindigd.");
  if (found->is_lead)
    return Error::of(Failure::conflict,
                     "De trekkende gemeente kan pas stoppen nadat de trekkersrol is overgedragen.");
  const std::string nis_code = found->municipality.nis_code;
  db_.transact([&](soci::session& sql) {
    web::SessionStore::note_account_change(sql);  // first: the lock order of account writes
    NetworkStore::end_membership(sql, membership_id, now, now);
    audit(sql, actor, now, "membership_ended", "municipality:" + nis_code,
          found->municipality.name_nl, ip);
    // Its SPOCs stop speaking for it in the same transaction; a SPOC left
    // without a member municipality becomes a professional.
    for (const std::int64_t uid : accounts::Roles::spocs_of(sql, nis_code)) {
      accounts::Roles::remove_spoc_municipality(sql, uid, nis_code);
      audit(sql, actor, now, "spoc_removed", "user:" + std::to_string(uid),
            "municipality:" + nis_code + " (membership ended)", ip);
      demote_without_municipality(sql, actor, uid, now, ip);
    }
  });
  return ok_status();
}

Status NetworkService::assign_spoc(const web::Principal& actor, const std::string& raw_email,
                                   const std::string& nis_code, const std::string& ip) {
  const std::string email = lower_trim(raw_email);
  const std::int64_t now = clock_.now();
  FieldErrors errors;
  if (email.empty())
    errors.push_back({"email", "Vul het e-mailadres van een bestaand account in."});
  if (!store_.is_member(nis_code, now))
    errors.push_back({"nis_code", "Kies een gemeente die lid is van het netwerk."});
  if (!errors.empty()) return Error{Failure::invalid, errors};
  return db_.transact([&](soci::session& sql) -> Status {
    web::SessionStore::note_account_change(sql);  // first: the lock order of account writes
    auto account = account_by_email(sql, email, now);
    if (!account || account->status != "active")
      return Error::invalid(
          "email",
          "Er is geen actief account met dit e-mailadres. Vraag de persoon eerst te registreren.");
    if (account->role == Role::coordinator || account->role == Role::admin)
      return Error::invalid(
          "email", "Deze persoon is coördinator of beheerder en kan niet ook SPOC worden.");
    if (accounts::Roles::has_spoc_municipality(sql, account->id, nis_code))
      return Error::invalid("email", "Deze persoon is al SPOC van deze gemeente.");
    accounts::Roles::add_spoc_municipality(sql, account->id, nis_code);
    if (account->role != Role::spoc) {
      accounts::Roles::set_role(sql, account->id, Role::spoc);
      audit(sql, actor, now, "role_changed", "user:" + std::to_string(account->id),
            std::string(role_name(account->role)) + " -> spoc", ip);
    }
    audit(sql, actor, now, "spoc_assigned", "user:" + std::to_string(account->id),
          "municipality:" + nis_code, ip);
    return ok_status();
  });
}

Status NetworkService::remove_spoc(const web::Principal& actor, std::int64_t user_id,
                                   const std::string& nis_code, const std::string& ip) {
  const std::int64_t now = clock_.now();
  return db_.transact([&](soci::session& sql) -> Status {
    web::SessionStore::note_account_change(sql);  // first: the lock order of account writes
    if (!accounts::Roles::remove_spoc_municipality(sql, user_id, nis_code))
      return Error::of(Failure::not_found);
    audit(sql, actor, now, "spoc_removed", "user:" + std::to_string(user_id),
          "municipality:" + nis_code, ip);
    demote_without_municipality(sql, actor, user_id, now, ip);
    return ok_status();
  });
}

Status NetworkService::set_profile_text(const web::Principal& actor, const std::string& nis_code,
                                        const std::string& text, const std::string& ip) {
  if (!web::valid_utf8(text))
    return Error::invalid("contact_text", "De tekst bevat ongeldige tekens.");
  std::size_t characters = 0;
  for (unsigned char c : text)
    if ((c & 0xC0) != 0x80) ++characters;
  if (characters > 2000) return Error::invalid("contact_text", "Gebruik hoogstens 2000 tekens.");
  if (!store_.is_member(nis_code, clock_.now())) return Error::of(Failure::not_found);
  const std::int64_t now = clock_.now();
  db_.transact([&](soci::session& sql) {
    NetworkStore::set_profile_text(sql, nis_code, text, actor.id, now);
    audit(sql, actor, now, "municipality_profile_changed", "municipality:" + nis_code, "", ip);
  });
  return ok_status();
}

Result<std::int64_t> NetworkService::propose_handover(const web::Principal& actor,
                                                      const std::string& raw_email,
                                                      const std::string& nis_code,
                                                      const std::string& ip) {
  const std::string email = lower_trim(raw_email);
  const std::int64_t now = clock_.now();
  FieldErrors errors;
  if (!store_.is_member(nis_code, now))
    errors.push_back({"to_nis_code", "Kies een gemeente die lid is van het netwerk."});
  for (const auto& m : store_.current_members(now))
    if (m.is_lead && m.municipality.nis_code == nis_code)
      errors.push_back({"to_nis_code", "Kies een andere gemeente dan de huidige trekker."});
  if (!errors.empty()) return Error{Failure::invalid, errors};
  return db_.transact([&](soci::session& sql) -> Result<std::int64_t> {
    auto target = account_by_email(sql, email, now);
    if (!target || target->status != "active")
      return Error::invalid("to_email", "Er is geen actief account met dit e-mailadres.");
    if (target->id == actor.id) return Error::invalid("to_email", "Kies iemand anders dan jezelf.");
    const std::int64_t id = NetworkStore::create_handover(sql, actor.id, target->id, nis_code, now);
    if (composer_) {
      auto municipality = store_.find_municipality(nis_code);
      mail::enqueue(sql,
                    composer_(target->email, "network/mail_handover",
                              {{"name", target->display_name},
                               {"from_name", actor.name},
                               {"municipality", municipality ? municipality->name_nl : nis_code},
                               {"link", "/netwerk/overdracht/" + std::to_string(id)}}),
                    now);
    }
    audit(sql, actor, now, "lead_handover_proposed", "user:" + std::to_string(target->id),
          "municipality:" + nis_code, ip);
    return id;
  });
}

Status NetworkService::accept_handover(const web::Principal& actor, std::int64_t handover_id,
                                       const std::string& ip) {
  auto h = store_.handover(handover_id);
  if (!h || h->to_user_id != actor.id) return Error::of(Failure::not_found);
  if (h->decision != "open") return Error::of(Failure::conflict, "Dit voorstel is niet meer open.");
  const std::int64_t now = clock_.now();
  if (!store_.is_member(h->to_nis_code, now))
    return Error::of(Failure::conflict, "Je gemeente is intussen geen lid meer van het netwerk.");
  return db_.transact([&](soci::session& sql) -> Status {
    web::SessionStore::note_account_change(sql);  // first: the lock order of account writes
    long long uid = actor.id, old_id = h->from_user_id, key = handover_id, at = now;
    // Decide first, on the condition that the proposal is still open and its
    // author still leads: a double submit or a newer proposal loses here.
    soci::statement claim =
        (sql.prepare << "UPDATE lead_handovers SET decision = 'accepted', decided_at = :a WHERE id "
                        "= :id AND "
                        "to_user_id = :u AND decision = 'open' AND from_user_id IN "
                        "(SELECT id FROM users WHERE role = 'coordinator')",
         soci::use(at), soci::use(key), soci::use(uid));
    claim.execute(true);
    if (claim.get_affected_rows() != 1)
      return Error::of(Failure::conflict, "Dit voorstel is niet meer open.");
    // The old coordinator keeps their account, as SPOC of their own municipality when it is a
    // member.
    const auto old_account = accounts::Roles::find_stored(sql, old_id, now);
    const std::string old_nis = old_account ? old_account->user.nis_code : std::string();
    const bool old_is_member = !old_nis.empty() && store_.is_member(old_nis, now);
    if (old_is_member) {
      accounts::Roles::change_role(sql, old_id, Role::coordinator, Role::spoc);
      accounts::Roles::add_spoc_municipality(sql, old_id, old_nis);
    } else {
      accounts::Roles::change_role(sql, old_id, Role::coordinator, Role::professional);
    }
    accounts::Roles::set_role(sql, actor.id, Role::coordinator);
    accounts::Roles::set_municipality(sql, actor.id, h->to_nis_code);
    accounts::Roles::remove_all_spoc_municipalities(sql, actor.id);
    NetworkStore::move_lead_flag(sql, h->to_nis_code, now);
    NetworkStore::close_open_lead(sql, now);
    NetworkStore::open_lead(sql, actor.id, actor.name, h->to_nis_code, now);
    audit(sql, actor, now, "lead_handover_accepted", "municipality:" + h->to_nis_code,
          "from user:" + std::to_string(h->from_user_id), ip);
    audit(sql, actor, now, "role_changed", "user:" + std::to_string(actor.id), "-> coordinator",
          ip);
    return ok_status();
  });
}

Status NetworkService::decline_handover(const web::Principal& actor, std::int64_t handover_id,
                                        const std::string& ip) {
  auto h = store_.handover(handover_id);
  if (!h || h->to_user_id != actor.id) return Error::of(Failure::not_found);
  if (h->decision != "open") return Error::of(Failure::conflict, "Dit voorstel is niet meer open.");
  const std::int64_t now = clock_.now();
  db_.transact([&](soci::session& sql) {
    NetworkStore::decide_handover(sql, handover_id, "declined", now);
    audit(sql, actor, now, "lead_handover_declined", "municipality:" + h->to_nis_code, "", ip);
  });
  return ok_status();
}

}  // namespace schakel::network
