#include "core/email.hpp"

#include <gtest/gtest.h>

namespace schakel {
namespace {

TEST(EmailAddress, AcceptsOrdinaryAddresses) {
  for (const char* ok : {"naam@gemeente.be", "an.de-smet+vorming@stad.gent", "o'brien@example.org",
                         "x@sub.domein.vlaanderen", "jöran@example.be"})
    EXPECT_TRUE(valid_email_address(ok)) << ok;
}

TEST(EmailAddress, RejectsWhatIsNoAddress) {
  for (const char* bad : {"",
                          "gast@example.org'x<'\">",
                          "gast@example.org>",
                          "a b@example.org",
                          "@example.org",
                          "naam@",
                          "naam@localhost",
                          "naam@.be",
                          "naam@example..be",
                          "naam@-x.be",
                          "naam@x-.be",
                          ".naam@example.be",
                          "na..am@example.be",
                          "naam.@example.be",
                          "a@b@example.be",
                          "naam@example.be,ander@example.be",
                          "\"naam\"@example.be",
                          "naam@example.be\r\nBcc: x",
                          "naam@exa_mple.be",
                          "naam@example.be/",
                          "\xff@example.be"})
    EXPECT_FALSE(valid_email_address(bad)) << bad;
  EXPECT_FALSE(valid_email_address(std::string(250, 'a') + "@x.be"));
}

}  // namespace
}  // namespace schakel
