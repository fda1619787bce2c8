#include "root/features.hpp"

#include "accounts/accounts.hpp"
#include "admin/admin.hpp"
#include "archive/archive.hpp"
#include "campaigns/campaigns.hpp"
#include "catalog/catalog.hpp"
#include "citizens/citizens.hpp"
#include "dashboard/dashboard.hpp"
#include "digest/digest.hpp"
#include "network/meetings/meetings.hpp"
#include "network/network.hpp"
#include "signals/signals.hpp"
#include "site/site.hpp"
#include "trainings/trainings.hpp"

namespace schakel {

void install_features(App& app) {
  site::install(app);
  network::install(app);
  signals::install(app);
  accounts::install(app);
  admin::install(app);
  catalog::install(app);
  trainings::install(app);
  citizens::install(app);
  campaigns::install(app);
  digest::install(app);
  meetings::install(app);
  dashboard::install(app);
  archive::install(app);
}

}  // namespace schakel
