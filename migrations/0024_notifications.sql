-- What each person wants to hear about by mail (issue 14), and extra header
-- fields of queued mails (List-Unsubscribe of digests and newsletters).
--
-- Who owns each table (only the owner's code writes it; tools/check_table_owners.py):
-- Owner: digest: notification_preferences

-- One row per person, kind and theme that differs from the default. kind is
-- one of digest::Kind ("resources", "trainings", "initiatives", "meetings",
-- "newsletter"); theme is a catalog theme code, or '' for the whole kind (the
-- default for themes without a row of their own). frequency: 'none', 'daily',
-- 'weekly' ('newsletter' knows only 'none' and 'weekly', which means "yes").
-- A person without rows gets the defaults of digest::default_frequency.
CREATE TABLE notification_preferences (
  user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  theme TEXT NOT NULL DEFAULT '',
  frequency TEXT NOT NULL,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (user_id, kind, theme)
);
CREATE INDEX notification_preferences_by_kind ON notification_preferences (kind, frequency);

-- Extra header fields of a queued mail as a JSON array of [name, value] pairs.
ALTER TABLE mail_outbox ADD COLUMN headers TEXT NOT NULL DEFAULT '[]';
