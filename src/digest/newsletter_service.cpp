#include "digest/newsletter_service.hpp"

#include <nlohmann/json.hpp>

#include "app/app.hpp"
#include "core/text.hpp"
#include "digest/newsletter_store.hpp"
#include "digest/unsubscribe.hpp"
#include "store/rate_limits.hpp"
#include "store/signing_key.hpp"
#include "view/markdown.hpp"
#include "web/access.hpp"

namespace schakel::digest {

namespace {

constexpr store::RateRule drafts_per_hour{30, 3600};
constexpr store::RateRule tests_per_hour{10, 3600};

bool is_coordinator(const std::optional<web::Principal>& user) {
  return user && user->role == Role::coordinator;
}

Error busy(std::int64_t wait, const std::string& what) {
  return Error::of(Failure::busy, "Je " + what + " dit uur al vaak. Probeer opnieuw over " +
                                      std::to_string((wait + 59) / 60) + " minuten.");
}

}  // namespace

FieldErrors validate_draft(const NewsletterDraft& draft) {
  FieldErrors errors;
  if (trim(draft.subject).empty())
    errors.push_back({"subject", "Geef de nieuwsbrief een onderwerp."});
  else if (utf8_length(draft.subject) > newsletter_subject_max)
    errors.push_back({"subject", "Het onderwerp is te lang: hoogstens " +
                                     std::to_string(newsletter_subject_max) + " tekens."});
  else if (draft.subject.find_first_of("\r\n") != std::string::npos)
    errors.push_back({"subject", "Het onderwerp moet op één regel staan."});
  if (trim(draft.body).empty())
    errors.push_back({"body", "Schrijf de tekst van de nieuwsbrief."});
  else if (utf8_length(draft.body) > newsletter_body_max)
    errors.push_back({"body", "De tekst is te lang: hoogstens " +
                                  std::to_string(newsletter_body_max) + " tekens."});
  return errors;
}

Result<Newsletter> NewsletterService::create(const web::Principal& actor,
                                             const NewsletterDraft& draft) {
  if (actor.role != Role::coordinator) return Error::of(Failure::forbidden);
  auto errors = validate_draft(draft);
  if (!errors.empty()) return Error{Failure::invalid, errors};
  store::RateLimiter limiter(app_.db(), app_.clock());
  const auto slot = limiter.reserve("newsletter:new:" + std::to_string(actor.id), drafts_per_hour);
  if (slot.wait > 0) return busy(slot.wait, "maakte");
  return app_.db().transact([&](soci::session& sql) -> Result<Newsletter> {
    Newsletter letter;
    letter.subject = trim(draft.subject);
    letter.body = draft.body;
    letter.created_by = actor.id;
    const auto id = NewsletterStore::insert(sql, letter, app_.clock().now());
    return *NewsletterStore::find(sql, id);
  });
}

Result<Newsletter> NewsletterService::update(const web::Principal& actor, std::int64_t id,
                                             const NewsletterDraft& draft) {
  if (actor.role != Role::coordinator) return Error::of(Failure::forbidden);
  auto errors = validate_draft(draft);
  if (!errors.empty()) return Error{Failure::invalid, errors};
  return app_.db().transact([&](soci::session& sql) -> Result<Newsletter> {
    auto current = NewsletterStore::find(sql, id);
    if (!current) return Error::of(Failure::not_found);
    if (!NewsletterStore::update_draft(sql, id, trim(draft.subject), draft.body,
                                       app_.clock().now()))
      return Error::of(Failure::conflict,
                       "Deze nieuwsbrief is al verstuurd en kan niet meer veranderen.");
    return *NewsletterStore::find(sql, id);
  });
}

Result<Newsletter> NewsletterService::find(const std::optional<web::Principal>& user,
                                           std::int64_t id) {
  auto letter = app_.db().run([&](soci::session& sql) { return NewsletterStore::find(sql, id); });
  if (!letter || (letter->status != NewsletterStatus::sent && !is_coordinator(user)) ||
      (segment_is_network_only(letter->segment) && !web::in_network(user)))
    return Error::of(Failure::not_found, "Deze nieuwsbrief bestaat niet.");
  return *letter;
}

std::vector<Newsletter> NewsletterService::archive(const std::optional<web::Principal>& user) {
  auto letters = app_.db().run([](soci::session& sql) { return NewsletterStore::sent(sql); });
  if (!web::in_network(user))
    std::erase_if(letters, [](const Newsletter& n) { return segment_is_network_only(n.segment); });
  return letters;
}

std::vector<Newsletter> NewsletterService::unsent() {
  return app_.db().run([](soci::session& sql) { return NewsletterStore::unsent(sql); });
}

mail::Mail NewsletterService::mail_for(const Newsletter& letter, const NewsletterRecipient& to,
                                       const std::string& signing_key, bool test) {
  const std::string token =
      unsubscribe_token(signing_key, to.user_id, Kind::newsletter, app_.clock().now());
  const std::string url = unsubscribe_url(app_.base_url(), token);
  nlohmann::json model = {
      {"subject", (test ? "[Test] " : "") + letter.subject},
      {"name", to.name},
      {"body_text", letter.body},
      {"body_html", view::render_markdown(letter.body)},
      {"archive_url", app_.base_url() + "/nieuwsbrief/" + std::to_string(letter.id)},
      {"is_test", test},
      {"unsubscribe_url", url}};
  auto mail = app_.compose_mail(to.email, "digest/newsletter_mail", std::move(model));
  mail.headers = unsubscribe_headers(url);
  return mail;
}

Status NewsletterService::send_test(const web::Principal& actor, std::int64_t id) {
  if (actor.role != Role::coordinator) return Error::of(Failure::forbidden);
  auto letter = find(actor, id);
  if (!letter) return letter.error();
  store::RateLimiter limiter(app_.db(), app_.clock());
  const auto slot = limiter.reserve("newsletter:test:" + std::to_string(actor.id), tests_per_hour);
  if (slot.wait > 0) return busy(slot.wait, "stuurde testmails");
  const auto mail = mail_for(letter.value(), {actor.id, actor.email, actor.name},
                             store::signing_key(app_.db()), true);
  app_.db().transact([&](soci::session& sql) { mail::enqueue(sql, mail, app_.clock().now()); });
  return ok_status();
}

Result<int> NewsletterService::send(const web::Principal& actor, std::int64_t id,
                                    const NewsletterSegment& segment, int expected) {
  if (actor.role != Role::coordinator) return Error::of(Failure::forbidden);
  const auto people = recipients(segment);
  if (people.empty())
    return Error::invalid("segment",
                          "Niemand in deze groep krijgt de nieuwsbrief. Kies een "
                          "andere groep.");
  const int count = static_cast<int>(people.size());
  if (count != expected)
    return Error::of(Failure::conflict, "Het aantal ontvangers is intussen veranderd: nu " +
                                            std::to_string(count) + " in plaats van " +
                                            std::to_string(expected) +
                                            ". Kijk het opnieuw na en bevestig nog eens.");
  const std::string key = store::signing_key(app_.db());
  return app_.db().transact([&](soci::session& sql) -> Result<int> {
    const std::int64_t now = app_.clock().now();
    // The one step that decides: only one caller moves the draft to sending.
    if (!NewsletterStore::claim(sql, id, segment.key(), count, now)) {
      if (!NewsletterStore::find(sql, id)) return Error::of(Failure::not_found);
      return Error::of(Failure::conflict, "Deze nieuwsbrief is al verstuurd.");
    }
    const Newsletter letter = *NewsletterStore::find(sql, id);
    int queued = 0;
    for (std::size_t k = 0; k < people.size(); ++k) {
      const std::int64_t at = spread_send_at(now, k, per_minute_);
      if (!NewsletterStore::add_recipient(sql, id, people[k].user_id, at)) continue;
      auto mail = mail_for(letter, people[k], key, false);
      mail.send_at = at;
      mail::enqueue(sql, mail, now);
      ++queued;
    }
    NewsletterStore::finish(sql, id, now);
    return queued;
  });
}

}  // namespace schakel::digest
