#include "catalog/types.hpp"

#include <nlohmann/json.hpp>

namespace schakel::catalog {

const std::vector<Choice>& kinds() {
  static const std::vector<Choice> list = {
      {"tool", "Tool"},
      {"good_practice", "Goede praktijk"},
      {"initiative", "Initiatief"},
      {"training_offer", "Vormingsaanbod"},
      {"document", "Document"},
      {"podcast_episode", "Podcastaflevering"},
      {"campaign_material", "Campagnemateriaal"},
      {"funding_call", "Projectoproep"},
  };
  return list;
}

bool kind_has_assessment(const std::string& kind) {
  return kind == "tool" || kind == "good_practice" || kind == "initiative" ||
         kind == "training_offer";
}

const std::vector<std::string>& assessment_fields() {
  static const std::vector<std::string> list = {"rationale", "target_group",   "goals",
                                                "approach",  "conditions",     "transferability",
                                                "cost",      "training_needed"};
  return list;
}

const std::vector<Choice>& tracks() {
  static const std::vector<Choice> list = {
      {"prevention", "Nabijheid"}, {"care", "Zorg"}, {"enforcement", "Grenzen"}};
  return list;
}

const std::vector<Choice>& evidence_levels() {
  static const std::vector<Choice> list = {
      {"none_stated", "Niet vermeld"},
      {"well_described", "Goed beschreven"},
      {"theoretically_sound", "Theoretisch onderbouwd"},
      {"indications_of_effect", "Aanwijzingen voor effect"},
      {"proven_effective", "Bewezen effectief"},
  };
  return list;
}

const std::vector<Choice>& scopes() {
  static const std::vector<Choice> list = {{"local", "Lokaal"},
                                           {"supra_local", "Bovenlokaal"},
                                           {"flemish", "Vlaams"},
                                           {"national", "Nationaal"}};
  return list;
}

const std::vector<Choice>& statuses() {
  static const std::vector<Choice> list = {{"draft", "Concept"},
                                           {"in_review", "Ter nalezing"},
                                           {"published", "Gepubliceerd"},
                                           {"archived", "Gearchiveerd"}};
  return list;
}

const std::vector<Choice>& text_fields() {
  static const std::vector<Choice> list = {
      {"title", "Titel"},
      {"summary", "Korte samenvatting"},
      {"body", "Beschrijving"},
      {"rationale", "Aanleiding"},
      {"target_group", "Doelgroep"},
      {"goals", "Doelen"},
      {"approach", "Aanpak"},
      {"conditions", "Randvoorwaarden"},
      {"transferability", "Overdraagbaarheid"},
      {"cost", "Kostprijs"},
      {"training_needed", "Nodige vorming"},
      {"contact_name", "Contactpersoon"},
      {"contact_organisation", "Organisatie"},
  };
  return list;
}

namespace {
// Each text field once, so snapshot, apply and text_field cannot drift apart.
std::string Resource::*member_of(const std::string& name) {
  static const std::vector<std::pair<const char*, std::string Resource::*>> members = {
      {"title", &Resource::title},
      {"summary", &Resource::summary},
      {"body", &Resource::body},
      {"rationale", &Resource::rationale},
      {"target_group", &Resource::target_group},
      {"goals", &Resource::goals},
      {"approach", &Resource::approach},
      {"conditions", &Resource::conditions},
      {"transferability", &Resource::transferability},
      {"cost", &Resource::cost},
      {"training_needed", &Resource::training_needed},
      {"contact_name", &Resource::contact_name},
      {"contact_organisation", &Resource::contact_organisation},
      {"kind", &Resource::kind},
      {"language", &Resource::language},
      {"evidence_level", &Resource::evidence_level},
      {"scope", &Resource::scope},
      {"visibility", &Resource::visibility},
      {"status", &Resource::status},
      {"image_alt", &Resource::image_alt},
      {"audio_url", &Resource::audio_url},
      {"duration", &Resource::duration},
      {"guests_prevention", &Resource::guests_prevention},
      {"guests_care", &Resource::guests_care},
      {"guests_enforcement", &Resource::guests_enforcement},
      {"policy_level", &Resource::policy_level},
      {"deadline", &Resource::deadline},
      {"running_from", &Resource::running_from},
      {"running_until", &Resource::running_until},
  };
  for (const auto& [key, member] : members)
    if (name == key) return member;
  return nullptr;
}

const char* const snapshot_strings[] = {"title",
                                        "summary",
                                        "body",
                                        "rationale",
                                        "target_group",
                                        "goals",
                                        "approach",
                                        "conditions",
                                        "transferability",
                                        "cost",
                                        "training_needed",
                                        "contact_name",
                                        "contact_organisation",
                                        "kind",
                                        "language",
                                        "evidence_level",
                                        "scope",
                                        "visibility",
                                        "status",
                                        "image_alt",
                                        "audio_url",
                                        "duration",
                                        "guests_prevention",
                                        "guests_care",
                                        "guests_enforcement",
                                        "policy_level",
                                        "deadline",
                                        "running_from",
                                        "running_until"};
}  // namespace

std::string text_field(const Resource& r, const std::string& name) {
  auto member = member_of(name);
  return member ? r.*member : std::string();
}

std::string snapshot_of(const Resource& r) {
  nlohmann::json j;
  for (const char* key : snapshot_strings) j[key] = r.*member_of(key);
  j["themes"] = r.themes;
  j["audiences"] = r.audiences;
  j["age_groups"] = r.age_groups;
  j["tracks"] = r.tracks;
  j["policy_domains"] = r.policy_domains;
  j["links"] = nlohmann::json::array();
  for (const auto& l : r.links) j["links"].push_back({{"label", l.label}, {"url", l.url}});
  auto id_or_null = [](const std::optional<std::int64_t>& id) {
    return id ? nlohmann::json(*id) : nlohmann::json(nullptr);
  };
  j["image_attachment_id"] = id_or_null(r.image_attachment_id);
  j["audio_attachment_id"] = id_or_null(r.audio_attachment_id);
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

void apply_snapshot(Resource& r, const std::string& snapshot) {
  auto j = nlohmann::json::parse(snapshot, nullptr, false);
  if (!j.is_object()) return;
  for (const char* key : snapshot_strings)
    if (j.contains(key) && j[key].is_string()) r.*member_of(key) = j[key].get<std::string>();
  auto list = [&](const char* key, std::vector<std::string>& out) {
    if (!j.contains(key) || !j[key].is_array()) return;
    out.clear();
    for (const auto& v : j[key])
      if (v.is_string()) out.push_back(v.get<std::string>());
  };
  list("themes", r.themes);
  list("audiences", r.audiences);
  list("age_groups", r.age_groups);
  list("tracks", r.tracks);
  list("policy_domains", r.policy_domains);
  if (j.contains("links") && j["links"].is_array()) {
    r.links.clear();
    for (const auto& l : j["links"])
      if (l.is_object() && l.value("label", nlohmann::json()).is_string() &&
          l.value("url", nlohmann::json()).is_string())
        r.links.push_back({l["label"].get<std::string>(), l["url"].get<std::string>()});
  }
  // An attachment may be gone since: the service checks these before saving.
  auto id = [&](const char* key, std::optional<std::int64_t>& out) {
    if (!j.contains(key)) return;
    out = j[key].is_number_integer() ? std::optional(j[key].get<std::int64_t>()) : std::nullopt;
  };
  id("image_attachment_id", r.image_attachment_id);
  id("audio_attachment_id", r.audio_attachment_id);
}

}  // namespace schakel::catalog
