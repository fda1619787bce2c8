// Demo choices of a few demo accounts, so that `make run` shows the settings
// page with choices made and the digest job has people to write to.
#include "digest/demo.hpp"

#include "accounts/roles.hpp"
#include "digest/preference_store.hpp"

namespace schakel::digest {

namespace {

struct DemoChoices {
  const char* email;
  std::vector<Preference> rows;
};

const std::vector<DemoChoices>& demo_choices() {
  static const std::vector<DemoChoices> list = {
      {"professional@demo.schakel.be",
       {{Kind::resources, "", Frequency::daily},
        {Kind::resources, "elder_abuse", Frequency::none},
        {Kind::initiatives, "", Frequency::none}}},
      {"spoc.gent@demo.schakel.be",
       {{Kind::meetings, "", Frequency::daily},
        {Kind::trainings, "child_abuse", Frequency::daily}}},
      {"spoc.aalst@demo.schakel.be", {{Kind::newsletter, "", Frequency::none}}},
  };
  return list;
}

}  // namespace

void load_demo(soci::session& sql, const Clock& clock) {
  const std::int64_t now = clock.now();
  for (const auto& d : demo_choices())
    if (auto user = accounts::Roles::find_by_email(sql, d.email, now))
      PreferenceStore::replace(sql, user->user.id, d.rows, now);
}

void unload_demo(soci::session& sql) {
  for (const auto& d : demo_choices())
    if (auto user = accounts::Roles::find_by_email(sql, d.email, 0))
      PreferenceStore::replace(sql, user->user.id, {}, 0);
}

}  // namespace schakel::digest
