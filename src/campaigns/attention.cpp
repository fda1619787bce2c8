#include "campaigns/attention.hpp"

#include "app/app.hpp"
#include "campaigns/attention_store.hpp"
#include "core/clock.hpp"
#include "network/members.hpp"

namespace schakel::campaigns {

// The members are read on their own connection (network's facade is built on the
// Database); the rounds in the caller's session.
void install_attention(App& app) {
  store::Database& db = app.db();
  app.add_attention_source(
      {"campaigns.rounds", "Campagnes", 40, [&db](soci::session& sql, std::int64_t now) {
         std::vector<AttentionLine> out;
         const auto rounds = attention_store::followed_rounds(
             sql, format_date_input(now), format_date_input(now - report_grace_days * 86400));
         if (rounds.empty()) return out;
         const auto members = network::member_municipalities(db, now);
         for (const auto& round : rounds) {
           std::int64_t missing = 0;
           for (const auto& m : members) missing += round.reported.count(m.nis_code) ? 0 : 1;
           if (missing == 0) continue;
           out.push_back({round.name + ": " +
                              (missing == 1 ? std::string("1 gemeente meldde")
                                            : std::to_string(missing) + " gemeenten meldden") +
                              " nog geen verdeling",
                          "/campagnes/rondes/" + std::to_string(round.id) + "/totalen", missing,
                          "info"});
         }
         return out;
       }});
}

YearFigures year_figures(store::Database& db, std::int64_t from, std::int64_t until) {
  return db.run([&](soci::session& sql) {
    return attention_store::year_figures(sql, format_date_input(from),
                                         format_date_input(until - 1));
  });
}

}  // namespace schakel::campaigns
