#pragma once
// Internal to the trainings stores (store.cpp, listing_store.cpp): the columns of
// a series and a session in SELECTs, and the values read back from a row.
#include <soci/soci.h>

#include "trainings/types.hpp"

namespace schakel::trainings::rows {

// "id, slug, title, ..." of training_series, in the order series_from reads.
extern const char* const series_columns;
// "id, series_id, module, ..." of training_sessions, in the order session_from reads.
extern const char* const session_columns;

// A series (without its themes) from a row of `series_columns`.
Series series_from(const soci::row& row);
// A session from a row of `session_columns`.
Session session_from(const soci::row& row);

}  // namespace schakel::trainings::rows
