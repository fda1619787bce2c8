#include "trainings/guest_registration.hpp"

#include <nlohmann/json.hpp>

#include <charconv>
#include <optional>

#include "core/random.hpp"
#include "store/rate_limits.hpp"
#include "trainings/guest_limits.hpp"

namespace schakel::trainings {

namespace {

// The units of a request: each ticked session, or the whole series.
std::vector<Unit> units_of(const GuestRequest& request) {
  std::vector<Unit> units;
  for (const auto id : request.session_ids) units.push_back(Unit{request.series_id, id});
  if (units.empty()) units.push_back(Unit{request.series_id, std::nullopt});
  return units;
}

// The pending row's details: answers by question id, the confidence scores and,
// for several sessions, their ids (the row's unit holds the first).
std::string details_of(const GuestRequest& request) {
  nlohmann::json details = {{"answers", nlohmann::json::object()}};
  for (const auto& [question, answer] : request.answers)
    details["answers"][std::to_string(question)] = answer;
  details["confidence"] = request.confidence;
  if (request.session_ids.size() > 1) details["sessions"] = request.session_ids;
  return details.dump();
}

std::optional<std::int64_t> question_id(const std::string& key) {
  std::int64_t id = 0;
  const auto [end, error] = std::from_chars(key.data(), key.data() + key.size(), id);
  if (error != std::errc{} || end != key.data() + key.size() || id <= 0) return std::nullopt;
  return id;
}

}  // namespace

Result<Person> GuestRegistrationService::request(const GuestRequest& request,
                                                 const SendGuestConfirmation& send) {
  if (auto name = check_guest_name(request.person.name); !name) return name.error();
  RegistrationService registrations(db_, clock_);
  for (const auto& unit : units_of(request)) {
    auto checked = registrations.check(unit, request.person);
    if (checked) continue;
    // Already registered: the mail goes out all the same.
    if (checked.error().failure == Failure::conflict) break;
    return checked.error();
  }
  Person person = request.person;
  if (auto normal = RegistrationService::normalise(person); normal) person = normal.value();
  store::RateLimiter limiter(db_, clock_);
  if (auto slot = reserve_guest_mail(limiter, person.email, request.ip); !slot) return slot.error();
  const std::string token = random_token();
  const std::int64_t now = clock_.now();
  TrainingStore::Pending pending;
  pending.unit = units_of(request).front();
  pending.name = person.name;
  pending.email = person.email;
  pending.nis_code = person.nis_code;
  pending.sector = person.sector;
  pending.details = details_of(request);
  pending.expires_at = now + guest_link_validity;
  db_.transact([&](soci::session& sql) {
    TrainingStore::insert_pending(sql, sha256_hex(token), pending, now);
    if (send) send(sql, person, token);
  });
  return person;
}

std::optional<TrainingStore::Pending> GuestRegistrationService::pending(const std::string& token) {
  if (token.empty()) return std::nullopt;
  return db_.run([&](soci::session& sql) {
    return TrainingStore::find_pending(sql, sha256_hex(token), clock_.now());
  });
}

std::optional<Result<std::vector<Registration>>> GuestRegistrationService::confirm(
    const std::string& token) {
  if (token.empty()) return std::nullopt;
  const std::int64_t now = clock_.now();
  auto pending = db_.transact(
      [&](soci::session& sql) { return TrainingStore::take_pending(sql, sha256_hex(token), now); });
  if (!pending) return std::nullopt;
  auto details = nlohmann::json::parse(pending->details, nullptr, false);
  Person person{std::nullopt, pending->name, pending->email, pending->nis_code, pending->sector};
  std::vector<std::int64_t> session_ids;
  if (pending->unit.session_id) session_ids.push_back(*pending->unit.session_id);
  if (details.is_object() && details.contains("sessions") && details["sessions"].is_array())
    for (const auto& id : details["sessions"])
      if (id.is_number_integer()) session_ids.push_back(id.get<std::int64_t>());
  RegistrationService registrations(db_, clock_, notify_);
  return registrations.register_sessions(
      pending->unit.series_id, session_ids, person, [&](soci::session& sql, const Registration& r) {
        if (!details.is_object() || !details.contains("answers")) return;
        for (const auto& [question, answer] : details["answers"].items())
          if (auto id = question_id(question); id && answer.is_string())
            TrainingStore::save_answer(sql, r.id, *id, answer.get<std::string>());
      });
}

}  // namespace schakel::trainings
