#include "trainings/certificate_service.hpp"

#include "app/app.hpp"
#include "audit/audit.hpp"
#include "core/client_key.hpp"
#include "core/signed_token.hpp"
#include "core/text.hpp"
#include "store/locks.hpp"
#include "store/rate_limits.hpp"
#include "store/signing_key.hpp"
#include "trainings/certificate_store.hpp"
#include "trainings/guest_limits.hpp"
#include "trainings/store.hpp"
#include "web/form.hpp"

namespace schakel::trainings {

namespace {

constexpr std::int64_t link_lifetime = 180 * 86400;
constexpr std::size_t max_name = 200, max_reason = 500;
// Unknown codes per IP address: enough for anyone checking certificates by hand,
// far too few to find a code by guessing (60 bits).
const store::RateRule unknown_codes_per_ip{30, 600};

bool has_control(const std::string& s) {
  for (unsigned char c : s)
    if (c < 0x20 || c == 0x7f) return true;
  return false;
}

std::string sessions_word(int n) { return n == 1 ? "sessie" : "sessies"; }

void record(soci::session& sql, const Actor& actor, std::int64_t now, const std::string& action,
            std::int64_t certificate_id, const std::string& detail) {
  audit::record(sql,
                audit::Entry{0, now, actor.user_id, actor.label, action,
                             "certificate:" + std::to_string(certificate_id), detail, actor.ip});
}

// The eligibility of registration `r` as the database has it now.
Eligibility assess(soci::session& sql, const Series& series, const Registration& r,
                   std::int64_t now) {
  return assess_eligibility(series, r, TrainingStore::sessions_of(sql, series.id),
                            CertificateStore::attended(sql, r.id), now);
}

// A fresh code that no certificate has yet.
std::string unused_code(soci::session& sql) {
  std::string code;
  do code = new_certificate_code();
  while (CertificateStore::code_taken(sql, code));
  return code;
}

// Certificate `id` when it belongs to series `series_id`, with the series locked
// for the rest of the transaction.
std::optional<Certificate> locked_certificate(soci::session& sql, std::int64_t series_id,
                                              std::int64_t id) {
  if (!store::lock_row(sql, "training_series", series_id)) return std::nullopt;
  auto c = CertificateStore::find(sql, id);
  if (!c || c->series_id != series_id) return std::nullopt;
  return c;
}

// A new certificate of `r` with `name` and the facts of `e`. Requires: inside
// the transaction that locked the series.
Certificate issue(soci::session& sql, const Series& series, const Registration& r,
                  const std::string& name, const Eligibility& e, std::int64_t now) {
  Certificate c;
  c.code = unused_code(sql);
  c.registration_id = r.id;
  c.series_id = series.id;
  c.name = name;
  c.series_title = series.title;
  c.dates = e.dates;
  c.minutes = e.minutes;
  c.organiser = series.organiser.empty() ? "Schakel" : series.organiser;
  c.issued_at = now;
  c.id = CertificateStore::insert(sql, c);
  return c;
}

}  // namespace

Eligibility assess_eligibility(const Series& series, const Registration& registration,
                               const std::vector<Session>& sessions,
                               const std::set<std::int64_t>& attended, std::int64_t now) {
  Eligibility e;
  std::vector<std::int64_t> starts;
  for (const auto& s : sessions) {
    if (s.series_id != series.id || s.status != "planned") continue;
    // Only the sessions of the unit that began after the registration: a late
    // joiner is measured on those ("all" means all of them; "at least N" stays N).
    if (!registration.counts(s)) continue;
    ++e.planned;
    if (s.ends_at > now) continue;
    ++e.ended;
    if (!attended.count(s.id)) continue;
    ++e.attended;
    e.minutes += s.minutes();
    starts.push_back(s.starts_at);
  }
  e.dates = dutch_dates(starts);
  const bool all = series.certificate_rule != "min";
  // A late joiner cannot reach a minimum above the sessions left to them: they
  // then need every one of those.
  e.required = all ? std::max(1, e.ended)
                   : std::max(1, std::min(series.certificate_min_sessions, e.planned));
  if (registration.state != "registered") {
    e.reason = "Alleen wie ingeschreven is voor de vorming, krijgt een attest.";
  } else if (e.ended == 0) {
    e.reason = "Er is nog geen sessie voorbij. Je kan je attest downloaden na de vorming.";
  } else if (e.attended < e.required) {
    e.reason = all ? "Voor een attest moet je bij alle sessies aanwezig zijn. Je was bij " +
                         std::to_string(e.attended) + " van de " + std::to_string(e.ended) + " " +
                         sessions_word(e.ended) + "."
                   : "Voor een attest moet je bij minstens " + std::to_string(e.required) + " " +
                         sessions_word(e.required) + " aanwezig zijn. Je was bij " +
                         std::to_string(e.attended) + " " + sessions_word(e.attended) + ".";
  } else {
    e.eligible = true;
  }
  return e;
}

Result<Eligibility> CertificateService::eligibility(std::int64_t registration_id) {
  const std::int64_t now = clock_.now();
  return db_.run([&](soci::session& sql) -> Result<Eligibility> {
    auto r = TrainingStore::find_registration(sql, registration_id);
    if (!r) return Error::of(Failure::not_found);
    auto series = TrainingStore::find_series(sql, r->unit.series_id);
    if (!series) return Error::of(Failure::not_found);
    return assess(sql, *series, *r, now);
  });
}

Result<Certificate> CertificateService::issue_or_get(std::int64_t registration_id,
                                                     const Actor& actor) {
  const std::int64_t now = clock_.now();
  return db_.transact_retrying([&](soci::session& sql) -> Result<Certificate> {
    auto r = TrainingStore::find_registration(sql, registration_id);
    if (!r) return Error::of(Failure::not_found);
    // Two downloads at once take turns, so one certificate is issued, not two.
    store::lock_row(sql, "training_series", r->unit.series_id);
    auto series = TrainingStore::find_series(sql, r->unit.series_id);
    if (!series) return Error::of(Failure::not_found);
    auto current = CertificateStore::current_of(sql, r->id);
    if (current && current->revoked_at)
      return Error::of(Failure::conflict,
                       "Je attest voor deze vorming werd ingetrokken. Neem contact op met de "
                       "organisator als je denkt dat dit niet klopt.");
    const Eligibility e = assess(sql, *series, *r, now);
    if (current) {
      // The same certificate again, unless more sessions were attended since.
      if (!e.eligible || (e.dates == current->dates && e.minutes == current->minutes))
        return *current;
      Certificate newer = issue(sql, *series, *r, current->name, e, now);
      CertificateStore::mark_replaced(sql, current->id, newer.id, now);
      record(sql, actor, now, "certificate_reissued", newer.id,
             "replaces certificate:" + std::to_string(current->id) + " (attendance)");
      return newer;
    }
    if (!e.eligible) return Error::of(Failure::conflict, e.reason);
    Certificate c = issue(sql, *series, *r, r->name, e, now);
    record(sql, actor, now, "certificate_issued", c.id, "registration:" + std::to_string(r->id));
    return c;
  });
}

Result<Registration> CertificateService::correct_name(std::int64_t registration_id,
                                                      const std::string& input,
                                                      const Actor& actor) {
  const std::string name = trim(input);
  if (name.empty() || name.size() > max_name || !web::valid_utf8(name) || has_control(name))
    return Error::invalid("name", "Vul je naam in zoals die op je attest moet staan (hoogstens " +
                                      std::to_string(max_name) + " tekens).");
  // The name goes into later mails: the same rule as on the registration form.
  if (auto plain = check_guest_name(name); !plain) return plain.error();
  const std::int64_t now = clock_.now();
  return db_.transact_retrying([&](soci::session& sql) -> Result<Registration> {
    auto r = TrainingStore::find_registration(sql, registration_id);
    if (!r) return Error::of(Failure::not_found);
    // Issuing takes the same lock: a name cannot change while a certificate is made.
    store::lock_row(sql, "training_series", r->unit.series_id);
    r = TrainingStore::find_registration(sql, registration_id);
    if (!r->active()) return Error::of(Failure::conflict, "Deze inschrijving is beëindigd.");
    if (CertificateStore::current_of(sql, r->id))
      return Error::of(Failure::conflict,
                       "Je attest is al uitgereikt. Vraag de organisator om het met de juiste "
                       "naam opnieuw uit te reiken.");
    TrainingStore::update_name(sql, r->id, name, now);
    audit::record(sql,
                  audit::Entry{0, now, actor.user_id, actor.label, "registration_name_corrected",
                               "training_registration:" + std::to_string(r->id), "", actor.ip});
    r->name = name;
    return *r;
  });
}

bool CertificateService::issued(std::int64_t registration_id) {
  return db_.run([&](soci::session& sql) {
    return CertificateStore::current_of(sql, registration_id).has_value();
  });
}

bool CertificateService::revoked(std::int64_t registration_id) {
  return db_.run([&](soci::session& sql) {
    const auto current = CertificateStore::current_of(sql, registration_id);
    return current && current->revoked_at.has_value();
  });
}

Result<Certificate> CertificateService::reissue(std::int64_t series_id, std::int64_t certificate_id,
                                                const std::string& corrected_name,
                                                const Actor& actor) {
  const std::string name = trim(corrected_name);
  if (name.empty() || name.size() > max_name || !web::valid_utf8(name) || has_control(name))
    return Error::invalid("name", "Vul de naam in zoals die op het attest moet staan (hoogstens " +
                                      std::to_string(max_name) + " tekens).");
  const std::int64_t now = clock_.now();
  return db_.transact_retrying([&](soci::session& sql) -> Result<Certificate> {
    auto old = locked_certificate(sql, series_id, certificate_id);
    if (!old) return Error::of(Failure::not_found);
    if (old->replaced_by)
      return Error::of(Failure::conflict,
                       "Dit attest werd al vervangen door een nieuwer. Pas het nieuwste aan.");
    auto series = TrainingStore::find_series(sql, series_id);
    if (!series) return Error::of(Failure::not_found);
    std::optional<Registration> r;
    if (old->registration_id) r = TrainingStore::find_registration(sql, *old->registration_id);
    Certificate newer;
    const Eligibility e = r ? assess(sql, *series, *r, now) : Eligibility{};
    if (r && e.eligible) {
      newer = issue(sql, *series, *r, name, e, now);
    } else {
      // No longer eligible by the records (or the registration is gone): the
      // printed facts stay as they were, only the name changes.
      newer = *old;
      newer.name = name;
      newer.issued_at = now;
      newer.revoked_at.reset();
      newer.revoke_reason.clear();
      newer.code = unused_code(sql);
      newer.id = CertificateStore::insert(sql, newer);
    }
    CertificateStore::mark_replaced(sql, old->id, newer.id, now);
    record(sql, actor, now, "certificate_reissued", newer.id,
           "replaces certificate:" + std::to_string(old->id));
    return newer;
  });
}

Result<Certificate> CertificateService::revoke(std::int64_t series_id, std::int64_t certificate_id,
                                               const std::string& reason, const Actor& actor) {
  const std::string why = trim(reason);
  if (why.empty() || why.size() > max_reason || !web::valid_utf8(why))
    return Error::invalid("reason", "Schrijf waarom je het attest intrekt (hoogstens " +
                                        std::to_string(max_reason) + " tekens).");
  const std::int64_t now = clock_.now();
  return db_.transact_retrying([&](soci::session& sql) -> Result<Certificate> {
    auto c = locked_certificate(sql, series_id, certificate_id);
    if (!c) return Error::of(Failure::not_found);
    if (c->revoked_at) return Error::of(Failure::conflict, "Dit attest is al ingetrokken.");
    if (c->replaced_by)
      return Error::of(Failure::conflict,
                       "Dit attest werd al vervangen door een nieuwer en geldt niet meer.");
    CertificateStore::revoke(sql, c->id, why, now);
    record(sql, actor, now, "certificate_revoked", c->id, "");
    c->revoked_at = now;
    c->revoke_reason = why;
    return *c;
  });
}

Result<Certificate> CertificateService::verify(const std::string& input, const std::string& ip) {
  store::RateLimiter limiter(db_, clock_);
  // Counted before the lookup, so parallel guesses cannot all slip under the limit.
  const auto slot = limiter.reserve("certificate:ip:" + client_key(ip), unknown_codes_per_ip);
  if (slot.wait > 0)
    return Error::of(Failure::busy, "Te veel onbekende codes na elkaar. Probeer opnieuw over " +
                                        std::to_string((slot.wait + 59) / 60) + " minuten.");
  std::optional<Certificate> found;
  if (auto code = normalise_certificate_code(input))
    found = db_.run([&](soci::session& sql) { return CertificateStore::find_by_code(sql, *code); });
  if (!found) return Error::of(Failure::not_found, "We vinden geen attest met deze code.");
  limiter.release(slot.id);  // a real code does not count
  return *found;
}

std::vector<CertificateCandidate> CertificateService::candidates(std::int64_t series_id) {
  const std::int64_t now = clock_.now();
  return db_.run([&](soci::session& sql) {
    std::vector<CertificateCandidate> out;
    auto series = TrainingStore::find_series(sql, series_id);
    if (!series) return out;
    const auto sessions = TrainingStore::sessions_of(sql, series_id);
    const auto attendance = CertificateStore::attendance_of_series(sql, series_id);
    const auto certificates = CertificateStore::of_series(sql, series_id);
    for (auto& r : TrainingStore::of_series(sql, series_id)) {
      if (r.state != "registered") continue;
      CertificateCandidate c;
      auto present = attendance.find(r.id);
      c.eligibility = assess_eligibility(
          *series, r, sessions,
          present == attendance.end() ? std::set<std::int64_t>{} : present->second, now);
      for (const auto& cert : certificates)  // newest first: the first not replaced is current
        if (cert.registration_id == r.id && !cert.replaced_by) {
          c.current = cert;
          break;
        }
      c.registration = std::move(r);
      out.push_back(std::move(c));
    }
    return out;
  });
}

std::vector<Certificate> CertificateService::certificates(std::int64_t series_id) {
  return db_.run([&](soci::session& sql) { return CertificateStore::of_series(sql, series_id); });
}

std::string verification_url(const std::string& base_url, const std::string& code) {
  return base_url + "/attest/" + code;
}

std::string certificate_link(App& app, std::int64_t registration_id) {
  const std::string token =
      sign_token(store::signing_key(app.db()), "certificate", std::to_string(registration_id),
                 app.clock().now() + link_lifetime);
  return app.base_url() + "/vorming/attest?token=" + token;
}

std::optional<std::int64_t> certificate_token_registration(App& app, const std::string& token) {
  auto subject =
      verify_token(store::signing_key(app.db()), "certificate", token, app.clock().now());
  if (!subject || subject->size() > 18) return std::nullopt;
  std::int64_t id = 0;
  for (char c : *subject) {
    if (c < '0' || c > '9') return std::nullopt;
    id = id * 10 + (c - '0');
  }
  return id;
}

}  // namespace schakel::trainings
