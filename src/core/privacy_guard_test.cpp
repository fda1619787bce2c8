#include "core/privacy_guard.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace schakel {
namespace {

using K = IdentifierKind;

struct Case {
  std::string text;
  std::vector<IdentifierKind> kinds;  // empty: the text may be saved
};

std::vector<IdentifierKind> kinds_in(const std::string& text) {
  std::vector<IdentifierKind> kinds;
  for (const IdentifierFinding& f : find_identifiers(text)) kinds.push_back(f.kind);
  return kinds;
}

// The identifiers of ../shared/FACTS.md ("Identifiers"), each in a sentence.
const std::vector<Case> refused{
    // National register numbers: 85.07.30-033.28 is valid (97 - 850730033 mod 97 = 28).
    {"Rijksregisternummer 85.07.30-033.28 staat in het dossier.", {K::national_number}},
    {"nummer 85073003328", {K::national_number}},
    {"85 07 30 033 28", {K::national_number}},
    {"850730-033-28", {K::national_number}},
    // Born in 2005: the check runs over 2 followed by the nine digits.
    {"kind met nummer 05.03.12-123.60 in de klas", {K::national_number}},
    // BIS numbers: month raised by 20 (sex known) or 40 (sex unknown).
    {"BIS 85.27.30-033.71", {K::bis_number}},
    {"BIS 85473003317", {K::bis_number}},
    // Phones: mobile and landline with +32, 0032 and 0, each separator.
    {"bel 0470 12 34 56 na vijf uur", {K::phone}},
    {"0470123456", {K::phone}},
    {"gsm 0470/12.34.56", {K::phone}},
    {"gsm 0470-12-34-56", {K::phone}},
    {"gsm 0470.12.34.56", {K::phone}},
    {"gsm +32 470 12 34 56", {K::phone}},
    {"gsm +32470123456", {K::phone}},
    {"gsm 0032 470 12 34 56", {K::phone}},
    {"gsm 0032470123456", {K::phone}},
    {"tel 09 123 45 67", {K::phone}},
    {"tel 09/123.45.67", {K::phone}},
    {"tel 09-123-45-67", {K::phone}},
    {"tel 091234567", {K::phone}},
    {"tel 02 123 45 67", {K::phone}},
    {"tel 053 12 34 56", {K::phone}},
    {"tel +32 9 123 45 67", {K::phone}},
    {"tel +3291234567", {K::phone}},
    {"tel 0032 2 123 45 67", {K::phone}},
    // E-mail.
    {"Mail naar jan.peeters@example.be voor meer.", {K::email}},
    {"(an_de-smet+ifg@mail.gent.be)", {K::email}},
    // IBAN: Belgian and foreign, with or without groups of four.
    {"Stort op BE71 0961 2345 6769 aub", {K::iban}},
    {"rekening BE68539007547034.", {K::iban}},
    {"BE68 5390 0754 7034", {K::iban}},
    {"NL91ABNA0417164300", {K::iban}},
    {"DE89 3704 0044 0532 0130 00", {K::iban}},
    {"GB82WEST12345698765432", {K::iban}},
    // Licence plates.
    {"De wagen met plaat 1-ABC-123 stond er.", {K::licence_plate}},
    {"plaat 1ABC123", {K::licence_plate}},
    {"plaat 2 XYZ 987", {K::licence_plate}},
    {"oude plaat ABC-123", {K::licence_plate}},
    // Street addresses with a house number.
    {"Ze woont in de Kerkstraat 12 in Aalst.", {K::street_address}},
    {"Kerkstraat 12A", {K::street_address}},
    {"Kerkstraat 12 bus 3", {K::street_address}},
    {"Stationsstraat 45/2", {K::street_address}},
    {"op de Grote Markt 1", {K::street_address}},
    {"Sint-Pietersplein 5", {K::street_address}},
    {"Brusselsesteenweg 350", {K::street_address}},
    {"Koning Albertlaan 3", {K::street_address}},
    {"Frankrijklei 7", {K::street_address}},
    {"de kerkstraat 12", {K::street_address}},
    {"Bréestraat 4", {K::street_address}},
    // Several in one text, in order.
    {"Bel 0470 12 34 56 of mail an@example.be", {K::phone, K::email}},
};

// The false positives of FACTS.md and other numbers of ordinary descriptions.
const std::vector<std::string> allowed{
    "",
    "Op 30.07.2026 meldden drie scholen hetzelfde.",
    "Op 2026-07-30 meldden drie scholen hetzelfde.",
    "Op 30/07/2026 meldden drie scholen hetzelfde.",
    "Op 04.12.2026 14.30 uur vergaderden we.",
    "van 09.00-12.00 en 13.00-16.00",
    "In 2025 en 2026 steeg het aantal.",
    "Een budget van € 1.250,00 en € 12.500.000,00.",
    "Een stijging van 12,5% of 40 %.",
    "In 9000 Gent en 9300 Aalst.",
    "NIS 44021 en 41002.",
    "Bel 1712, 101, 112, 100 of 116000 of 116 000.",
    "12 gezinnen en 3 straten verder 25 kinderen.",
    "Rijksregisternummer 85073003329 is ongeldig.",
    "85.07.30-033.29",
    "Een ongeldige IBAN BE71 0961 2345 6768.",
    "Gratis nummer 0800 12 345 en 078 15 00 10.",
    "De CAW 112 keer, de IFG 2022 cijfers.",
    "1 van 100 gezinnen.",
    "de straat 3 keer overgestoken",
    "onderweg 3 hulpverleners",
    "Arbeidsmarkt 2026",
    "De thuissituatie van 3 jongeren.",
    "ongeveer 27.000 pv's in 2022",
    "Versie 1.2.3 van het protocol.",
    "een e-mail @ de school",
    "Kerkstraat 12,5 %",
    "Ze had 3 kinderen van 4, 6 en 9 jaar.",
    "Het project loopt van 1 september tot 30 juni.",
};

TEST(PrivacyGuard, RefusesEveryIdentifierOfTheTable) {
  for (const Case& c : refused) EXPECT_EQ(kinds_in(c.text), c.kinds) << c.text;
}

TEST(PrivacyGuard, LetsTheFalsePositivesPass) {
  for (const std::string& text : allowed) EXPECT_TRUE(find_identifiers(text).empty()) << text;
}

TEST(PrivacyGuard, GivesOffsetAndLengthInBytes) {
  const std::string text = "Bel 0470 12 34 56 of mail an@example.be";
  const std::vector<IdentifierFinding> found = find_identifiers(text);
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(text.substr(found[0].offset, found[0].length), "0470 12 34 56");
  EXPECT_EQ(text.substr(found[1].offset, found[1].length), "an@example.be");

  const std::string plus = "tel. +32 9 123 45 67.";
  const std::vector<IdentifierFinding> p = find_identifiers(plus);
  ASSERT_EQ(p.size(), 1u);
  EXPECT_EQ(plus.substr(p[0].offset, p[0].length), "+32 9 123 45 67");

  const std::string nn = "nr 85.07.30-033.28, geboren";
  const std::vector<IdentifierFinding> n = find_identifiers(nn);
  ASSERT_EQ(n.size(), 1u);
  EXPECT_EQ(nn.substr(n[0].offset, n[0].length), "85.07.30-033.28");

  const std::string address = "in de Kerkstraat 12 bus 3, Gent";
  const std::vector<IdentifierFinding> a = find_identifiers(address);
  ASSERT_EQ(a.size(), 1u);
  EXPECT_EQ(address.substr(a[0].offset, a[0].length), "Kerkstraat 12 bus 3");

  const std::string iban = "op BE71 0961 2345 6769 en";
  const std::vector<IdentifierFinding> i = find_identifiers(iban);
  ASSERT_EQ(i.size(), 1u);
  EXPECT_EQ(iban.substr(i[0].offset, i[0].length), "BE71 0961 2345 6769");
}

TEST(PrivacyGuard, MessageNamesKindAndPlaceButNotTheIdentifier) {
  const std::string text = "Één gezin, bel 0470 12 34 56.";
  const std::vector<IdentifierFinding> found = find_identifiers(text);
  ASSERT_EQ(found.size(), 1u);
  const std::string message = privacy_message(text, found);
  // "Één" is 3 characters of 5 bytes: the phone starts at character 16.
  EXPECT_EQ(message,
            "Deze tekst bevat een telefoonnummer (rond teken 16). Beschrijf de situatie zonder "
            "gegevens die naar "
            "een persoon leiden.");
  EXPECT_EQ(message.find("0470"), std::string::npos);

  const std::string two = "0470123456 en an@example.be";
  EXPECT_EQ(privacy_message(two, find_identifiers(two)),
            "Deze tekst bevat een telefoonnummer (rond teken 1) en een e-mailadres (rond teken "
            "15). Beschrijf de "
            "situatie zonder gegevens die naar een persoon leiden.");
}

TEST(PrivacyGuard, LabelsEveryKindInDutch) {
  EXPECT_EQ(identifier_label(K::national_number), "een rijksregisternummer");
  EXPECT_EQ(identifier_label(K::bis_number), "een BIS-nummer");
  EXPECT_EQ(identifier_label(K::phone), "een telefoonnummer");
  EXPECT_EQ(identifier_label(K::email), "een e-mailadres");
  EXPECT_EQ(identifier_label(K::iban), "een rekeningnummer (IBAN)");
  EXPECT_EQ(identifier_label(K::licence_plate), "een nummerplaat");
  EXPECT_EQ(identifier_label(K::street_address), "een adres met huisnummer");
}

TEST(PrivacyGuard, HandlesAnyBytesAndLongInputQuickly) {
  std::string bytes;
  for (int i = 0; i < 256; ++i) bytes.push_back(static_cast<char>(i));
  EXPECT_NO_THROW(find_identifiers(bytes));
  EXPECT_NO_THROW(find_identifiers("\xff\xfe@\xc3(0470 12 34 56\xe2\x82"));
  // Long runs that would be quadratic in a naive scanner.
  EXPECT_TRUE(find_identifiers(std::string(200000, '1')).empty());
  std::string groups;
  for (int i = 0; i < 50000; ++i) groups += "1 ";
  EXPECT_TRUE(find_identifiers(groups).empty());
  EXPECT_TRUE(find_identifiers(std::string(100000, '@')).empty());
  std::string letters(100000, 'a');
  EXPECT_TRUE(find_identifiers(letters + "@").empty());
  std::string plates;
  for (int i = 0; i < 20000; ++i) plates += "BE12";
  EXPECT_NO_THROW(find_identifiers(plates));
}

}  // namespace
}  // namespace schakel
