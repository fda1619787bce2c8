-- Background work, the mail outbox and the audit log.
--
-- Who owns each table (only the owner's code writes it; tools/check_table_owners.py):
-- Owner: jobs: job_leases, job_queue
-- Owner: mail: mail_outbox
-- Owner: audit: audit_log

-- One row per scheduled job: the lease makes a job run on one node at a time,
-- next_run_at makes it run once per interval across all nodes.
CREATE TABLE job_leases (
  name TEXT PRIMARY KEY,
  holder TEXT,
  lease_until BIGINT NOT NULL DEFAULT 0,
  next_run_at BIGINT NOT NULL DEFAULT 0,
  last_run_at BIGINT,
  runs INTEGER NOT NULL DEFAULT 0,
  failures INTEGER NOT NULL DEFAULT 0,
  last_error TEXT
);

-- Every e-mail, written in the same transaction as the change that causes it.
-- status: pending -> sending -> sent | failed | uncertain (see mail/outbox.hpp).
CREATE TABLE mail_outbox (
  id @ID@,
  message_id TEXT NOT NULL UNIQUE,
  recipient TEXT NOT NULL,
  subject TEXT NOT NULL,
  body_text TEXT NOT NULL,
  body_html TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  status TEXT NOT NULL DEFAULT 'pending',
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at BIGINT NOT NULL,
  claimed_until BIGINT NOT NULL DEFAULT 0,
  sent_at BIGINT,
  last_error TEXT
);
CREATE INDEX mail_outbox_due ON mail_outbox (status, next_attempt_at);

-- Who did what to which object, from where. Never passwords, tokens or content.
CREATE TABLE audit_log (
  id @ID@,
  at BIGINT NOT NULL,
  actor_id BIGINT,
  actor_label TEXT NOT NULL DEFAULT '',
  action TEXT NOT NULL,
  object TEXT NOT NULL DEFAULT '',
  detail TEXT NOT NULL DEFAULT '',
  ip TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_by_time ON audit_log (at);
CREATE INDEX audit_log_by_action ON audit_log (action);

-- Queued one-off jobs (e.g. "send the reminders of session 12"). A claim that
-- expires (its node died) is run again: handlers must be idempotent.
CREATE TABLE job_queue (
  id @ID@,
  kind TEXT NOT NULL,
  payload TEXT NOT NULL DEFAULT '',
  run_at BIGINT NOT NULL,
  status TEXT NOT NULL DEFAULT 'queued',
  attempts INTEGER NOT NULL DEFAULT 0,
  claimed_by TEXT,
  claimed_until BIGINT NOT NULL DEFAULT 0,
  last_error TEXT,
  created_at BIGINT NOT NULL
);
CREATE INDEX job_queue_due ON job_queue (status, run_at);
