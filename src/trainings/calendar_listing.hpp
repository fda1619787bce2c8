#pragma once
// What the calendar (/vorming) shows for a filter: the cards of the published
// series a visitor may see that have sessions to come, the choices of the
// filter, and until when the answer holds.
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "trainings/listing_store.hpp"
#include "web/http.hpp"

namespace schakel::trainings {

// The calendar's filter; "" is any. `month` is a key of format_month_key ("2026-03").
struct CalendarFilter {
  std::string theme{}, format{}, region{}, month{};
  bool any() const {
    return !theme.empty() || !format.empty() || !region.empty() || !month.empty();
  }
};

struct CalendarCard {
  Series series;
  std::vector<Session> upcoming;  // planned sessions that have not ended, by start time
  std::string places;             // "Nog 3 plaatsen", "Inschrijven per sessie", ...
};

struct Calendar {
  std::vector<CalendarCard> cards;  // matching the filter, by their first upcoming session
  // The regions and months of every series with sessions to come that `user` may
  // see, whatever the filter: the filter's choices.
  std::set<std::string> regions, months;
  // The first moment a card may read differently by the clock alone (see
  // pages::next_change), over every series `user` may see; nullopt when none.
  std::optional<std::int64_t> until;
};

// The calendar of `listed` (ListingStore::published) for `user` at `now`.
// Reads nothing: the query count of a calendar request is the store's.
Calendar calendar_of(const std::vector<ListedSeries>& listed, const CalendarFilter& filter,
                     const std::optional<web::Principal>& user, std::int64_t now);

// "Geen plaatsen", "Volzet: je komt op de wachtlijst", "Nog 1 plaats", "Nog 3 plaatsen".
std::string places_text(int capacity, int taken, bool waitlist);

}  // namespace schakel::trainings
