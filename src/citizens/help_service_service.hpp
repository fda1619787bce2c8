#pragma once
// The rules of the help-service directory: checking a service as a form gives it,
// who may maintain which service, and what a citizen or professional finds for a place.
// A SPOC maintains the services of their municipality (the first of a local area);
// the coordinator maintains every service, also supra-local ones (a province or
// all of Flanders). Citizens see the services a person can contact on their own;
// professionals also those reached only through a referral.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "citizens/help_service_types.hpp"
#include "core/clock.hpp"
#include "core/result.hpp"
#include "reference/municipalities.hpp"
#include "store/database.hpp"
#include "web/http.hpp"

namespace schakel::citizens {

// A service as the maintenance form sends it (field names of the form in comments).
struct ServiceInput {
  std::string organization;                // organisatie
  std::string name;                        // naam
  std::string description;                 // omschrijving
  std::string type;                        // soort: service_type_code
  std::string referral;                    // toegang: self, professional
  std::vector<std::string> themes;         // thema (repeated)
  std::vector<std::string> target_groups;  // doelgroep (repeated)
  std::string languages;                   // talen: "nl, fr"
  std::string hours;                       // openingsuren: lines "ma-vr 9:00-17:00"
  std::string phones;                      // telefoons: lines "09 123 45 67: Onthaal"
  std::string url;                         // website
  std::string email;                       // e-mail
  std::string address;                     // adres
  std::string postcode;                    // postcode
  std::string accessibility;               // toegankelijkheid
  std::string area_kind;                   // werkgebied: local, province, flanders
  std::string municipalities;  // gemeenten: names, postcodes or NIS codes, one per line or ","
  std::string province;        // provincie
};

// The form's input of an existing service (to fill the edit form).
ServiceInput input_of(store::Database& db, const HelpService& s);

// What a place lookup found: one municipality, or several to choose from.
struct PlaceMatch {
  std::vector<reference::Municipality> municipalities;  // one, or several (ask which)
};

// The services for a place, local ones first, then supra-local ones.
struct LocalHelp {
  reference::Municipality municipality;
  std::vector<HelpService> local;
  std::vector<HelpService> supra_local;
};

class HelpServices {
 public:
  HelpServices(store::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  // `in` as a typed service, or field errors (in Dutch, by form field name).
  Result<HelpService> check(const ServiceInput& in) const;

  // Adds a service; forbidden unless `user` speaks for its municipality (the
  // coordinator for a supra-local one): a field error on werkgebied/gemeenten.
  Result<std::int64_t> create(const std::optional<web::Principal>& user, const ServiceInput& in);
  // Changes service `id`: not_found, forbidden when `user` may not maintain it
  // (before or after the change), invalid with field errors. Keeps its demo flag.
  Status update(const std::optional<web::Principal>& user, std::int64_t id, const ServiceInput& in);
  // Deletes service `id` (not_found, forbidden as update).
  Status remove(const std::optional<web::Principal>& user, std::int64_t id);
  // Service `id` when `user` may maintain it (not_found, forbidden).
  Result<HelpService> editable(const std::optional<web::Principal>& user, std::int64_t id) const;
  // The services `user` maintains: every one for the coordinator, those of their
  // municipalities for a SPOC, none for others.
  std::vector<HelpService> maintained_by(const std::optional<web::Principal>& user) const;
  // True when `user` may maintain `s`.
  static bool may_maintain(const std::optional<web::Principal>& user, const HelpService& s);

  // Replaces the whole directory with `services` (an import): the coordinator only.
  // Returns how many services it now holds.
  Result<std::size_t> replace_all(const std::optional<web::Principal>& user,
                                  const std::vector<HelpService>& services);
  // Every service, in export order.
  std::vector<HelpService> all() const;

  // What a person typed (postcode, municipality or deelgemeente name): invalid with a
  // message on field `plaats` when empty or unknown.
  Result<PlaceMatch> find_place(const std::string& text) const;
  // The services for the municipality of place code `code` (not_found when the code
  // names no municipality). With `professional`, also services reached only through
  // a professional.
  Result<LocalHelp> local_help(const std::string& code, bool professional) const;
  // The same for a NIS code.
  Result<LocalHelp> local_help_for(const std::string& nis_code, bool professional) const;

 private:
  store::Database& db_;
  const Clock& clock_;
};

// `services` of `theme` and `target_group` (each "" for any).
std::vector<HelpService> filter_services(const std::vector<HelpService>& services,
                                         const std::string& theme, const std::string& target_group);

}  // namespace schakel::citizens
