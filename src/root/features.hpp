#pragma once
// The composition root: the one place that lists the features. The program
// (main.cpp) and the tests install them into an App (app/app.hpp, the host).
#include "app/app.hpp"

namespace schakel {

// Registers every feature (root/features.cpp).
void install_features(App& app);

}  // namespace schakel
