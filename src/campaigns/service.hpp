#pragma once
// The rules of the postcards campaign: who may change what, the bounds of every
// text and number, the rate limits, and the figures of a round.
#include <optional>
#include <string>
#include <vector>

#include "campaigns/postcard_pdf.hpp"
#include "campaigns/types.hpp"
#include "core/clock.hpp"
#include "core/result.hpp"
#include "reference/municipalities.hpp"
#include "store/database.hpp"
#include "web/http.hpp"

namespace schakel::campaigns {

// Bounds of the coordinator's texts (in characters); the texts must also fit
// their box on the card (overflowing_field), which these bounds alone do not say.
constexpr std::size_t title_max = 60, tip_max = 110, call_max = 240;
constexpr std::size_t tips_min_lines = 2, tips_max_lines = 8;
// Bounds of a municipality's help lines and of distributions.
constexpr std::size_t help_lines_max = 2, help_label_max = 60;
constexpr std::int64_t cards_max = 100000;
constexpr std::int64_t distributions_max = 200;  // lines per municipality and round

// A Belgian phone number as written ("09 265 04 90", "+32 470 12 34 56", "0800 123
// 45", "1712"): spaces, dots, slashes and dashes allowed; +32 or 0032 read as 0.
// True for a landline (9 digits with the 0, also 0800 numbers), a mobile (04,
// 10 digits) or a Belgian short number of help (100, 101, 102, 106, 112, 1712,
// 1813, 116000, 116111).
bool is_belgian_phone(const std::string& text);

// The number of cards in `text` (1..cards_max), or the field error of "cards"
// in Dutch (empty, not a number, negative, zero, too many).
Result<std::int64_t> parse_cards(const std::string& text);

class CampaignService {
 public:
  CampaignService(store::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  std::vector<Postcard> postcards();
  // not_found for a theme that is not a postcard theme or has no postcard yet.
  Result<Postcard> postcard(const std::string& theme);
  // The coordinator replaces a postcard's texts. invalid with field errors
  // (title, tips, call_to_action) when a text is empty, too long or does not
  // fit the card; forbidden for anyone else; not_found for an unknown theme.
  Result<Postcard> save_postcard(const std::optional<web::Principal>& user, Postcard postcard);

  // The municipalities `user` may print cards and register distributions for:
  // a SPOC's own, the coordinator's every member of the network; by name.
  std::vector<reference::Municipality> municipalities_for(
      const std::optional<web::Principal>& user);
  // not_found for an unknown municipality; forbidden when `user` does not speak for it.
  Result<reference::Municipality> municipality_for(const std::optional<web::Principal>& user,
                                                   const std::string& nis_code);
  std::vector<HelpLine> help_lines(const std::string& nis_code);
  // Replaces the help lines (at most 2; a line with neither label nor number is
  // left out). Field errors label_N / phone_N (N = 1, 2).
  Status set_help_lines(const std::optional<web::Principal>& user, const std::string& nis_code,
                        std::vector<HelpLine> lines);

  // What the card of `theme` for `nis_code` shows, with its QR target under
  // `base_url`. not_found for an unknown theme or municipality; forbidden when
  // `user` does not speak for the municipality.
  Result<CardContent> card(const std::optional<web::Principal>& user, const std::string& theme,
                           const std::string& nis_code, const std::string& base_url);

  std::vector<Round> rounds();
  Result<Round> round(std::int64_t id);
  // The coordinator creates a round. Field errors name, starts_on, ends_on.
  Result<Round> create_round(const std::optional<web::Principal>& user, Round round);

  // The distributions of a municipality in a round (after the same checks as card()).
  Result<std::vector<Distribution>> distributions(const std::optional<web::Principal>& user,
                                                  std::int64_t round_id,
                                                  const std::string& nis_code);
  // Registers cards handed out. Field errors theme, place_type, cards; busy past
  // the rate limit; conflict past distributions_max lines.
  Result<Distribution> add_distribution(const std::optional<web::Principal>& user, Distribution d,
                                        const std::string& cards_text);
  // Corrects distribution `d.id` (theme, place type, cards) of `d.round_id` and `d.nis_code`.
  Result<Distribution> correct_distribution(const std::optional<web::Principal>& user,
                                            Distribution d, const std::string& cards_text);
  Status delete_distribution(const std::optional<web::Principal>& user, std::int64_t round_id,
                             const std::string& nis_code, std::int64_t id);

  // The figures of a round for the coordinator; not_found for an unknown round.
  Result<RoundTotals> totals(std::int64_t round_id);

  // A scan of a card's QR code from client `ip`: the target of `code`, counted
  // once for today's (Brussels) date, its municipality and theme, unless this
  // client is past its rate limit (then it is not counted, and still answered).
  // not_found for a code that is no card's. Stores nothing about the client but
  // the rate limit's event, named by a keyed hash of its address (purged after a day).
  Result<ScanTarget> scan(const std::string& code, const std::string& ip);
  // The target of `code` without counting (a HEAD request: no one opened the card);
  // not_found as for scan().
  Result<ScanTarget> scan_target(const std::string& code);

 private:
  // The rate limit of a user's distribution writes; an error when past it.
  std::optional<Error> over_write_limit(const web::Principal& user);
  Result<Distribution> checked(const std::optional<web::Principal>& user, Distribution d,
                               const std::string& cards_text);

  store::Database& db_;
  const Clock& clock_;
};

}  // namespace schakel::campaigns
