#include "signals/action_csv.hpp"

#include <map>
#include <nlohmann/json.hpp>

namespace schakel::signals {

namespace {

std::string quoted(const std::string& value) {
  if (value.find_first_of(",\"\r\n") == std::string::npos) return value;
  std::string out = "\"";
  for (char c : value) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

template <class T>
std::string joined(const std::vector<T>& list) {
  std::string out;
  for (const auto& v : list) out += (out.empty() ? "" : ";") + std::to_string(v);
  return out;
}

std::vector<std::string> split(const std::string& text) {
  std::vector<std::string> out;
  std::string part;
  for (char c : text) {
    if (c == ';') {
      out.push_back(part);
      part.clear();
    } else {
      part += c;
    }
  }
  if (!text.empty()) out.push_back(part);
  return out;
}

// Splits RFC 4180 records; each with the line it starts on. False on an
// unterminated quote (its line in `bad_line`).
bool records(std::string_view text, std::vector<std::pair<int, std::vector<std::string>>>& out,
             int& bad_line) {
  std::vector<std::string> fields(1);
  int line = 1, start = 1;
  bool quoted_field = false, after_quote = false, any = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted_field) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          fields.back() += '"';
          ++i;
        } else {
          quoted_field = false;
          after_quote = true;
        }
      } else {
        if (c == '\n') ++line;
        fields.back() += c;
      }
      continue;
    }
    if (c == '"' && fields.back().empty() && !after_quote) {
      quoted_field = true;
      any = true;
    } else if (c == ',') {
      fields.emplace_back();
      after_quote = false;
      any = true;
    } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      continue;
    } else if (c == '\n') {
      out.emplace_back(start, std::move(fields));
      fields.assign(1, std::string());
      after_quote = false;
      any = false;
      start = ++line;
    } else {
      fields.back() += c;
      any = true;
    }
  }
  if (quoted_field) {
    bad_line = start;
    return false;
  }
  if (any) out.emplace_back(start, std::move(fields));
  return true;
}

std::string text_of(const nlohmann::json& j, const char* key) {
  if (!j.contains(key) || j[key].is_null()) return "";
  if (j[key].is_string()) return j[key].get<std::string>();
  return j[key].dump();
}

// Reads the JSON list columns of `row` into `a`; problems go to `error`.
void read_lists(const std::vector<std::string>& f, CsvAction& a,
                const std::function<void(const std::string&, const std::string&)>& error) {
  auto parse = [&](std::size_t column, const char* name) -> nlohmann::json {
    if (f[column].empty()) return nlohmann::json::array();
    auto j = nlohmann::json::parse(f[column], nullptr, false);
    if (j.is_discarded() || !j.is_array()) {
      error(name, "geen geldige JSON-lijst.");
      return nlohmann::json::array();
    }
    if (j.size() > action_list_max) error(name, "hoogstens 50 elementen.");
    for (const auto& item : j)
      if (!item.is_object()) {
        error(name, "elk element is een JSON-object.");
        return nlohmann::json::array();
      }
    return j;
  };
  for (const auto& m : parse(15, "milestones")) {
    CsvAction::MilestoneText t{text_of(m, "title"), text_of(m, "due_on"), std::nullopt};
    if (m.contains("done_on") && !m["done_on"].is_null()) t.done_on = text_of(m, "done_on");
    a.milestones.push_back(t);
  }
  for (const auto& o : parse(16, "outputs"))
    a.outputs.push_back({text_of(o, "kind"), text_of(o, "target"), text_of(o, "label")});
  for (const auto& i : parse(17, "indicators"))
    a.indicators.push_back(
        {text_of(i, "name"), text_of(i, "value"), text_of(i, "target"), text_of(i, "unit")});
}

std::string number_json(double v) { return nlohmann::json(v).dump(); }

}  // namespace

const std::vector<std::string>& action_csv_columns() {
  static const std::vector<std::string> columns = {
      "ref",           "parent_ref",     "title",         "description", "owner_kind",
      "owner_user_id", "owner_nis_code", "owner_partner", "starts_on",   "ends_on",
      "status",        "progress",       "public",        "needs",       "goals",
      "milestones",    "outputs",        "indicators"};
  return columns;
}

// Long because: one conversion per column of the file.
CsvActions parse_actions_csv(std::string_view text) {
  CsvActions out;
  auto fail = [&](int line, const std::string& column, const std::string& message) {
    if (out.errors.size() < 50)
      out.errors.push_back("Regel " + std::to_string(line) +
                           (column.empty() ? "" : ", kolom " + column) + ": " + message);
  };
  if (text.size() > action_csv_max_bytes) {
    fail(1, "", "het bestand is groter dan 4 MB.");
    return out;
  }
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  std::vector<std::pair<int, std::vector<std::string>>> rows;
  int bad_line = 0;
  if (!records(text, rows, bad_line)) {
    fail(bad_line, "", "een aanhalingsteken wordt niet gesloten.");
    return out;
  }
  const auto& columns = action_csv_columns();
  if (rows.empty() || rows.front().second != columns) {
    fail(1, "",
         "de eerste regel moet de kolommen noemen: ref,parent_ref,title,... (zie de "
         "export).");
    return out;
  }
  if (rows.size() - 1 > action_csv_max_rows) {
    fail(1, "", "hoogstens 2000 acties per bestand.");
    return out;
  }
  std::map<std::string, int> refs;
  for (std::size_t r = 1; r < rows.size(); ++r) {
    const int line = rows[r].first;
    const std::vector<std::string>& f = rows[r].second;
    if (f.size() != columns.size()) {
      fail(line, "",
           "verwacht " + std::to_string(columns.size()) + " kolommen, maar vond er " +
               std::to_string(f.size()) + ".");
      continue;
    }
    CsvAction a;
    a.line = line;
    a.ref = f[0];
    a.parent_ref = f[1];
    if (a.ref.empty())
      fail(line, "ref", "vul een nummer in.");
    else if (!refs.emplace(a.ref, line).second)
      fail(line, "ref", "dit nummer komt al eerder voor.");
    a.input.title = f[2];
    a.input.description = f[3];
    a.input.owner_kind = f[4];
    a.input.owner_user_id = f[5];
    a.input.owner_nis_code = f[6];
    a.input.owner_partner = f[7];
    a.input.starts_on = f[8];
    a.input.ends_on = f[9];
    a.status_label = f[10];
    a.input.progress = f[11];
    if (f[12] != "ja" && f[12] != "nee") fail(line, "public", "schrijf ja of nee.");
    a.input.is_public = f[12] == "ja";
    a.input.need_ids = split(f[13]);
    a.input.goal_numbers = split(f[14]);
    read_lists(f, a, [&](const std::string& c, const std::string& m) { fail(line, c, m); });
    out.rows.push_back(std::move(a));
  }
  for (const auto& a : out.rows)
    if (!a.parent_ref.empty() && !refs.contains(a.parent_ref))
      fail(a.line, "parent_ref", "geen actie in dit bestand heeft dit nummer.");
  return out;
}

std::string actions_csv(const std::vector<Action>& actions,
                        const std::vector<ActionStatus>& statuses) {
  std::map<std::int64_t, std::string> labels;
  for (const auto& s : statuses) labels[s.id] = s.label;
  std::string out;
  for (const auto& c : action_csv_columns()) out += (out.empty() ? "" : ",") + c;
  out += "\r\n";
  for (const auto& a : actions) {
    nlohmann::json milestones = nlohmann::json::array(), outputs = nlohmann::json::array(),
                   indicators = nlohmann::json::array();
    for (const auto& m : a.milestones)
      milestones.push_back(
          {{"title", m.title},
           {"due_on", m.due_on},
           {"done_on", m.done_on ? nlohmann::json(*m.done_on) : nlohmann::json()}});
    for (const auto& o : a.outputs)
      outputs.push_back({{"kind", o.kind}, {"target", o.target}, {"label", o.label}});
    for (const auto& i : a.indicators)
      indicators.push_back({{"name", i.name},
                            {"value", nlohmann::json::parse(number_json(i.value))},
                            {"target", i.target ? nlohmann::json(*i.target) : nlohmann::json()},
                            {"unit", i.unit}});
    const std::vector<std::string> fields = {
        std::to_string(a.id),
        a.parent_id ? std::to_string(*a.parent_id) : "",
        a.title,
        a.description,
        a.owner_kind,
        a.owner_user_id ? std::to_string(*a.owner_user_id) : "",
        a.owner_nis_code.value_or(""),
        a.owner_partner,
        a.starts_on,
        a.ends_on.value_or(""),
        labels.contains(a.status_id) ? labels.at(a.status_id) : "",
        a.progress ? std::to_string(*a.progress) : "",
        a.is_public ? "ja" : "nee",
        joined(a.need_ids),
        joined(a.goal_numbers),
        a.milestones.empty()
            ? ""
            : milestones.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
        a.outputs.empty() ? ""
                          : outputs.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
        a.indicators.empty()
            ? ""
            : indicators.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)};
    std::string row;
    for (std::size_t i = 0; i < fields.size(); ++i) row += (i ? "," : "") + quoted(fields[i]);
    out += row + "\r\n";
  }
  return out;
}

}  // namespace schakel::signals
