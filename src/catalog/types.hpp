#pragma once
// The kennisbank: tools, good practices, initiatives and other resources that
// professionals use (DESIGN.md section 1, the fourth recommendation). Field set
// after the intervention databases of Movisie and NJi, so a professional can
// judge whether to use a resource.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/choice.hpp"
#include "revisions/revisions.hpp"

namespace schakel::catalog {

// A term of a vocabulary ("theme", "audience", "age_group").
struct Term {
  std::int64_t id = 0;
  std::string vocabulary;
  std::string slug;
  std::string label;
};

// A link to a page elsewhere (http or https only).
struct Link {
  std::string label;
  std::string url;
  bool operator==(const Link&) const = default;
};

struct Resource {
  std::int64_t id = 0;
  std::string slug;
  std::string kind;  // one of kinds()
  std::string title;
  std::string summary;
  std::string body;  // Markdown
  std::string language = "nl";
  std::string rationale;  // aanleiding
  std::string target_group;
  std::string goals;
  std::string approach;
  std::string conditions;  // randvoorwaarden
  std::string transferability;
  std::string cost;
  std::string training_needed;
  std::string evidence_level = "none_stated";  // one of evidence_levels()
  std::string contact_name;
  std::string contact_organisation;
  std::string scope = "flemish";      // local, supra_local, flemish, national
  std::string owner_nis_code;         // "" when no municipality owns it
  std::string visibility = "public";  // public, professionals, network
  std::string status = "draft";       // draft, in_review, published, archived
  std::vector<std::string> themes;    // vocabulary slugs
  std::vector<std::string> audiences;
  std::vector<std::string> age_groups;
  std::vector<std::string> tracks;  // prevention, care, enforcement
  std::vector<Link> links;
  // Initiatives and funding calls only (kind_has_policy); empty for other kinds.
  std::string policy_level;                         // "" or one of policy_levels()
  std::vector<std::string> policy_domains;          // vocabulary "policy_domain" slugs
  std::string deadline;                             // funding calls: "YYYY-MM-DD" (Brussels date)
  std::string running_from;                         // initiatives: "YYYY-MM-DD" or ""
  std::string running_until;                        // initiatives: "YYYY-MM-DD" or ""
  std::optional<std::int64_t> image_attachment_id;  // one of its attachments, an image
  std::string image_alt;                            // required when there is an image
  // Podcast episodes: the audio is an attachment or lives at audio_url.
  std::optional<std::int64_t> audio_attachment_id;
  std::string audio_url;
  std::string duration;  // "mm:ss" or "hh:mm:ss"
  std::string guests_prevention;
  std::string guests_care;
  std::string guests_enforcement;
  std::optional<std::int64_t> created_by;
  std::optional<std::int64_t> updated_by;
  std::int64_t created_at = 0;
  std::int64_t updated_at = 0;
  std::optional<std::int64_t> published_at;
};

// A revision of a resource: subject kind "resource" in the shared revisions layer.
using Revision = revisions::Revision;

const std::vector<Choice>& kinds();
// The fields that help a colleague judge whether something works for them
// (rationale, target group, goals, approach, conditions, transferability, cost,
// training needed, evidence level) belong to tools, good practices, initiatives
// and training offers; documents, podcast episodes, campaign material and
// funding calls do without them.
bool kind_has_assessment(const std::string& kind);
// The assessment fields of kind_has_assessment(), by name.
const std::vector<std::string>& assessment_fields();
const std::vector<Choice>& evidence_levels();
const std::vector<Choice>& scopes();
const std::vector<Choice>& statuses();
// The three tracks of the network (DESIGN.md section 1) with their Dutch labels.
const std::vector<Choice>& tracks();

// Initiatives and funding calls carry a policy level and policy domains;
// funding calls a deadline, initiatives a running period (initiative_types.cpp).
bool kind_has_policy(const std::string& kind);
// local, provincial, flemish, federal, european with their Dutch labels.
const std::vector<Choice>& policy_levels();

// The editable fields of `r` as JSON (for revisions), and back.
std::string snapshot_of(const Resource& r);
// Applies a snapshot to `r` (id, slug, owner and timestamps are kept).
void apply_snapshot(Resource& r, const std::string& snapshot);

// The text fields a history page compares, with their Dutch labels.
const std::vector<Choice>& text_fields();
// The value of text field `name` of `r` ("" for an unknown name).
std::string text_field(const Resource& r, const std::string& name);

}  // namespace schakel::catalog
