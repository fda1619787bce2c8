-- Daily and weekly digests (issue 14): which digest each person got for which
-- period, and which news items they were sent, so that a digest goes out once
-- per person and period and never repeats an item. Also retires the two
-- checkboxes of /profiel that no job ever read (users.notify_digest and
-- users.notify_trainings): a person who had unticked one keeps that choice as
-- a row of notification_preferences.
--
-- Who owns each table (only the owner's code writes it; tools/check_table_owners.py):
-- Owner: digest: digest_sends, digest_sent_items

-- One row per person and period whose digest was queued. period_key is
-- "day:YYYY-MM-DD" or "week:YYYY-MM-DD" (the Monday), Europe/Brussels dates.
-- Written in the same transaction as the mail and the sent items: the primary
-- key makes a second node, or a rerun after a crash, skip the person.
CREATE TABLE digest_sends (
  user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  period_key TEXT NOT NULL,
  item_count INTEGER NOT NULL,
  message_id TEXT NOT NULL,
  sent_at BIGINT NOT NULL,
  PRIMARY KEY (user_id, period_key)
);

-- Every news item (NewsItem::key, e.g. "resource:12") sent to a person in a
-- digest, so that no later digest sends it again.
CREATE TABLE digest_sent_items (
  user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  item_key TEXT NOT NULL,
  period_key TEXT NOT NULL,
  sent_at BIGINT NOT NULL,
  PRIMARY KEY (user_id, item_key)
);

-- The old choices, kept as the new settings: no weekly overview means no
-- digest of new resources, initiatives or meetings; no training mails means
-- no digest of trainings.
INSERT INTO notification_preferences (user_id, kind, theme, frequency, updated_at)
  SELECT id, 'resources', '', 'none', created_at FROM users WHERE notify_digest = 0;
INSERT INTO notification_preferences (user_id, kind, theme, frequency, updated_at)
  SELECT id, 'initiatives', '', 'none', created_at FROM users WHERE notify_digest = 0;
INSERT INTO notification_preferences (user_id, kind, theme, frequency, updated_at)
  SELECT id, 'meetings', '', 'none', created_at FROM users WHERE notify_digest = 0;
INSERT INTO notification_preferences (user_id, kind, theme, frequency, updated_at)
  SELECT id, 'trainings', '', 'none', created_at FROM users WHERE notify_trainings = 0;

-- SQLite has DROP COLUMN since 3.35 (Debian 12 ships 3.40).
ALTER TABLE users DROP COLUMN notify_digest;
ALTER TABLE users DROP COLUMN notify_trainings;
