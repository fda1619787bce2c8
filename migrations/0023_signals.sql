-- Signals, needs and actions (issue 13): what SPOCs hear in their region, the
-- needs and gaps those signals point to, and the actions that answer them and
-- serve the network's goals. Free text in these tables has passed the privacy
-- guard (core/privacy_guard.hpp): it describes situations, never people.
--
-- Who owns each table (only the owner's code writes it; tools/check_table_owners.py):
-- Owner: signals: signals, signal_themes, needs, need_themes, need_signals, action_statuses
-- Owner: signals: actions, action_needs, action_goals, action_milestones, action_outputs
-- Owner: signals: action_indicators, signal_timeline

-- A signal: a situation or trend a SPOC (or the coordinator) heard of in one
-- municipality. Visible to the whole network unless own_municipality_only.
CREATE TABLE signals (
  id @ID@,
  nis_code TEXT NOT NULL REFERENCES municipalities (nis_code),
  description TEXT NOT NULL,
  target_group TEXT NOT NULL DEFAULT '',   -- e.g. "ouderen", "jongeren"
  sector TEXT NOT NULL DEFAULT '',         -- the sector it comes from, e.g. "onderwijs"
  track TEXT NOT NULL DEFAULT '',          -- a catalog track slug (the chain), or ''
  source TEXT NOT NULL DEFAULT '',         -- e.g. "schoolteams", "politiezone"
  observed_on TEXT NOT NULL,               -- YYYY-MM-DD, a Brussels date
  frequency TEXT NOT NULL DEFAULT 'once'
    CHECK (frequency IN ('once', 'sometimes', 'often')),
  urgent INTEGER NOT NULL DEFAULT 0,
  own_municipality_only INTEGER NOT NULL DEFAULT 0,
  closed_at BIGINT NULL,                   -- when the SPOC closed it; retention counts from here
  created_by BIGINT NULL REFERENCES users (id) ON DELETE SET NULL,
  is_demo INTEGER NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX signals_by_municipality ON signals (nis_code, observed_on);
CREATE INDEX signals_by_closed ON signals (closed_at);

CREATE TABLE signal_themes (
  signal_id BIGINT NOT NULL REFERENCES signals (id) ON DELETE CASCADE,
  theme TEXT NOT NULL,  -- a catalog theme slug
  PRIMARY KEY (signal_id, theme)
);

-- A need or a gap in the offer, local (one municipality) or supra-local (nis_code NULL).
CREATE TABLE needs (
  id @ID@,
  title TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  kind TEXT NOT NULL DEFAULT 'need' CHECK (kind IN ('need', 'gap')),
  nis_code TEXT NULL REFERENCES municipalities (nis_code),
  status TEXT NOT NULL DEFAULT 'open'
    CHECK (status IN ('open', 'in_progress', 'addressed', 'not_addressed')),
  status_reason TEXT NOT NULL DEFAULT '',  -- required when not_addressed
  created_by BIGINT NULL REFERENCES users (id) ON DELETE SET NULL,
  is_demo INTEGER NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);

CREATE TABLE need_themes (
  need_id BIGINT NOT NULL REFERENCES needs (id) ON DELETE CASCADE,
  theme TEXT NOT NULL,
  PRIMARY KEY (need_id, theme)
);

CREATE TABLE need_signals (
  need_id BIGINT NOT NULL REFERENCES needs (id) ON DELETE CASCADE,
  signal_id BIGINT NOT NULL REFERENCES signals (id) ON DELETE CASCADE,
  PRIMARY KEY (need_id, signal_id)
);
CREATE INDEX need_signals_by_signal ON need_signals (signal_id);

-- The statuses an action can have, defined by the coordinator, each with the
-- progress it stands for (as Decidim's accountability does).
CREATE TABLE action_statuses (
  id @ID@,
  label TEXT NOT NULL UNIQUE,
  progress INTEGER NOT NULL CHECK (progress BETWEEN 0 AND 100),
  position INTEGER NOT NULL DEFAULT 0
);
INSERT INTO action_statuses (label, progress, position) VALUES
  ('Gepland', 0, 1),
  ('In voorbereiding', 20, 2),
  ('Loopt', 50, 3),
  ('Bijna klaar', 80, 4),
  ('Afgerond', 100, 5);

-- An action: answers needs, serves goals. It may be part of a larger action
-- (parent_id; never a cycle). Its progress is its own when set (progress NOT
-- NULL), else the mean of its parts' when it has parts, else its status's
-- (signals/progress.hpp).
CREATE TABLE actions (
  id @ID@,
  parent_id BIGINT NULL REFERENCES actions (id) ON DELETE SET NULL,
  title TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  owner_kind TEXT NOT NULL CHECK (owner_kind IN ('person', 'municipality', 'partner')),
  owner_user_id BIGINT NULL REFERENCES users (id) ON DELETE SET NULL,
  owner_nis_code TEXT NULL REFERENCES municipalities (nis_code),
  owner_partner TEXT NOT NULL DEFAULT '',  -- name of a partner organisation
  starts_on TEXT NOT NULL,                 -- YYYY-MM-DD
  ends_on TEXT NULL,                       -- YYYY-MM-DD or NULL (open-ended)
  status_id BIGINT NOT NULL REFERENCES action_statuses (id),
  progress INTEGER NULL CHECK (progress IS NULL OR progress BETWEEN 0 AND 100),
  is_public INTEGER NOT NULL DEFAULT 0,    -- shown on "Wat doet het netwerk?" and goal pages
  created_by BIGINT NULL REFERENCES users (id) ON DELETE SET NULL,
  is_demo INTEGER NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  CHECK (ends_on IS NULL OR starts_on <= ends_on)
);
CREATE INDEX actions_by_parent ON actions (parent_id);

CREATE TABLE action_needs (
  action_id BIGINT NOT NULL REFERENCES actions (id) ON DELETE CASCADE,
  need_id BIGINT NOT NULL REFERENCES needs (id) ON DELETE CASCADE,
  PRIMARY KEY (action_id, need_id)
);
CREATE INDEX action_needs_by_need ON action_needs (need_id);

CREATE TABLE action_goals (
  action_id BIGINT NOT NULL REFERENCES actions (id) ON DELETE CASCADE,
  goal_number INTEGER NOT NULL REFERENCES goals (number),
  PRIMARY KEY (action_id, goal_number)
);

CREATE TABLE action_milestones (
  id @ID@,
  action_id BIGINT NOT NULL REFERENCES actions (id) ON DELETE CASCADE,
  title TEXT NOT NULL,
  due_on TEXT NOT NULL,   -- YYYY-MM-DD
  done_on TEXT NULL       -- YYYY-MM-DD when reached
);
CREATE INDEX action_milestones_by_action ON action_milestones (action_id, due_on);

-- What an action produced: a resource, a training series or a campaign of this
-- platform (target = its id or slug), or an outside link (target = the URL).
CREATE TABLE action_outputs (
  id @ID@,
  action_id BIGINT NOT NULL REFERENCES actions (id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('resource', 'series', 'campaign', 'link')),
  target TEXT NOT NULL,
  label TEXT NOT NULL DEFAULT ''
);
CREATE INDEX action_outputs_by_action ON action_outputs (action_id);

-- Indicators with values, e.g. "bereikte deelnemers" = 84 (target optional).
CREATE TABLE action_indicators (
  id @ID@,
  action_id BIGINT NOT NULL REFERENCES actions (id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  value DOUBLE PRECISION NOT NULL,
  target DOUBLE PRECISION NULL,
  unit TEXT NOT NULL DEFAULT ''
);
CREATE INDEX action_indicators_by_action ON action_indicators (action_id);

-- The dated story of a need, an action or a signal: one row per change.
-- `summary` is written by the platform in Dutch ("Status: open -> wordt
-- aangepakt") from texts that passed the privacy guard.
CREATE TABLE signal_timeline (
  id @ID@,
  subject_kind TEXT NOT NULL CHECK (subject_kind IN ('signal', 'need', 'action')),
  subject_id BIGINT NOT NULL,
  at BIGINT NOT NULL,
  actor_user_id BIGINT NULL REFERENCES users (id) ON DELETE SET NULL,
  event TEXT NOT NULL,   -- created, edited, status, linked, unlinked, milestone, output, indicator, closed
  summary TEXT NOT NULL
);
CREATE INDEX signal_timeline_by_subject ON signal_timeline (subject_kind, subject_id, at);
