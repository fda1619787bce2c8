-- The coordinator's newsletter (issue 14): drafts and sent newsletters, and who
-- each sent newsletter went to.
--
-- Who owns each table (only the owner's code writes it; tools/check_table_owners.py):
-- Owner: digest: newsletters, newsletter_recipients

-- status moves draft -> sending -> sent, each step under a conditional UPDATE
-- (WHERE status = the step before), so a double click or two nodes send once.
-- segment is the stored key of digest::Segment ("role:spoc",
-- "municipality:44021", "municipality_spocs:44021", "theme:partner_violence"),
-- '' while a draft; recipient_count is the number of people it was sent to.
CREATE TABLE newsletters (
  id @ID@,
  subject TEXT NOT NULL,
  body TEXT NOT NULL,  -- Markdown
  status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'sending', 'sent')),
  segment TEXT NOT NULL DEFAULT '',
  recipient_count INTEGER NOT NULL DEFAULT 0,
  is_demo INTEGER NOT NULL DEFAULT 0,
  created_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  sent_at BIGINT
);
CREATE INDEX newsletters_by_status ON newsletters (status, sent_at);

-- One row per person a newsletter was queued for: the unique key is what keeps
-- a person from getting the same newsletter twice. send_at is when the outbox
-- may hand the mail over (spread to at most N a minute).
CREATE TABLE newsletter_recipients (
  newsletter_id BIGINT NOT NULL REFERENCES newsletters (id) ON DELETE CASCADE,
  user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  send_at BIGINT NOT NULL,
  PRIMARY KEY (newsletter_id, user_id)
);
