#include "campaigns/campaigns.hpp"

#include "app/app.hpp"

namespace schakel::campaigns {

void install(App& app) {
  // Postcards, distribution rounds and the QR target register here.
  (void)app;
}

}  // namespace schakel::campaigns
