#include "digest/digest.hpp"

#include "app/app.hpp"

namespace schakel::digest {

void install(App& app) { (void)app; }

}  // namespace schakel::digest
