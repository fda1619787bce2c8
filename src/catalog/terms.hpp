#pragma once
// The kennisbank's vocabularies (themes, audiences, age groups), as other features
// read them: trainings tag their series with the kennisbank's themes. Features
// include this header, never catalog/store.hpp.
#include <string>
#include <vector>

#include "catalog/types.hpp"
#include "store/database.hpp"

namespace schakel::catalog {

// The terms of `vocabulary` ("theme", "audience", "age_group") in their order.
std::vector<Term> terms(store::Database& db, const std::string& vocabulary);

// Term slugs of `vocabulary` that do not exist (empty when all are known), inside
// the caller's transaction.
std::vector<std::string> unknown_terms(soci::session& sql, const std::string& vocabulary,
                                       const std::vector<std::string>& slugs);

}  // namespace schakel::catalog
