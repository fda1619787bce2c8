#include "digest/newsletter_demo.hpp"

#include "digest/newsletter_store.hpp"

namespace schakel::digest {

void load_newsletter_demo(soci::session& sql, const Clock& clock) {
  const std::int64_t sent = clock.now() - 7 * 86400;
  Newsletter letter;
  letter.subject = "Demo: nieuws van het netwerk";
  letter.body =
      "*Dit is een voorbeeld van een nieuwsbrief (demo-inhoud). Er ging geen mail naar "
      "echte mensen.*\n\n"
      "Dag iedereen,\n\n"
      "Dit is het nieuws van het netwerk van de voorbije maand.\n\n"
      "## Nieuw in de kennisbank\n\n"
      "- [Kennisbank](/kennisbank): nieuwe instrumenten en goede praktijken om geweld in "
      "gezinnen te herkennen.\n\n"
      "## Nieuwe vormingen\n\n"
      "- [Vormingsaanbod](/vorming): schrijf je in voor de vormingen van het najaar.\n\n"
      "## Nieuwe acties van het netwerk\n\n"
      "- [Wat doet het netwerk?](/wat-doet-het-netwerk): de publieke acties en hoe ver ze "
      "staan.\n\n"
      "Met vriendelijke groeten,\n\nDe coördinator van het netwerk\n";
  letter.status = NewsletterStatus::sent;
  letter.segment = "role:professional";
  letter.is_demo = true;
  letter.sent_at = sent;
  NewsletterStore::insert(sql, letter, sent);
}

}  // namespace schakel::digest
