#pragma once
// The training series feature (issue 5). So far: registrations with a waitlist
// (trainings/service.hpp) and the job that ends offers whose time ran out.

namespace schakel {
class App;
}

namespace schakel::trainings {

// Registers the "trainings.expire_offers" job (every 5 minutes, on one node at a time).
void install(App& app);

}  // namespace schakel::trainings
