#pragma once
// Certificates of attendance (attesten): what one says, its verification code,
// and the PDF (cairo/pango) with a QR code to the public verification page.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace schakel::trainings {

// An issued certificate: the facts as printed, kept so that a later change to
// the series does not change what was certified.
struct Certificate {
  std::int64_t id = 0;
  std::string code;  // "SCH-XXXX-XXXX-XXXX"
  std::optional<std::int64_t> registration_id;
  std::int64_t series_id = 0;
  std::string name;
  std::string series_title;
  std::string dates;  // "3, 10 en 17 maart 2026"
  int minutes = 0;
  std::string organiser;
  std::int64_t issued_at = 0;
  std::optional<std::int64_t> revoked_at;
  std::string revoke_reason;
  std::optional<std::int64_t> replaced_by;  // the newer certificate that replaced this one

  // Valid: neither revoked nor replaced.
  bool valid() const { return !revoked_at && !replaced_by; }
  // "valid", "revoked" or "replaced" (revoked wins: that is what happened to this code).
  std::string status() const { return revoked_at ? "revoked" : replaced_by ? "replaced" : "valid"; }
};

// A fresh random code "SCH-XXXX-XXXX-XXXX" (60 bits) from an alphabet without
// 0, O, 1 and I, so it can be read over the phone. Thread-safe (libsodium).
std::string new_certificate_code();
// The code in its canonical form when `input` can be one: case, spaces and
// dashes do not matter, the "SCH" prefix may be left out. nullopt for anything
// else (wrong length, characters outside the alphabet, more than 64 bytes).
std::optional<std::string> normalise_certificate_code(std::string_view input);

// The dates of the moments `starts` (Unix times) in Dutch, by their date in
// Europe/Brussels, in order and each day once: "3, 10 en 17 maart 2026",
// "24 februari en 3 maart 2026", "15 december 2025 en 12 januari 2026". "" for none.
std::string dutch_dates(std::vector<std::int64_t> starts);
// A duration in Dutch: "6 uur", "4,5 uur", "1,25 uur", "40 minuten",
// "1 uur en 40 minuten". Requires: minutes >= 0.
std::string duration_text(int minutes);

// The PDF of `certificate` (A4, DejaVu Sans): title, name, series, dates,
// duration, organiser, the network's name, the issue date, the code and a QR
// code of `verify_url` with that URL printed under it; title and creator in the
// PDF metadata. Throws std::runtime_error when cairo fails.
std::string render_certificate_pdf(const Certificate& certificate, const std::string& verify_url);

}  // namespace schakel::trainings
