#include "dashboard/dashboard.hpp"

#include "app/app.hpp"
#include "dashboard/routes.hpp"
#include "mail/failures.hpp"

namespace schakel::dashboard {

namespace {

// The mail layer has no install of its own, so its line is registered here.
// Its page (/beheer/mails) is admin-only, and mails hold tokens that the
// coordinator should not read, so the line is shown to admins only
// (shows_to in service.hpp).
AttentionSource mail_failures() {
  return {"mail.failures", "Mail", 90, [](soci::session& sql, std::int64_t) {
            std::vector<AttentionLine> out;
            const std::int64_t n = mail::count_failures(sql);
            if (n > 0)
              out.push_back({n == 1 ? std::string("1 mail is niet zeker verstuurd")
                                    : std::to_string(n) + " mails zijn niet zeker verstuurd",
                             "/beheer/mails", n, "urgent"});
            return out;
          }};
}

}  // namespace

void install(App& app) {
  app.add_attention_source(mail_failures());
  install_routes(app);
}

}  // namespace schakel::dashboard
