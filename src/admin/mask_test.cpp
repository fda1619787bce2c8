#include "admin/mask.hpp"

#include <gtest/gtest.h>

namespace schakel::admin {
namespace {

TEST(MailMask, HidesTokensAndSignaturesButKeepsTheText) {
  const std::string text =
      "Dag Els,\n\nMeld je aan met deze link:\n"
      "https://schakel.example/aanmelden/link/gebruiken?token=Q2xhc3NpYy10b2tlbi1mb3ItdGVzdA\n"
      "Kort: https://schakel.example/x?token=abc\n"
      "Beheren: https://schakel.example/vorming/inschrijving/k7Q2m9XA4hPTk7Q2m9XA4hPT\n"
      "Attest: https://schakel.example/attest/12?sig=" +
      std::string(64, 'a').replace(10, 1, "7") +
      "\nReeks: https://schakel.example/vorming/vorming-over-ouderenmishandeling\n";
  const std::string masked = mask_secrets(text);
  EXPECT_EQ(masked.find("Q2xhc3NpYy10b2tlbi1mb3ItdGVzdA"), std::string::npos);
  EXPECT_EQ(masked.find("token=abc"), std::string::npos);
  EXPECT_EQ(masked.find("k7Q2m9XA4hPT"), std::string::npos);
  EXPECT_EQ(masked.find("aaaaaaaaaa7"), std::string::npos);
  EXPECT_NE(masked.find("Dag Els"), std::string::npos);
  EXPECT_NE(masked.find("/aanmelden/link/gebruiken?token=[verborgen]"), std::string::npos);
  EXPECT_NE(masked.find("vorming-over-ouderenmishandeling"), std::string::npos);
}

}  // namespace
}  // namespace schakel::admin
