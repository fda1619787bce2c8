#include "trainings/generate.hpp"

#include <algorithm>
#include <random>
#include <string>

#include "trainings/store.hpp"

namespace schakel::trainings {

namespace {

const char* const themes[] = {"child_abuse",      "partner_violence",    "elder_abuse",
                              "sibling_violence", "frames_of_reference", "conflict_talk_children"};
const char* const subjects[] = {"Signalen herkennen",       "Het eerste gesprek",
                                "Veiligheid inschatten",    "Doorverwijzen",
                                "Casusoverleg in de regio", "Nazorg en opvolging"};
const char* const organisers[] = {"Netwerk IFG", "Stad Gent", "Stad Aalst", "CAW Oost-Vlaanderen"};

// The first free number: generated series keep their numbers when more are added.
std::int64_t first_free_number(store::Database& db) {
  return db.run([](soci::session& sql) {
    std::int64_t n = 1;
    while (TrainingStore::slug_taken(sql, "vorming-gen-" + std::to_string(n))) ++n;
    return n;
  });
}

}  // namespace

std::int64_t generate_series(store::Database& db, std::int64_t count, std::uint64_t seed,
                             std::int64_t now,
                             const std::function<void(std::int64_t, std::int64_t)>& progress) {
  std::mt19937_64 rng(seed);
  auto pick = [&](std::size_t size) {
    return std::uniform_int_distribution<std::size_t>(0, size - 1)(rng);
  };
  const std::int64_t first = first_free_number(db);
  std::int64_t done = 0;
  if (progress) progress(0, count);
  while (done < count) {
    const std::int64_t batch = std::min<std::int64_t>(500, count - done);
    db.transact([&](soci::session& sql) {
      for (std::int64_t i = 0; i < batch; ++i) {
        const std::string number = std::to_string(first + done + i);
        Series s;
        s.slug = "vorming-gen-" + number;
        s.title =
            std::string(subjects[pick(std::size(subjects))]) + " (gegenereerd " + number + ")";
        s.description = "Een gegenereerde reeks om de snelheid van Schakel te meten.";
        s.audience = "Professionals in de eerste lijn";
        s.organiser = organisers[pick(std::size(organisers))];
        s.region = "Online";
        s.contact = "vorming@bench.schakel.be";
        s.status = "published";
        s.themes = {themes[pick(std::size(themes))]};
        s.id = TrainingStore::insert_series(sql, s, now);
        Session session;
        session.series_id = s.id;
        session.format = "webinar";
        session.online_url = "https://vergadering.bench.schakel.be/" + s.slug;
        const auto day = static_cast<std::int64_t>(30 + pick(91));
        session.starts_at = now + day * 86400;
        session.ends_at = session.starts_at + 3600;
        session.capacity = 10000;
        session.trainers = "Trainer (gegenereerd)";
        TrainingStore::insert_session(sql, session, now);
      }
    });
    done += batch;
    if (progress) progress(done, count);
  }
  return done;
}

}  // namespace schakel::trainings
