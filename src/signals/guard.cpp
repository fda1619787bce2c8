#include "signals/guard.hpp"

#include "signals/retention.hpp"
#include "signals/search.hpp"

namespace schakel::signals {

void install_guard(App& app) {
  install_retention(app);
  install_search(app);
}

}  // namespace schakel::signals
