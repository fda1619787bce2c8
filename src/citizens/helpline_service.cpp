#include "citizens/helpline_service.hpp"

#include <algorithm>

#include "core/text.hpp"
#include "web/access.hpp"

namespace schakel::citizens {

namespace {

constexpr std::size_t max_address = 300;
constexpr std::size_t max_day_name = 80;

bool has_space(const std::string& s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return c == ' ' || c == '\t'; });
}

// The number as dialled ("1712", "0800 12 345" -> "080012345"), or "" when it is
// not 3 to 15 digits.
std::string phone_number(const std::string& typed) {
  std::string digits;
  for (char c : typed) {
    if (c >= '0' && c <= '9')
      digits += c;
    else if (c != ' ')
      return {};
  }
  return digits.size() >= 3 && digits.size() <= 15 ? digits : std::string();
}

// The channel's address as stored, or a field error.
Result<std::string> channel_address(const ChannelForm& form) {
  const std::string typed = trim(form.address);
  const std::string field = address_field(form.kind);
  if (form.kind == ChannelKind::phone) {
    const std::string number = phone_number(typed);
    if (number.empty())
      return Error::invalid(field, "Vul het telefoonnummer in met alleen cijfers, zoals 1712.");
    return number;
  }
  const bool https = typed.rfind("https://", 0) == 0 && typed.size() > 8;
  const bool mailto = form.kind == ChannelKind::email && typed.rfind("mailto:", 0) == 0 &&
                      typed.find('@') != std::string::npos;
  if ((!https && !mailto) || has_space(typed) || typed.size() > max_address)
    return Error::invalid(field,
                          form.kind == ChannelKind::chat
                              ? "Vul het adres van de chat in. Het begint met https://."
                              : "Vul het adres van het contactformulier in (begint met "
                                "https://) of een e-mailadres als mailto:naam@voorbeeld.be.");
  return typed;
}

std::string capitalised(std::string s) {
  if (!s.empty()) s[0] = static_cast<char>(s[0] - 'a' + 'A');
  return s;
}

Status coordinator_only(const web::Principal& by) {
  if (by.role != Role::coordinator)
    return Error::of(Failure::forbidden, "Alleen de coördinator kan 1712 bewerken.");
  return ok_status();
}

}  // namespace

std::string address_field(ChannelKind kind) { return std::string(kind_key(kind)) + "_address"; }

std::string hours_field(ChannelKind kind, int weekday) {
  return std::string(kind_key(kind)) + "_" + weekday_key(weekday);
}

Status HelplineService::save_channels(const web::Principal& by,
                                      const std::vector<ChannelForm>& forms) {
  if (auto allowed = coordinator_only(by); !allowed) return allowed;
  const auto current = store_.channels();
  std::vector<Channel> changed;
  FieldErrors errors;
  for (const auto& form : forms) {
    auto existing = std::find_if(current.begin(), current.end(),
                                 [&](const Channel& c) { return c.kind == form.kind; });
    if (existing == current.end()) continue;
    Channel channel = *existing;
    channel.offered = form.offered;
    channel.schedule = WeeklySchedule{};
    channel.schedule.always_open = form.always_open;
    auto address = channel_address(form);
    if (address)
      channel.address = address.value();
    else
      errors.push_back(address.error().fields.front());
    for (int day = 0; day < days_per_week && !form.always_open; ++day) {
      auto ranges = parse_day_ranges(form.hours[day]);
      if (ranges)
        channel.schedule.days[day] = ranges.value();
      else
        errors.push_back(
            {hours_field(form.kind, day), capitalised(weekday_name_nl(day)) + " (" +
                                              std::string(kind_label(form.kind)) +
                                              "): " + ranges.error().fields.front().message});
    }
    changed.push_back(std::move(channel));
  }
  if (!errors.empty()) return Error{Failure::invalid, std::move(errors)};
  const std::int64_t now = clock_.now();
  db_.transact([&](soci::session& sql) {
    for (const auto& channel : changed) HelplineStore::save_channel(sql, channel, false, now);
  });
  return ok_status();
}

Result<std::int64_t> HelplineService::add_closing_day(const web::Principal& by,
                                                      const std::string& day,
                                                      const std::string& name) {
  if (auto allowed = coordinator_only(by); !allowed) return allowed.error();
  FieldErrors errors;
  const std::string typed_day = trim(day), typed_name = trim(name);
  const auto date = parse_iso_date(typed_day);
  if (!date)
    errors.push_back({"day", "Vul een bestaande datum in, zoals 2026-12-25."});
  else if (*date < brussels_date(clock_.now()))
    errors.push_back({"day", "Die datum is al voorbij. Vul een datum van vandaag of later in."});
  if (typed_name.empty())
    errors.push_back({"name", "Geef de dag een naam, zoals Kerstmis."});
  else if (typed_name.size() > max_day_name)
    errors.push_back({"name", "Houd de naam korter dan 80 tekens."});
  if (!errors.empty()) return Error{Failure::invalid, std::move(errors)};
  const std::string iso = iso_date(*date);
  return db_.transact([&](soci::session& sql) -> Result<std::int64_t> {
    if (auto existing = HelplineStore::closing_day_on(sql, iso))
      return Error::invalid("day", "Op " + format_date_nl(brussels_moment(*date, 12 * 60)) +
                                       " is 1712 al gesloten (" + existing->name + ").");
    return HelplineStore::add_closing_day(sql, ClosingDay{0, iso, typed_name, false}, clock_.now());
  });
}

Status HelplineService::remove_closing_day(const web::Principal& by, std::int64_t id) {
  if (auto allowed = coordinator_only(by); !allowed) return allowed;
  if (!store_.closing_day(id))
    return Error::of(Failure::not_found, "Deze sluitingsdag bestaat niet (meer).");
  db_.transact(
      [&](soci::session& sql) { HelplineStore::remove_closing_day(sql, id, clock_.now()); });
  return ok_status();
}

}  // namespace schakel::citizens
