#include "mail/mail.hpp"

#include <curl/curl.h>
#include <sodium.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <mutex>

#include "core/random.hpp"
#include "store/row.hpp"

namespace schakel::mail {

namespace {

// Base64 on one line (what the outbox stores).
std::string base64_flat(const std::string& data) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
  const std::size_t len = sodium_base64_ENCODED_LEN(data.size(), sodium_base64_VARIANT_ORIGINAL);
  std::string out(len, '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(data.data()),
                    data.size(), sodium_base64_VARIANT_ORIGINAL);
  out.resize(std::char_traits<char>::length(out.c_str()));
  return out;
}

// The bytes of base64 `text`; throws std::runtime_error when it is not base64.
std::string unbase64(const std::string& text) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
  std::string out(text.size() / 4 * 3 + 3, '\0');
  std::size_t len = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(),
                        text.size(), nullptr, &len, nullptr, sodium_base64_VARIANT_ORIGINAL) != 0)
    throw std::runtime_error("stored mail attachment is not base64");
  out.resize(len);
  return out;
}

// Base64 in lines of 76 characters, each ending in CRLF (RFC 2045).
std::string base64(const std::string& data) {
  const std::string out = base64_flat(data);
  std::string wrapped;
  for (std::size_t i = 0; i < out.size(); i += 76) wrapped += out.substr(i, 76) + "\r\n";
  return wrapped;
}

// RFC 2047 encoded-word for a header with non-ASCII text.
std::string encode_header(const std::string& text) {
  bool ascii = true;
  for (unsigned char c : text) ascii = ascii && c >= 0x20 && c < 0x7F;
  if (ascii) return text;
  std::string b = base64(text);
  std::string flat;
  for (char c : b)
    if (c != '\r' && c != '\n') flat.push_back(c);
  return "=?UTF-8?B?" + flat + "?=";
}

std::string rfc5322_date(std::int64_t t) {
  std::time_t tt = static_cast<std::time_t>(t);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char buf[64];
  std::strftime(buf, sizeof buf, "%a, %d %b %Y %H:%M:%S +0000", &tm);
  return buf;
}

// Header values must not carry line breaks (header injection).
std::string one_line(const std::string& s) {
  std::string out;
  for (char c : s) out.push_back(c == '\r' || c == '\n' ? ' ' : c);
  return out;
}

// A file name that is safe in a header and on any file system: letters, digits,
// '.', '-' and '_' (others become '_'), not starting with a dot, at most 100 long.
std::string safe_file_name(const std::string& name) {
  std::string out;
  for (char c : name) {
    const bool plain =
        std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '_';
    if (static_cast<unsigned char>(c) < 0x80) out.push_back(plain ? c : '_');
  }
  while (!out.empty() && out.front() == '.') out.erase(out.begin());
  if (out.size() > 100) out.erase(0, out.size() - 100);
  return out.empty() ? "bijlage" : out;
}

bool token_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '+' || c == '-' ||
         c == '_';
}

// `type` when it is "type/subtype" with optional "; name=value" parameters of
// plain characters; application/octet-stream otherwise (no header injection).
std::string safe_content_type(const std::string& type) {
  const std::string fallback = "application/octet-stream";
  std::size_t i = 0;
  auto word = [&] {
    const std::size_t from = i;
    while (i < type.size() && token_char(type[i])) ++i;
    return i > from;
  };
  if (!word() || i >= type.size() || type[i++] != '/' || !word()) return fallback;
  while (i < type.size()) {
    if (type[i++] != ';') return fallback;
    if (i < type.size() && type[i] == ' ') ++i;
    if (!word() || i >= type.size() || type[i++] != '=' || !word()) return fallback;
  }
  return type;
}

std::string attachments_json(const std::vector<MailAttachment>& attachments) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& a : attachments)
    list.push_back(
        {{"name", a.file_name}, {"type", a.content_type}, {"base64", base64_flat(a.data)}});
  return list.dump();
}

std::vector<MailAttachment> attachments_from_json(const std::string& text) {
  std::vector<MailAttachment> out;
  const auto list = nlohmann::json::parse(text.empty() ? "[]" : text);
  for (const auto& a : list)
    out.push_back(MailAttachment{a.at("name").get<std::string>(), a.at("type").get<std::string>(),
                                 unbase64(a.at("base64").get<std::string>())});
  return out;
}

std::string headers_json(const std::vector<std::pair<std::string, std::string>>& headers) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& [name, value] : headers) list.push_back({name, value});
  return list.dump();
}

std::vector<std::pair<std::string, std::string>> headers_from_json(const std::string& text) {
  std::vector<std::pair<std::string, std::string>> out;
  const auto list = nlohmann::json::parse(text.empty() ? "[]" : text);
  for (const auto& h : list)
    out.emplace_back(h.at(0).get<std::string>(), h.at(1).get<std::string>());
  return out;
}

// True for a header name a caller may add: a plain token that the outbox does
// not set itself.
bool extra_header_allowed(const std::string& name) {
  if (name.empty() || name.size() > 60) return false;
  for (char c : name)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-') return false;
  std::string lower;
  for (char c : name)
    lower.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  static const char* const reserved[] = {"from",           "to",       "cc",         "bcc",
                                         "subject",        "date",     "message-id", "mime-version",
                                         "auto-submitted", "reply-to", "sender",     "return-path"};
  for (const char* r : reserved)
    if (lower == r) return false;
  return lower.rfind("content-", 0) != 0;
}

std::string address_of(const std::string& from) {
  auto open = from.find('<');
  auto close = from.find('>');
  if (open != std::string::npos && close != std::string::npos && close > open)
    return from.substr(open + 1, close - open - 1);
  return from;
}

struct Upload {
  const std::string* data;
  std::size_t offset = 0;
};

std::size_t read_upload(char* buffer, std::size_t size, std::size_t count, void* user) {
  auto* up = static_cast<Upload*>(user);
  const std::size_t room = size * count;
  const std::size_t left = up->data->size() - up->offset;
  const std::size_t n = std::min(room, left);
  std::memcpy(buffer, up->data->data() + up->offset, n);
  up->offset += n;
  return n;
}

void ensure_curl() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

}  // namespace

std::string redact_tokens(const std::string& text) {
  std::string out;
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t at = text.find("token=", i);
    if (at == std::string::npos) {
      out.append(text, i, std::string::npos);
      break;
    }
    at += 6;
    out.append(text, i, at - i);
    std::size_t end = at;
    while (end < text.size() && (std::isalnum(static_cast<unsigned char>(text[end])) ||
                                 text[end] == '-' || text[end] == '_'))
      ++end;
    if (end > at) out += "[verwijderd]";
    i = end;
  }
  return out;
}

std::string enqueue(soci::session& sql, const Mail& mail, std::int64_t now) {
  const std::string message_id = std::string("<").append(random_hex(16)).append("@schakel>");
  long long created = now;
  long long due = std::max<long long>(now, mail.send_at);
  const std::string attachments = attachments_json(mail.attachments);
  const std::string headers = headers_json(mail.headers);
  sql << "INSERT INTO mail_outbox (message_id, recipient, subject, body_text, body_html, "
         "attachments, headers, created_at, next_attempt_at) "
         "VALUES (:m, :r, :s, :t, :h, :a, :x, :c, :n)",
      soci::use(message_id), soci::use(mail.to), soci::use(mail.subject), soci::use(mail.text),
      soci::use(mail.html), soci::use(attachments), soci::use(headers), soci::use(created),
      soci::use(due);
  return message_id;
}

std::string compose(const Mail& mail, const std::string& from, const std::string& message_id,
                    std::int64_t date) {
  const std::string boundary = "schakel-" + random_hex(12);
  std::string m;
  m += "From: " + one_line(from) + "\r\n";
  m += "To: " + one_line(mail.to) + "\r\n";
  m += "Subject: " + encode_header(one_line(mail.subject)) + "\r\n";
  m += "Date: " + rfc5322_date(date) + "\r\n";
  m += "Message-ID: " + one_line(message_id) + "\r\n";
  m += "MIME-Version: 1.0\r\n";
  m += "Auto-Submitted: auto-generated\r\n";
  for (const auto& [name, value] : mail.headers)
    if (extra_header_allowed(name)) m += name + ": " + one_line(value) + "\r\n";
  const std::string mixed = "schakel-" + random_hex(12);
  if (!mail.attachments.empty()) {
    m += "Content-Type: multipart/mixed; boundary=\"" + mixed + "\"\r\n\r\n";
    m += "--" + mixed + "\r\n";
  }
  m += "Content-Type: multipart/alternative; boundary=\"" + boundary + "\"\r\n\r\n";
  m += "--" + boundary +
       "\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n";
  m += base64(mail.text);
  m += "--" + boundary +
       "\r\nContent-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n";
  m += base64(mail.html);
  m += "--" + boundary + "--\r\n";
  if (mail.attachments.empty()) return m;
  for (const auto& a : mail.attachments) {
    const std::string name = safe_file_name(a.file_name);
    m += "--" + mixed + "\r\n";
    m += "Content-Type: " + safe_content_type(a.content_type) + "; name=\"" + name + "\"\r\n";
    m += "Content-Disposition: attachment; filename=\"" + name + "\"\r\n";
    m += "Content-Transfer-Encoding: base64\r\n\r\n";
    m += base64(a.data);
  }
  m += "--" + mixed + "--\r\n";
  return m;
}

Status send_smtp(const std::string& url, const std::string& from, const std::string& to,
                 const std::string& message) {
  ensure_curl();
  CURL* curl = curl_easy_init();
  if (!curl) return Error::of(Failure::busy, "curl could not start");
  Upload upload{&message};
  const std::string mail_from = std::string("<").append(address_of(from)).append(">");
  const std::string rcpt = std::string("<").append(address_of(to)).append(">");
  curl_slist* recipients = curl_slist_append(nullptr, rcpt.c_str());
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_MAIL_FROM, mail_from.c_str());
  curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, recipients);
  curl_easy_setopt(curl, CURLOPT_READFUNCTION, read_upload);
  curl_easy_setopt(curl, CURLOPT_READDATA, &upload);
  curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
  // Mails carry sign-in links: demand TLS, except towards a server on this
  // machine (a local relay or the test server), where nobody is on the path.
  const bool loopback = url.find("://127.") != std::string::npos ||
                        url.find("://localhost") != std::string::npos ||
                        url.find("://[::1]") != std::string::npos;
  curl_easy_setopt(curl, CURLOPT_USE_SSL,
                   static_cast<long>(loopback ? CURLUSESSL_TRY : CURLUSESSL_ALL));
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, 10L);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, 60L);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  const CURLcode rc = curl_easy_perform(curl);
  long response = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &response);
  curl_slist_free_all(recipients);
  curl_easy_cleanup(curl);
  if (rc != CURLE_OK)
    return Error::of(Failure::busy, std::string(curl_easy_strerror(rc)) + " (SMTP " +
                                        std::to_string(response) + ")");
  return ok_status();
}

Outbox::Outbox(store::Database& db, const Clock& clock, MailSettings settings)
    : db_(db), clock_(clock), settings_(std::move(settings)) {}

bool Outbox::deliver(const OutboxEntry& entry, const Mail& mail, std::string* error) {
  const std::string message = compose(mail, settings_.from, entry.message_id, clock_.now());
  if (settings_.smtp_url.empty()) {
    std::filesystem::create_directories(settings_.mail_dir);
    const auto path =
        std::filesystem::path(settings_.mail_dir) / (std::to_string(entry.id) + ".eml");
    std::ofstream out(path, std::ios::binary);
    out << message;
    if (!out) {
      *error = "could not write " + path.string();
      return false;
    }
    return true;
  }
  auto sent = send_smtp(settings_.smtp_url, settings_.from, mail.to, message);
  if (!sent) *error = sent.error().fields.front().message;
  return sent.ok();
}

int Outbox::send_due() {
  const long long now = clock_.now();
  // Claims that expired belong to a sender that died after handing over (or not).
  db_.transact([&](soci::session& sql) {
    sql << "UPDATE mail_outbox SET status = 'uncertain', last_error = 'sender stopped while "
           "sending' "
           "WHERE status = 'sending' AND claimed_until < :now",
        soci::use(now);
  });
  std::vector<std::int64_t> due;
  db_.run([&](soci::session& sql) {
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT id FROM mail_outbox WHERE status = 'pending' AND "
                        "next_attempt_at <= :now ORDER BY id LIMIT 50",
         soci::use(now));
    for (const auto& r : rows) due.push_back(store::int64_at(r, 0));
  });
  int delivered = 0;
  for (std::int64_t id : due) {
    long long key = id, claim = clock_.now() + 120;
    long long affected = 0;
    OutboxEntry entry;
    Mail mail;
    db_.transact([&](soci::session& sql) {
      soci::statement st =
          (sql.prepare << "UPDATE mail_outbox SET status = 'sending', claimed_until = :c, "
                          "attempts = attempts + 1 WHERE id = :id AND status = 'pending'",
           soci::use(claim), soci::use(key));
      st.execute(true);
      affected = st.get_affected_rows();
      if (affected != 1) return;
      soci::rowset<soci::row> rows =
          (sql.prepare << "SELECT message_id, recipient, subject, body_text, body_html, attempts, "
                          "attachments, headers FROM mail_outbox WHERE id = :id",
           soci::use(key));
      for (const auto& r : rows) {
        entry.id = id;
        entry.message_id = store::string_at(r, 0);
        mail.to = entry.recipient = store::string_at(r, 1);
        mail.subject = store::string_at(r, 2);
        mail.text = store::string_at(r, 3);
        mail.html = store::string_at(r, 4);
        entry.attempts = static_cast<int>(store::int64_at(r, 5));
        mail.attachments = attachments_from_json(store::string_at(r, 6));
        mail.headers = headers_from_json(store::string_at(r, 7));
      }
    });
    if (affected != 1) continue;  // another node took it
    std::string error;
    const bool ok = deliver(entry, mail, &error);
    const long long done_at = clock_.now();
    db_.transact([&](soci::session& sql) {
      if (ok) {
        // The links in a mail delivered by SMTP are the recipient's alone: keep no
        // usable copy. (Without SMTP the .eml files are the delivery, read by the admin.)
        const bool redact = !settings_.smtp_url.empty();
        const std::string text = redact ? redact_tokens(mail.text) : mail.text;
        const std::string html = redact ? redact_tokens(mail.html) : mail.html;
        sql << "UPDATE mail_outbox SET status = 'sent', sent_at = :t, last_error = NULL, body_text "
               "= :bt, "
               "body_html = :bh WHERE id = :id",
            soci::use(done_at), soci::use(text), soci::use(html), soci::use(key);
      } else {
        const bool give_up = entry.attempts >= settings_.max_attempts;
        const long long next =
            done_at + std::min<long long>(3600, 30LL << std::min(entry.attempts, 7));
        const std::string status = give_up ? "failed" : "pending";
        const std::string message = error.substr(0, 500);
        sql << "UPDATE mail_outbox SET status = :s, next_attempt_at = :n, last_error = :e WHERE id "
               "= :id",
            soci::use(status), soci::use(next), soci::use(message), soci::use(key);
      }
    });
    if (ok) ++delivered;
  }
  return delivered;
}

std::vector<OutboxEntry> Outbox::recent(int limit) {
  std::vector<OutboxEntry> out;
  db_.run([&](soci::session& sql) {
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT id, message_id, recipient, subject, status, attempts, created_at, "
                        "COALESCE(sent_at, 0), COALESCE(last_error, '') FROM mail_outbox ORDER BY "
                        "id DESC LIMIT :l",
         soci::use(limit));
    for (const auto& r : rows) {
      using namespace store;
      out.push_back(OutboxEntry{int64_at(r, 0), string_at(r, 1), string_at(r, 2), string_at(r, 3),
                                string_at(r, 4), static_cast<int>(int64_at(r, 5)), int64_at(r, 6),
                                int64_at(r, 7), string_at(r, 8)});
    }
  });
  return out;
}

std::optional<Mail> Outbox::find(std::int64_t id) {
  std::optional<Mail> out;
  db_.run([&](soci::session& sql) {
    long long key = id;
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT recipient, subject, body_text, body_html, attachments, headers "
                        "FROM mail_outbox WHERE id = :id",
         soci::use(key));
    for (const auto& r : rows) {
      out = settings_.smtp_url.empty() ? Mail{store::string_at(r, 0), store::string_at(r, 1),
                                              store::string_at(r, 2), store::string_at(r, 3)}
                                       : Mail{store::string_at(r, 0), store::string_at(r, 1),
                                              redact_tokens(store::string_at(r, 2)),
                                              redact_tokens(store::string_at(r, 3))};
      out->attachments = attachments_from_json(store::string_at(r, 4));
      out->headers = headers_from_json(store::string_at(r, 5));
    }
  });
  return out;
}

Status Outbox::resend(std::int64_t id) {
  long long key = id, now = clock_.now();
  long long affected = 0;
  db_.transact([&](soci::session& sql) {
    soci::statement st =
        (sql.prepare << "UPDATE mail_outbox SET status = 'pending', next_attempt_at = :n, "
                        "attempts = 0 WHERE id = :id AND status IN ('uncertain', 'failed')",
         soci::use(now), soci::use(key));
    st.execute(true);
    affected = st.get_affected_rows();
  });
  if (affected != 1)
    return Error::of(Failure::conflict, "Dit bericht kan niet opnieuw verstuurd worden.");
  return ok_status();
}

std::size_t Outbox::purge_sent(std::int64_t before) {
  long long at = before;
  std::size_t removed = 0;
  db_.run([&](soci::session& sql) {
    soci::statement st =
        (sql.prepare << "DELETE FROM mail_outbox WHERE status = 'sent' AND sent_at < :t",
         soci::use(at));
    st.execute(true);
    removed = static_cast<std::size_t>(st.get_affected_rows());
  });
  return removed;
}

}  // namespace schakel::mail
