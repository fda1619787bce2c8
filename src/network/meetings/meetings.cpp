#include "network/meetings/meetings.hpp"

#include "app/app.hpp"

namespace schakel::meetings {

void install(App& app) { (void)app; }

}  // namespace schakel::meetings
