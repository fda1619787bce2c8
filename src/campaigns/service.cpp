#include "campaigns/service.hpp"

#include <algorithm>

#include "campaigns/store.hpp"
#include "core/text.hpp"
#include "network/members.hpp"
#include "web/access.hpp"

namespace schakel::campaigns {

namespace {

std::size_t characters(const std::string& s) {
  return static_cast<std::size_t>(
      std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

bool is_date(const std::string& s) {
  if (s.size() != 10 || s < "2000-01-01" || s > "2100-12-31") return false;
  return brussels_to_utc(s, "12:00").has_value();
}

std::string too_long(const char* what, std::size_t max) {
  return std::string(what) + " is te lang: hoogstens " + std::to_string(max) + " tekens.";
}

FieldErrors postcard_errors(const Postcard& p) {
  FieldErrors errors;
  if (p.title.empty())
    errors.push_back({"title", "Geef de kaart een titel."});
  else if (characters(p.title) > title_max)
    errors.push_back({"title", too_long("De titel", title_max)});
  const auto tips = tip_lines(p.tips);
  if (tips.size() < tips_min_lines)
    errors.push_back({"tips", "Schrijf minstens " + std::to_string(tips_min_lines) +
                                  " tips, elk op een eigen regel."});
  else if (tips.size() > tips_max_lines)
    errors.push_back({"tips", "Hoogstens " + std::to_string(tips_max_lines) +
                                  " tips: anders passen ze niet op de kaart."});
  else if (std::any_of(tips.begin(), tips.end(),
                       [](const std::string& t) { return characters(t) > tip_max; }))
    errors.push_back({"tips", "Een tip is te lang: hoogstens " + std::to_string(tip_max) +
                                  " tekens per regel."});
  if (p.call_to_action.empty())
    errors.push_back({"call_to_action", "Schrijf de oproep om 1712 te contacteren."});
  else if (characters(p.call_to_action) > call_max)
    errors.push_back({"call_to_action", too_long("De oproep", call_max)});
  if (!errors.empty()) return errors;
  if (auto field = overflowing_field(p)) {
    const char* what = *field == "title" ? "De titel" : *field == "tips" ? "De tips" : "De oproep";
    errors.push_back({*field, std::string(what) + " past niet op de kaart. Maak de tekst korter."});
  }
  return errors;
}

}  // namespace

bool is_belgian_phone(const std::string& text) {
  if (text.size() > 30) return false;
  std::string digits;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c >= '0' && c <= '9')
      digits += c;
    else if (c == '+' && i == 0)
      digits += '+';
    else if (c != ' ' && c != '.' && c != '/' && c != '-')
      return false;
  }
  if (digits.starts_with("+32"))
    digits = "0" + digits.substr(3);
  else if (digits.starts_with("0032"))
    digits = "0" + digits.substr(4);
  if (digits.find('+') != std::string::npos) return false;
  if (digits.starts_with("04")) return digits.size() == 10;
  if (digits.starts_with("0")) return digits.size() == 9;
  for (const char* short_number :
       {"100", "101", "102", "106", "112", "1712", "1813", "116000", "116111"})
    if (digits == short_number) return true;
  return false;
}

Result<std::int64_t> parse_cards(const std::string& input) {
  const std::string text = trim(input);
  if (text.empty()) return Error::invalid("cards", "Vul het aantal kaarten in.");
  const bool negative = text[0] == '-';
  const std::string digits = negative ? text.substr(1) : text;
  if (digits.empty() ||
      !std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return Error::invalid("cards", "Geef het aantal kaarten als een getal, zoals 250.");
  if (negative) return Error::invalid("cards", "Het aantal kaarten kan niet negatief zijn.");
  const std::string bare = digits.substr(std::min(digits.find_first_not_of('0'), digits.size()));
  if (bare.size() > 6 || std::stoll("0" + bare) > cards_max)
    return Error::invalid("cards", "Hoogstens 100.000 kaarten per regel.");
  const std::int64_t n = std::stoll("0" + bare);
  if (n == 0) return Error::invalid("cards", "Geef minstens 1 kaart op.");
  return n;
}

std::vector<Postcard> CampaignService::postcards() {
  return db_.run([](soci::session& sql) { return CampaignStore::postcards(sql); });
}

Result<Postcard> CampaignService::postcard(const std::string& theme) {
  if (!is_choice(postcard_themes(), theme)) return Error::of(Failure::not_found);
  auto found =
      db_.run([&](soci::session& sql) { return CampaignStore::find_postcard(sql, theme); });
  if (!found) return Error::of(Failure::not_found);
  return *found;
}

Result<Postcard> CampaignService::save_postcard(const std::optional<web::Principal>& user,
                                                Postcard p) {
  if (!web::has_role(user, Role::coordinator)) return Error::of(Failure::forbidden);
  if (!is_choice(postcard_themes(), p.theme)) return Error::of(Failure::not_found);
  p.title = trim(p.title);
  p.call_to_action = trim(p.call_to_action);
  std::string tips;
  for (const auto& tip : tip_lines(p.tips)) tips += (tips.empty() ? "" : "\n") + tip;
  p.tips = tips;
  auto errors = postcard_errors(p);
  if (!errors.empty()) return Error{Failure::invalid, errors};
  p.updated_at = clock_.now();
  db_.transact(
      [&](soci::session& sql) { CampaignStore::save_postcard(sql, p, false, p.updated_at); });
  return p;
}

std::vector<reference::Municipality> CampaignService::municipalities_for(
    const std::optional<web::Principal>& user) {
  std::vector<reference::Municipality> out;
  if (web::has_role(user, Role::coordinator))
    return network::member_municipalities(db_, clock_.now());
  if (!web::has_role(user, Role::spoc)) return out;
  for (const auto& nis : user->spoc_of)
    if (auto m = reference::find_municipality(db_, nis)) out.push_back(*m);
  std::sort(out.begin(), out.end(),
            [](const auto& a, const auto& b) { return a.name_nl < b.name_nl; });
  return out;
}

Result<reference::Municipality> CampaignService::municipality_for(
    const std::optional<web::Principal>& user, const std::string& nis_code) {
  auto m = reference::find_municipality(db_, nis_code);
  if (!m) return Error::of(Failure::not_found, "Deze gemeente bestaat niet.");
  if (!web::speaks_for(user, nis_code))
    return Error::of(Failure::forbidden, "Je spreekt niet voor deze gemeente.");
  return *m;
}

std::vector<HelpLine> CampaignService::help_lines(const std::string& nis_code) {
  return db_.run([&](soci::session& sql) { return CampaignStore::help_lines(sql, nis_code); });
}

Status CampaignService::set_help_lines(const std::optional<web::Principal>& user,
                                       const std::string& nis_code, std::vector<HelpLine> lines) {
  auto m = municipality_for(user, nis_code);
  if (!m) return m.error();
  if (lines.size() > help_lines_max)
    return Error::invalid("", "Hoogstens " + std::to_string(help_lines_max) + " hulplijnen.");
  FieldErrors errors;
  std::vector<HelpLine> kept;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const std::string n = std::to_string(i + 1);
    HelpLine line{trim(lines[i].label), trim(lines[i].phone)};
    if (line.label.empty() && line.phone.empty()) continue;
    if (line.label.empty())
      errors.push_back({"label_" + n, "Zeg wie de lezer aan de lijn krijgt."});
    else if (characters(line.label) > help_label_max)
      errors.push_back({"label_" + n, too_long("De naam", help_label_max)});
    if (!is_belgian_phone(line.phone))
      errors.push_back({"phone_" + n, "Geef een Belgisch telefoonnummer, zoals 09 123 45 67."});
    kept.push_back(line);
  }
  if (!errors.empty()) return Error{Failure::invalid, errors};
  db_.transact(
      [&](soci::session& sql) { CampaignStore::replace_help_lines(sql, nis_code, kept, false); });
  return ok_status();
}

Result<CardContent> CampaignService::card(const std::optional<web::Principal>& user,
                                          const std::string& theme, const std::string& nis_code,
                                          const std::string& base_url) {
  auto p = postcard(theme);
  if (!p) return p.error();
  auto m = municipality_for(user, nis_code);
  if (!m) return m.error();
  return CardContent{p.value(), m.value().name_nl, help_lines(nis_code),
                     base_url + "/k/" + scan_code(theme, nis_code)};
}

std::vector<Round> CampaignService::rounds() {
  return db_.run([](soci::session& sql) { return CampaignStore::rounds(sql); });
}

Result<Round> CampaignService::round(std::int64_t id) {
  auto found = db_.run([&](soci::session& sql) { return CampaignStore::find_round(sql, id); });
  if (!found) return Error::of(Failure::not_found, "Deze verdeelronde bestaat niet.");
  return *found;
}

Result<Round> CampaignService::create_round(const std::optional<web::Principal>& user, Round r) {
  if (!web::has_role(user, Role::coordinator)) return Error::of(Failure::forbidden);
  r.name = trim(r.name);
  r.starts_on = trim(r.starts_on);
  r.ends_on = trim(r.ends_on);
  FieldErrors errors;
  if (r.name.empty())
    errors.push_back({"name", "Geef de ronde een naam."});
  else if (characters(r.name) > 80)
    errors.push_back({"name", too_long("De naam", 80)});
  if (!is_date(r.starts_on)) errors.push_back({"starts_on", "Geef een geldige begindatum."});
  if (!is_date(r.ends_on))
    errors.push_back({"ends_on", "Geef een geldige einddatum."});
  else if (is_date(r.starts_on) && r.ends_on < r.starts_on)
    errors.push_back({"ends_on", "De einddatum ligt voor de begindatum."});
  if (!errors.empty()) return Error{Failure::invalid, errors};
  r.id = db_.transact(
      [&](soci::session& sql) { return CampaignStore::insert_round(sql, r, false, clock_.now()); });
  return r;
}

}  // namespace schakel::campaigns
