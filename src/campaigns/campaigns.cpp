#include "campaigns/campaigns.hpp"

#include "app/app.hpp"
#include "campaigns/attention.hpp"
#include "campaigns/demo.hpp"
#include "campaigns/routes.hpp"
#include "campaigns/store.hpp"

namespace schakel::campaigns {

void install(App& app) {
  // Every table of this feature in the full export (archive/, issue 15).
  app.add_archive_tables(
      archive_tables_of("campaigns", {"postcards", "postcard_help_lines", "distribution_rounds",
                                      "distributions", "postcard_scans"}));
  app.add_demo_loader(DemoLoader{"campaigns", 70, load_demo, &CampaignStore::delete_demo});
  install_postcard_routes(app);
  install_round_routes(app);
  // The dashboard line (issue 14).
  install_attention(app);
}

}  // namespace schakel::campaigns
