#include "archive/archive.hpp"

#include "app/app.hpp"

namespace schakel::archive {

void install(App& app) { static_cast<void>(app); }

}  // namespace schakel::archive
