#include "catalog/service.hpp"

#include "web/access.hpp"

#include <algorithm>
#include <cctype>

#include "catalog/initiative.hpp"

#include "web/form.hpp"
#include "web/visibility.hpp"

namespace schakel::catalog {

namespace {

// "Probeer opnieuw over 12 minuten." (or hours, for the daily limit).
std::string accounts_wait(std::int64_t seconds) {
  const std::int64_t minutes = (seconds + 59) / 60;
  if (minutes <= 90)
    return "Probeer opnieuw over " + std::to_string(minutes) +
           (minutes == 1 ? " minuut." : " minuten.");
  const std::int64_t hours = (minutes + 59) / 60;
  return "Probeer opnieuw over " + std::to_string(hours) + " uur.";
}

std::size_t characters(const std::string& s) {
  std::size_t n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

}  // namespace

bool may_open(const std::optional<web::Principal>& user, const Resource& r) {
  if (may(user, Action::edit, &r)) return true;
  if (user && r.created_by && *r.created_by == user->id) return true;
  auto level = web::parse_visibility(r.visibility);
  return r.status == "published" && level && web::can_see(user, *level);
}

bool valid_duration(const std::string& text) {
  int parts[3] = {0, 0, 0}, count = 0;
  std::size_t digits = 0;
  for (char c : text) {
    if (c == ':') {
      if (digits == 0 || ++count > 2) return false;
      digits = 0;
    } else if (c >= '0' && c <= '9' && digits < 2) {
      parts[count] = parts[count] * 10 + (c - '0');
      ++digits;
    } else {
      return false;
    }
  }
  if (count == 0 || digits != 2) return false;
  // The parts after the first are two digits below 60.
  for (int i = 1; i <= count; ++i)
    if (parts[i] >= 60) return false;
  return true;
}

bool valid_web_url(const std::string& text) {
  std::string lower;
  for (char c : text.substr(0, 8))
    lower.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  std::size_t host = lower.rfind("https://", 0) == 0 ? 8 : lower.rfind("http://", 0) == 0 ? 7 : 0;
  if (host == 0 || text.size() > 2000 || !web::valid_utf8(text)) return false;
  for (unsigned char c : text)
    if (c <= 0x20 || c == 0x7F || c == '"' || c == '<' || c == '>' || c == '\\') return false;
  const std::size_t end = text.find_first_of("/?#", host);
  const std::string authority =
      text.substr(host, end == std::string::npos ? std::string::npos : end - host);
  return !authority.empty() && authority.find('@') == std::string::npos && authority[0] != '.' &&
         authority[0] != ':';
}

bool may(const std::optional<web::Principal>& user, Action action, const Resource* resource,
         const std::string& owner_nis_code) {
  if (!user) return false;
  const Role role = user->role;
  if (role == Role::coordinator) return true;
  const std::string owner = resource ? resource->owner_nis_code : owner_nis_code;
  switch (action) {
    case Action::propose:
      return role == Role::professional || role == Role::spoc;
    case Action::edit:
    case Action::publish:
    case Action::view_history:
      return role == Role::spoc && web::speaks_for(user, owner);
  }
  return false;
}

std::string slugify(const std::string& title) {
  static const std::pair<const char*, char> folds[] = {
      {"\xC3\xA0", 'a'}, {"\xC3\xA1", 'a'}, {"\xC3\xA2", 'a'}, {"\xC3\xA4", 'a'}, {"\xC3\xA8", 'e'},
      {"\xC3\xA9", 'e'}, {"\xC3\xAA", 'e'}, {"\xC3\xAB", 'e'}, {"\xC3\xAC", 'i'}, {"\xC3\xAD", 'i'},
      {"\xC3\xAE", 'i'}, {"\xC3\xAF", 'i'}, {"\xC3\xB2", 'o'}, {"\xC3\xB3", 'o'}, {"\xC3\xB4", 'o'},
      {"\xC3\xB6", 'o'}, {"\xC3\xB9", 'u'}, {"\xC3\xBA", 'u'}, {"\xC3\xBB", 'u'}, {"\xC3\xBC", 'u'},
      {"\xC3\xA7", 'c'}, {"\xC3\xB1", 'n'}};
  std::string out;
  bool dash = false;
  for (std::size_t i = 0; i < title.size();) {
    unsigned char c = static_cast<unsigned char>(title[i]);
    char mapped = 0;
    std::size_t used = 1;
    if (std::isalnum(c) && c < 0x80) {
      mapped = static_cast<char>(std::tolower(c));
    } else if (c >= 0xC0) {
      for (const auto& [from, to] : folds)
        if (title.compare(i, 2, from) == 0) mapped = to;
      used = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
      if (!mapped && c == 0xC3 && i + 1 < title.size()) {  // upper-case accented letters
        unsigned char d = static_cast<unsigned char>(title[i + 1]);
        if (d >= 0x80 && d <= 0x9F) {
          const std::string lower = std::string(1, '\xC3') + static_cast<char>(d + 0x20);
          for (const auto& [from, to] : folds)
            if (lower == from) mapped = to;
        }
      }
    }
    i += used;
    if (mapped) {
      if (dash && !out.empty()) out.push_back('-');
      out.push_back(mapped);
      dash = false;
    } else {
      dash = true;
    }
    if (out.size() >= 80) break;
  }
  return out.empty() ? "fiche" : out;
}

namespace {

// A text field: filled in when `required`, valid UTF-8, at most `max` characters.
void check_text(FieldErrors& errors, const char* field, const std::string& value, std::size_t max,
                bool required, const char* label) {
  if (required && value.empty())
    errors.push_back({field, std::string("Vul ") + label + " in."});
  else if (!web::valid_utf8(value))
    errors.push_back({field, std::string("Er staan ongeldige tekens in ") + label + "."});
  else if (characters(value) > max)
    errors.push_back({field, std::string("Gebruik voor ") + label + " hoogstens " +
                                 std::to_string(max) + " tekens (nu " +
                                 std::to_string(characters(value)) + ")."});
}

// Links: label and an http(s) address, both or neither.
void check_links(FieldErrors& errors, const Resource& r) {
  if (r.links.size() > limits::links)
    errors.push_back({"links", "Voeg hoogstens " + std::to_string(limits::links) + " links toe."});
  for (std::size_t i = 0; i < r.links.size(); ++i) {
    const auto& link = r.links[i];
    const std::string which = "Link " + std::to_string(i + 1) + ": ";
    if (link.label.empty() || characters(link.label) > 200 || !web::valid_utf8(link.label))
      errors.push_back({"links", which + "geef de link een naam van hoogstens 200 tekens."});
    else if (!valid_web_url(link.url))
      errors.push_back(
          {"links", which + "gebruik een volledig webadres dat begint met https:// of http://."});
  }
}

// The image and the audio are attachments of resource `id` of the right kind;
// the podcast's audio address and duration are well formed.
void check_media(soci::session& sql, FieldErrors& errors, const Resource& r, std::int64_t id) {
  const auto attachments = id ? AttachmentStore::of_resource(sql, id) : std::vector<Attachment>{};
  auto attachment = [&](std::int64_t wanted) -> const Attachment* {
    for (const auto& a : attachments)
      if (a.id == wanted) return &a;
    return nullptr;
  };
  if (r.image_attachment_id) {
    const Attachment* image = attachment(*r.image_attachment_id);
    if (!image || !image->is_image())
      errors.push_back(
          {"image_attachment_id", "Kies een afbeelding uit de bijlagen van de fiche."});
    else if (r.image_alt.empty())
      errors.push_back({"image_alt",
                        "Beschrijf wat er op de afbeelding staat, voor wie ze niet "
                        "kan zien."});
  }
  check_text(errors, "image_alt", r.image_alt, 300, false, "de beschrijving van de afbeelding");
  if (r.audio_attachment_id) {
    const Attachment* audio = attachment(*r.audio_attachment_id);
    if (!audio || !audio->is_audio())
      errors.push_back(
          {"audio_attachment_id", "Kies een audiobestand uit de bijlagen van de fiche."});
  }
  if (!r.audio_url.empty() && !valid_web_url(r.audio_url))
    errors.push_back(
        {"audio_url", "Gebruik een volledig webadres dat begint met https:// of http://."});
  if (r.audio_attachment_id && !r.audio_url.empty())
    errors.push_back({"audio_url", "Kies een audiobestand of een webadres, niet allebei."});
  if (!r.duration.empty() && !valid_duration(r.duration))
    errors.push_back({"duration", "Schrijf de duur als mm:ss of uu:mm:ss, bijvoorbeeld 42:05."});
}

}  // namespace

FieldErrors CatalogService::validate(soci::session& sql, const Resource& r, std::int64_t id) {
  FieldErrors errors;
  auto text = [&](const char* field, const std::string& value, std::size_t max, bool required,
                  const char* label) { check_text(errors, field, value, max, required, label); };
  text("title", r.title, limits::title, true, "een titel");
  text("summary", r.summary, limits::summary, true, "een korte samenvatting");
  text("body", r.body, limits::body, false, "de beschrijving");
  for (const auto& [field, label] :
       {std::pair{"rationale", "de aanleiding"}, std::pair{"target_group", "de doelgroep"},
        std::pair{"goals", "de doelen"}, std::pair{"approach", "de aanpak"},
        std::pair{"conditions", "de randvoorwaarden"},
        std::pair{"transferability", "de overdraagbaarheid"}, std::pair{"cost", "de kostprijs"},
        std::pair{"training_needed", "de nodige vorming"}})
    text(field, text_field(r, field), limits::section, false, label);
  text("contact_name", r.contact_name, 200, false, "de contactpersoon");
  text("contact_organisation", r.contact_organisation, 200, false, "de organisatie");
  if (!is_choice(kinds(), r.kind)) errors.push_back({"kind", "Kies een soort."});
  if (!is_choice(evidence_levels(), r.evidence_level))
    errors.push_back({"evidence_level", "Kies een niveau."});
  if (!is_choice(scopes(), r.scope)) errors.push_back({"scope", "Kies een reikwijdte."});
  if (!is_choice(statuses(), r.status)) errors.push_back({"status", "Kies een status."});
  if (!web::parse_visibility(r.visibility))
    errors.push_back({"visibility", "Kies wie dit mag zien."});
  if (r.language != "nl" && r.language != "fr" && r.language != "en")
    errors.push_back({"language", "Kies een taal."});
  if (r.scope == "local" && r.owner_nis_code.empty())
    errors.push_back({"owner_nis_code", "Een lokaal initiatief hoort bij een gemeente."});
  for (const auto& [vocabulary, slugs, field] :
       {std::tuple{"theme", &r.themes, "themes"}, std::tuple{"audience", &r.audiences, "audiences"},
        std::tuple{"age_group", &r.age_groups, "age_groups"}})
    if (!CatalogStore::unknown_terms(sql, vocabulary, *slugs).empty())
      errors.push_back({field, "Kies uit de lijst."});
  for (const auto& t : r.tracks)
    if (t != "prevention" && t != "care" && t != "enforcement")
      errors.push_back({"tracks", "Kies uit de lijst."});
  check_links(errors, r);
  check_media(sql, errors, r, id);
  check_policy(sql, errors, r);
  for (const char* field : {"guests_prevention", "guests_care", "guests_enforcement"})
    text(field, text_field(r, field), limits::guests, false, "de gasten");
  if (!CatalogStore::slug_free(sql, r.slug, id))
    errors.push_back({"title", "Er bestaat al een fiche met een gelijkaardige titel."});
  return errors;
}

Result<Term> CatalogService::add_term(const web::Principal& actor, const std::string& vocabulary,
                                      const std::string& label_in) {
  if (actor.role != Role::coordinator) return Error::of(Failure::forbidden);
  if (vocabulary != "theme" && vocabulary != "audience" && vocabulary != "age_group" &&
      vocabulary != "policy_domain")
    return Error::invalid("vocabulary", "Kies een van de lijsten.");
  // Trimmed, inner runs of spaces made one.
  std::string label;
  for (char c : label_in) {
    const bool space = c == ' ' || c == '\t' || c == '\n' || c == '\r';
    if (space) {
      if (!label.empty() && label.back() != ' ') label += ' ';
    } else {
      label += c;
    }
  }
  while (!label.empty() && label.back() == ' ') label.pop_back();
  if (!web::valid_utf8(label) || characters(label) < 2 || characters(label) > 60)
    return Error::invalid("label", "Geef een naam van 2 tot 60 tekens.");
  const bool has_letter = std::any_of(label.begin(), label.end(), [](char c) {
    const auto b = static_cast<unsigned char>(c);
    return b >= 0x80 || std::isalnum(b);
  });
  const std::string slug = slugify(label);
  if (!has_letter || slug.empty())
    return Error::invalid("label", "Gebruik minstens een letter of cijfer.");
  const std::int64_t now = clock_.now();
  return db_.transact([&](soci::session& sql) -> Result<Term> {
    if (CatalogStore::term_exists(sql, vocabulary, slug, label))
      return Error::invalid("label", "Die term staat al in de lijst.");
    if (CatalogStore::count_terms(sql, vocabulary) >= 100)
      return Error::invalid("label", "Een lijst heeft hoogstens 100 termen.");
    Term term;
    term.vocabulary = vocabulary;
    term.slug = slug;
    term.label = label;
    term.id = CatalogStore::add_term(sql, vocabulary, slug, label, now);
    return term;
  });
}

Result<Resource> CatalogService::create(const web::Principal& actor, Resource draft) {
  const std::optional<web::Principal> user = actor;
  const bool editor = may(user, Action::edit, nullptr, draft.owner_nis_code);
  if (!editor && !may(user, Action::propose, nullptr)) return Error::of(Failure::forbidden);
  if (!editor) draft.status = "in_review";  // a proposal goes to review
  clear_policy_fields(draft);
  draft.slug = slugify(draft.title);
  draft.created_by = draft.updated_by = actor.id;
  const std::int64_t now = clock_.now();
  if (draft.status == "published") draft.published_at = now;
  // Counted before the insert, so parallel posts cannot all pass; taken back
  // when the draft is refused. The coordinator curates and is not limited.
  store::RateLimiter limiter(db_, clock_);
  std::vector<std::int64_t> reserved;
  if (actor.role != Role::coordinator) {
    const std::string who = std::to_string(actor.id);
    for (const auto& [bucket, rule, when] :
         {std::tuple{"catalog:create:hour:" + who, new_resources_per_hour, "dit uur"},
          std::tuple{"catalog:create:day:" + who, new_resources_per_day, "vandaag"}}) {
      const auto slot = limiter.reserve(bucket, rule);
      if (slot.wait > 0) {
        for (auto id : reserved) limiter.release(id);
        return Error::of(Failure::busy, "Je maakte " + std::string(when) + " al " +
                                            std::to_string(rule.limit) + " nieuwe fiches aan. " +
                                            accounts_wait(slot.wait));
      }
      reserved.push_back(slot.id);
    }
  }
  auto created = db_.transact([&](soci::session& sql) -> Result<Resource> {
    auto errors = validate(sql, draft, 0);
    if (!errors.empty()) return Error{Failure::invalid, errors};
    draft.id = CatalogStore::insert(sql, draft, now);
    CatalogStore::add_revision(sql, draft, actor.id, actor.name, now);
    return *CatalogStore::find(sql, draft.id);
  });
  if (!created)
    for (auto id : reserved) limiter.release(id);
  return created;
}

Result<Resource> CatalogService::update(const web::Principal& actor, std::int64_t id,
                                        Resource changes) {
  return db_.transact([&](soci::session& sql) -> Result<Resource> {
    auto current = CatalogStore::find(sql, id);
    if (!current) return Error::of(Failure::not_found);
    const std::optional<web::Principal> user = actor;
    if (!may(user, Action::edit, &*current)) return Error::of(Failure::forbidden);
    // A SPOC cannot hand a resource to a municipality they do not speak for.
    if (!may(user, Action::edit, nullptr, changes.owner_nis_code))
      return Error::invalid("owner_nis_code", "Kies een gemeente waarvoor je SPOC bent.");
    const std::int64_t now = clock_.now();
    changes.id = id;
    changes.slug = current->slug;
    changes.created_by = current->created_by;
    changes.created_at = current->created_at;
    changes.updated_by = actor.id;
    changes.published_at = current->published_at;
    clear_policy_fields(changes);
    if (changes.status == "published" && !changes.published_at) changes.published_at = now;
    auto errors = validate(sql, changes, id);
    if (!errors.empty()) return Error{Failure::invalid, errors};
    CatalogStore::update(sql, changes, now);
    CatalogStore::add_revision(sql, changes, actor.id, actor.name, now);
    return *CatalogStore::find(sql, id);
  });
}

Result<Resource> CatalogService::restore(const web::Principal& actor, std::int64_t id, int number) {
  auto current = store_.find(id);
  if (!current) return Error::of(Failure::not_found);
  auto revision = store_.revision(id, number);
  if (!revision) return Error::of(Failure::not_found, "Deze versie bestaat niet.");
  Resource restored = *current;
  apply_snapshot(restored, revision->snapshot);
  // Attachments are not versioned: an image or audio removed since stays removed.
  auto attachments =
      db_.run([&](soci::session& sql) { return AttachmentStore::of_resource(sql, id); });
  auto still_there = [&](std::optional<std::int64_t>& ref) {
    if (!ref) return;
    for (const auto& a : attachments)
      if (a.id == *ref) return;
    ref.reset();
  };
  still_there(restored.image_attachment_id);
  still_there(restored.audio_attachment_id);
  return update(actor, id, restored);
}

}  // namespace schakel::catalog
