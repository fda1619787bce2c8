#pragma once
// Help pages in the site search: public documents (entity "help_page") that
// come first for a citizen's question.
#include "citizens/help_page_types.hpp"
#include "search/engine.hpp"

namespace schakel::citizens {

search::IndexDocument help_page_document(const HelpPage& page);
search::DocumentSource help_page_source();

}  // namespace schakel::citizens
