#pragma once
// The kennisbank in the search index: which resources are indexed and how, and
// the search request shared by the results page and the JSON API.
#include <optional>
#include <string>
#include <vector>

#include "catalog/types.hpp"
#include "core/clock.hpp"
#include "core/result.hpp"
#include "search/engine.hpp"
#include "web/form.hpp"
#include "web/http.hpp"

namespace schakel::catalog {

// One facet of the kennisbank search.
struct FacetSpec {
  const char* name;        // in the index: "kind", "theme", ...
  const char* page_param;  // on the results page: "soort", "thema", ...
  const char* api_param;   // in /api/v1: "kind", "theme", ...
  const char* label;       // Dutch heading
};
const std::vector<FacetSpec>& facet_specs();

// The value of facet "current" of a running initiative or an open funding call.
inline constexpr const char* current_value = "yes";

// The index document of a published resource. With `today` ("YYYY-MM-DD"), a
// running initiative or open funding call (is_current) gets facet "current";
// that facet is as fresh as the last indexing, which the job of
// install_initiatives keeps within the day.
search::IndexDocument index_document(const Resource& r, const std::string& today = {});
// Resources as a document source of the search engine (entity "resource");
// `clock` (outliving the source) dates the "current" facet.
search::DocumentSource resource_source(const Clock& clock);

// How a request names its parameters.
enum class ParamStyle { page, api };

// A search request from query parameters: text, filters, sort and page. Bad
// values (page not a number or out of range, unknown sort, too many or too long
// filter values) are field errors. Visibility comes from `user`, never from the request.
Result<search::SearchQuery> parse_search_request(const web::Form& params,
                                                 const std::optional<web::Principal>& user,
                                                 ParamStyle style, int page_size);

// The visibility levels `user` may see, as stored in the index.
std::vector<std::string> visible_levels(const std::optional<web::Principal>& user);

}  // namespace schakel::catalog
