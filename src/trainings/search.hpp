#pragma once
// Training series as documents of the kennisbank search: a published series
// is found like a resource of kind "Vormingsaanbod", with its themes as facets.
#include "search/engine.hpp"

namespace schakel::trainings {

// The search source of entity "training_series" (documents "training:<id>").
search::DocumentSource series_source();

}  // namespace schakel::trainings
