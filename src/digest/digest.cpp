#include "digest/digest.hpp"

#include "app/app.hpp"
#include "digest/newsletter.hpp"

namespace schakel::digest {

void install(App& app) { install_newsletters(app); }

}  // namespace schakel::digest
