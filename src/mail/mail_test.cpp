#include "mail/mail.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "test_support.hpp"

namespace schakel::mail {
namespace {

using schakel::testing::mail_header;
using schakel::testing::mail_text;
using schakel::testing::SmtpServer;
using schakel::testing::TempDir;
using schakel::testing::TestDatabase;

class OutboxTest : public ::testing::Test {
 protected:
  OutboxTest() : database_(store::Backend::sqlite) { database_.migrate(); }
  std::string queue(const std::string& to) {
    return database_.db().transact([&](soci::session& sql) {
      return enqueue(
          sql, Mail{to, "Bevestig je adres – één klik", "Dag Els,\nklik hier.", "<p>Dag Els</p>"},
          clock_.now());
    });
  }
  std::string status_of(const std::string& message_id) {
    std::string status;
    database_.db().run([&](soci::session& sql) {
      sql << "SELECT status FROM mail_outbox WHERE message_id = :m", soci::use(message_id),
          soci::into(status);
    });
    return status;
  }
  TestDatabase database_;
  ManualClock clock_{1'800'000'000};
};

TEST_F(OutboxTest, DeliversToARealSmtpServerWithTextHtmlAndEncodedSubject) {
  SmtpServer smtp;
  Outbox outbox(database_.db(), clock_,
                MailSettings{smtp.url(), "Schakel <noreply@schakel.test>", "", 6});
  const std::string id = queue("els@voorbeeld.be");
  EXPECT_EQ(outbox.send_due(), 1);
  const std::string raw = smtp.wait_for("els@voorbeeld.be");
  ASSERT_FALSE(raw.empty());
  EXPECT_EQ(mail_header(raw, "Subject"), "Bevestig je adres – één klik");
  EXPECT_EQ(mail_header(raw, "Message-ID"), id);
  EXPECT_NE(raw.find("multipart/alternative"), std::string::npos);
  EXPECT_NE(raw.find("text/html"), std::string::npos);
  EXPECT_EQ(mail_text(raw), "Dag Els,\nklik hier.");
  EXPECT_EQ(status_of(id), "sent");
  EXPECT_EQ(outbox.send_due(), 0);  // nothing is sent twice
  EXPECT_EQ(smtp.messages().size(), 1u);
}

TEST_F(OutboxTest, AnUnreachableServerMeansRetryWithBackOffThenFailure) {
  Outbox outbox(database_.db(), clock_,
                MailSettings{"smtp://127.0.0.1:1", "Schakel <a@b.test>", "", 3});
  const std::string id = queue("els@voorbeeld.be");
  EXPECT_EQ(outbox.send_due(), 0);
  EXPECT_EQ(status_of(id), "pending");
  EXPECT_EQ(outbox.send_due(), 0);  // not due yet: backing off
  for (int i = 0; i < 5; ++i) {
    clock_.advance(3600);
    outbox.send_due();
  }
  EXPECT_EQ(status_of(id), "failed");
  EXPECT_FALSE(outbox.recent(10).front().last_error.empty());
  EXPECT_TRUE(outbox.resend(outbox.recent(10).front().id).ok());
  EXPECT_EQ(status_of(id), "pending");
}

TEST_F(OutboxTest, AMessageWhoseSenderDiedIsUncertainAndNotSentAgain) {
  SmtpServer smtp;
  Outbox outbox(database_.db(), clock_, MailSettings{smtp.url(), "Schakel <a@b.test>", "", 6});
  const std::string id = queue("els@voorbeeld.be");
  // A node claimed it and died between handing it over and marking it sent.
  long long claim = clock_.now() + 120;
  database_.db().run([&](soci::session& sql) {
    sql << "UPDATE mail_outbox SET status = 'sending', claimed_until = :c, attempts = 1",
        soci::use(claim);
  });
  EXPECT_EQ(outbox.send_due(), 0);
  EXPECT_EQ(status_of(id), "sending");
  clock_.advance(121);
  EXPECT_EQ(outbox.send_due(), 0);
  EXPECT_EQ(status_of(id), "uncertain");
  EXPECT_TRUE(smtp.messages().empty());
  // An administrator decides to send it after all.
  EXPECT_TRUE(outbox.resend(outbox.recent(1).front().id).ok());
  EXPECT_EQ(outbox.send_due(), 1);
  EXPECT_FALSE(outbox.resend(outbox.recent(1).front().id).ok());  // sent messages stay sent
}

TEST_F(OutboxTest, WithoutSmtpMailsBecomeEmlFiles) {
  TempDir dir;
  Outbox outbox(database_.db(), clock_,
                MailSettings{"", "Schakel <a@b.test>", (dir.path() / "mail").string(), 6});
  queue("els@voorbeeld.be");
  EXPECT_EQ(outbox.send_due(), 1);
  int files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir.path() / "mail")) {
    ++files;
    EXPECT_EQ(entry.path().extension(), ".eml");
  }
  EXPECT_EQ(files, 1);
}

TEST_F(OutboxTest, ExtraHeadersReachTheServerAndReservedOnesAreDropped) {
  SmtpServer smtp;
  Outbox outbox(database_.db(), clock_, MailSettings{smtp.url(), "Schakel <a@b.test>", "", 6});
  Mail m{"els@voorbeeld.be", "Nieuwsbrief", "tekst", "<p>tekst</p>"};
  m.headers = {{"List-Unsubscribe", "<https://schakel.test/afmelden?token=abc>"},
               {"List-Unsubscribe-Post", "List-Unsubscribe=One-Click"},
               {"Subject", "overgenomen"},
               {"X-Bad Name", "nee"},
               {"X-Schakel-Kind", "eerste\r\nBcc: iemand@kwaad.test"}};
  database_.db().transact([&](soci::session& sql) { enqueue(sql, m, clock_.now()); });
  EXPECT_EQ(outbox.send_due(), 1);
  const std::string raw = smtp.wait_for("els@voorbeeld.be");
  ASSERT_FALSE(raw.empty());
  EXPECT_EQ(mail_header(raw, "List-Unsubscribe"), "<https://schakel.test/afmelden?token=abc>");
  EXPECT_EQ(mail_header(raw, "List-Unsubscribe-Post"), "List-Unsubscribe=One-Click");
  EXPECT_EQ(mail_header(raw, "Subject"), "Nieuwsbrief");
  EXPECT_EQ(raw.find("X-Bad Name"), std::string::npos);
  EXPECT_EQ(raw.find("\r\nBcc:"), std::string::npos);
  EXPECT_EQ(mail_header(raw, "X-Schakel-Kind"), "eerste  Bcc: iemand@kwaad.test");
}

TEST_F(OutboxTest, AMailIsNotHandedOverBeforeItsSendAt) {
  SmtpServer smtp;
  Outbox outbox(database_.db(), clock_, MailSettings{smtp.url(), "Schakel <a@b.test>", "", 6});
  Mail later{"later@voorbeeld.be", "Later", "tekst", "<p>tekst</p>"};
  later.send_at = clock_.now() + 600;
  database_.db().transact([&](soci::session& sql) { enqueue(sql, later, clock_.now()); });
  queue("nu@voorbeeld.be");
  EXPECT_EQ(outbox.send_due(), 1);
  clock_.advance(599);
  EXPECT_EQ(outbox.send_due(), 0);
  clock_.advance(1);
  EXPECT_EQ(outbox.send_due(), 1);
  EXPECT_FALSE(smtp.wait_for("later@voorbeeld.be").empty());
}

// Retention is the outbox's own: delivered mails go once older than the cut-off,
// queued ones never.
TEST_F(OutboxTest, PurgeSentDeletesOnlyDeliveredMailsOlderThanTheCutOff) {
  TempDir dir;
  Outbox outbox(database_.db(), clock_,
                MailSettings{"", "Schakel <a@b.test>", (dir.path() / "mail").string(), 6});
  const auto old_mail = queue("oud@voorbeeld.be");
  EXPECT_EQ(outbox.send_due(), 1);
  clock_.advance(100);
  const auto new_mail = queue("nieuw@voorbeeld.be");
  EXPECT_EQ(outbox.send_due(), 1);
  const auto waiting = queue("wacht@voorbeeld.be");
  EXPECT_EQ(outbox.purge_sent(clock_.now() - 50), 1u);
  EXPECT_EQ(status_of(old_mail), "");
  EXPECT_EQ(status_of(new_mail), "sent");
  EXPECT_EQ(status_of(waiting), "pending");
  EXPECT_EQ(outbox.purge_sent(clock_.now() + 1), 1u);
  EXPECT_EQ(status_of(waiting), "pending");
}

TEST(MailCompose, HeadersCannotBeInjected) {
  const std::string m =
      compose(Mail{"a@b.be\r\nBcc: x@evil.test", "Hallo\r\nBcc: y@evil.test", "t", "h"},
              "Schakel <a@b.test>", "<1@schakel>", 0);
  EXPECT_EQ(m.find("\r\nBcc:"), std::string::npos);
}

}  // namespace
}  // namespace schakel::mail

namespace schakel::mail {
namespace {

TEST(MailRedaction, TokensAreReplacedAndTheRestKept) {
  EXPECT_EQ(redact_tokens("Klik: https://x.be/bevestigen?token=abc_DEF-123 en klaar."),
            "Klik: https://x.be/bevestigen?token=[verwijderd] en klaar.");
  EXPECT_EQ(redact_tokens("geen link"), "geen link");
  EXPECT_EQ(redact_tokens("token= leeg"), "token= leeg");
}

TEST_F(OutboxTest, ADeliveredMailKeepsNoUsableLink) {
  SmtpServer smtp;
  Outbox outbox(database_.db(), clock_, MailSettings{smtp.url(), "Schakel <a@b.test>", "", 6});
  database_.db().transact([&](soci::session& sql) {
    enqueue(sql,
            Mail{"els@voorbeeld.be", "Link", "https://x.be/a?token=geheimgeheim",
                 "<a href=\"https://x.be/a?token=geheimgeheim\">x</a>"},
            clock_.now());
  });
  ASSERT_EQ(outbox.send_due(), 1);
  EXPECT_NE(mail_text(smtp.wait_for("els@voorbeeld.be")).find("token=geheimgeheim"),
            std::string::npos);
  int stored = -1;
  database_.db().run([&](soci::session& sql) {
    sql << "SELECT COUNT(*) FROM mail_outbox WHERE body_text LIKE '%geheimgeheim%' OR body_html "
           "LIKE '%geheimgeheim%'",
        soci::into(stored);
  });
  EXPECT_EQ(stored, 0);
  EXPECT_EQ(outbox.find(outbox.recent(1).front().id)->text.find("geheimgeheim"), std::string::npos);
}

}  // namespace
}  // namespace schakel::mail

namespace schakel::mail {
namespace {

const char* const sample_ics =
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Schakel//test//NL\r\nEND:VCALENDAR\r\n";

// What Python's email module finds in `message`: the top content type, then one
// line "type|filename|disposition" per part (nested parts indented), then the
// plain text body and the decoded bytes of every attachment in hex.
std::string parse_with_python(const std::string& message) {
  schakel::testing::TempDir dir;
  const auto path = dir.path() / "message.eml";
  std::ofstream(path, std::ios::binary) << message;
  const std::string script =
      "import email, sys\n"
      "from email import policy\n"
      "m = email.message_from_binary_file(open(sys.argv[1], 'rb'), policy=policy.default)\n"
      "print(m.get_content_type())\n"
      "def walk(p, depth):\n"
      "    for q in p.iter_parts():\n"
      "        print('  ' * depth + '%s|%s|%s' % (q.get_content_type(), q.get_filename(),\n"
      "              q.get_content_disposition()))\n"
      "        if q.is_multipart(): walk(q, depth + 1)\n"
      "walk(m, 0)\n"
      "print('text=' + repr(m.get_body(('plain',)).get_content()))\n"
      "for a in m.iter_attachments():\n"
      "    print('data=' + a.get_payload(decode=True).hex())\n";
  const auto script_path = dir.path() / "parse.py";
  std::ofstream(script_path) << script;
  return schakel::testing::run_command("/usr/bin/python3 " + script_path.string() + " " +
                                       path.string());
}

std::string hex(const std::string& data) {
  static const char* const digits = "0123456789abcdef";
  std::string out;
  for (unsigned char c : data) {
    out.push_back(digits[c >> 4]);
    out.push_back(digits[c & 15]);
  }
  return out;
}

TEST(MailCompose, AnAttachmentMakesAMixedMessageWithTheAlternativeFirst) {
  Mail mail{"els@voorbeeld.be", "Je inschrijving", "Dag Els,\nje bent ingeschreven.",
            "<p>Dag Els</p>"};
  mail.attachments.push_back(
      {"vorming.ics", "text/calendar; charset=utf-8; method=PUBLISH", sample_ics});
  const std::string parsed = parse_with_python(compose(mail, "Schakel <a@b.test>", "<1@s>", 0));
  EXPECT_EQ(parsed,
            "multipart/mixed\n"
            "multipart/alternative|None|None\n"
            "  text/plain|None|None\n"
            "  text/html|None|None\n"
            "text/calendar|vorming.ics|attachment\n"
            "text='Dag Els,\\nje bent ingeschreven.'\n"
            "data=" +
                hex(sample_ics) + "\n");
}

TEST(MailCompose, WithoutAttachmentsTheMessageIsOnlyTheAlternative) {
  const std::string parsed = parse_with_python(
      compose(Mail{"els@voorbeeld.be", "Hallo", "tekst", "<p>html</p>"}, "a@b.test", "<1@s>", 0));
  EXPECT_EQ(parsed,
            "multipart/alternative\n"
            "text/plain|None|None\n"
            "text/html|None|None\n"
            "text='tekst'\n");
}

TEST(MailCompose, AttachmentNamesAndTypesCannotInjectHeaders) {
  Mail mail{"els@voorbeeld.be", "Hallo", "t", "h"};
  mail.attachments.push_back({"../../x\r\nBcc: x@evil.test\".ics", "text/plain\r\nBcc: y@evil.test",
                              std::string("\0\xff binary", 9)});
  mail.attachments.push_back({"", "text/calendar; method=\"PUBLISH\"", "x"});
  const std::string m = compose(mail, "Schakel <a@b.test>", "<1@schakel>", 0);
  EXPECT_EQ(m.find("\r\nBcc:"), std::string::npos);
  const std::string parsed = parse_with_python(m);
  EXPECT_NE(parsed.find("application/octet-stream|_.._x__Bcc__x_evil.test_.ics|attachment\n"),
            std::string::npos)
      << parsed;
  EXPECT_NE(parsed.find("application/octet-stream|bijlage|attachment\n"), std::string::npos)
      << parsed;
  EXPECT_NE(parsed.find("data=" + hex(std::string("\0\xff binary", 9)) + "\n"), std::string::npos);
}

TEST_F(OutboxTest, AttachmentsAreKeptInTheOutboxAndReachTheSmtpServer) {
  SmtpServer smtp;
  Outbox outbox(database_.db(), clock_, MailSettings{smtp.url(), "Schakel <a@b.test>", "", 6});
  Mail mail{"els@voorbeeld.be", "Je inschrijving", "Dag Els", "<p>Dag Els</p>"};
  mail.attachments.push_back({"vorming.ics", "text/calendar; charset=utf-8", sample_ics});
  mail.attachments.push_back({"leeg.bin", "application/octet-stream", std::string("\0\1\2", 3)});
  database_.db().transact([&](soci::session& sql) { enqueue(sql, mail, clock_.now()); });

  const auto stored = outbox.find(outbox.recent(1).front().id);
  ASSERT_TRUE(stored);
  ASSERT_EQ(stored->attachments.size(), 2u);
  EXPECT_EQ(stored->attachments[0].file_name, "vorming.ics");
  EXPECT_EQ(stored->attachments[0].content_type, "text/calendar; charset=utf-8");
  EXPECT_EQ(stored->attachments[0].data, sample_ics);
  EXPECT_EQ(stored->attachments[1].data, std::string("\0\1\2", 3));

  ASSERT_EQ(outbox.send_due(), 1);
  const std::string raw = smtp.wait_for("els@voorbeeld.be");
  ASSERT_FALSE(raw.empty());
  const std::string parsed = parse_with_python(raw);
  EXPECT_NE(parsed.find("multipart/mixed\n"), std::string::npos) << parsed;
  EXPECT_NE(parsed.find("text/calendar|vorming.ics|attachment\n"), std::string::npos) << parsed;
  EXPECT_NE(parsed.find("application/octet-stream|leeg.bin|attachment\n"), std::string::npos);
  EXPECT_NE(parsed.find("data=" + hex(sample_ics) + "\ndata=000102\n"), std::string::npos)
      << parsed;
  EXPECT_EQ(mail_text(raw), "Dag Els");
}

TEST_F(OutboxTest, AMailWithoutAttachmentsStoresAnEmptyList) {
  queue("els@voorbeeld.be");
  std::string stored;
  database_.db().run([&](soci::session& sql) {
    sql << "SELECT attachments FROM mail_outbox", soci::into(stored);
  });
  EXPECT_EQ(stored, "[]");
  Outbox outbox(database_.db(), clock_, MailSettings{});
  const auto found = outbox.find(outbox.recent(1).front().id);
  ASSERT_TRUE(found);
  EXPECT_TRUE(found->attachments.empty());
}

}  // namespace
}  // namespace schakel::mail
