-- The kennisbank (catalog): resources with their revisions, themes and other
-- vocabularies as tables (not enums), so coordinators can add to them.
--
-- Who owns each table (only the owner's code writes it; tools/check_table_owners.py):
-- Owner: catalog: vocabulary_terms, resources, resource_terms, resource_tracks, resource_revisions

CREATE TABLE vocabulary_terms (
  id @ID@,
  vocabulary TEXT NOT NULL,  -- theme, audience, age_group
  slug TEXT NOT NULL,
  label TEXT NOT NULL,
  position INTEGER NOT NULL DEFAULT 0,
  UNIQUE (vocabulary, slug)
);

INSERT INTO vocabulary_terms (vocabulary, slug, label, position) VALUES
  ('theme', 'child_abuse', 'Kindermishandeling', 1),
  ('theme', 'partner_violence', 'Partnergeweld', 2),
  ('theme', 'frames_of_reference', 'Eigen referentiekader', 3),
  ('theme', 'elder_abuse', 'Ouderenmis(be)handeling', 4),
  ('theme', 'sibling_violence', 'Geweld tussen broers en zussen', 5),
  ('theme', 'conflict_talk_children', 'Praten over conflict en geweld met kinderen', 6),
  ('audience', 'teachers', 'Leerkrachten', 1),
  ('audience', 'youth_workers', 'Jeugdwerkers', 2),
  ('audience', 'social_workers', 'Maatschappelijk werkers', 3),
  ('audience', 'police', 'Politie', 4),
  ('audience', 'general_practitioners', 'Huisartsen', 5),
  ('audience', 'nurses', 'Verpleegkundigen', 6),
  ('audience', 'local_government', 'Lokale besturen', 7),
  ('audience', 'citizens', 'Burgers', 8),
  ('age_group', 'young_children', 'Jonge kinderen', 1),
  ('age_group', 'primary_school', 'Lagere school', 2),
  ('age_group', 'secondary_school', 'Secundaire school', 3),
  ('age_group', 'adults', 'Volwassenen', 4),
  ('age_group', 'older_people', 'Ouderen', 5);

CREATE TABLE resources (
  id @ID@,
  slug TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL,
  title TEXT NOT NULL,
  summary TEXT NOT NULL,
  body TEXT NOT NULL DEFAULT '',
  language TEXT NOT NULL DEFAULT 'nl',
  rationale TEXT NOT NULL DEFAULT '',
  target_group TEXT NOT NULL DEFAULT '',
  goals TEXT NOT NULL DEFAULT '',
  approach TEXT NOT NULL DEFAULT '',
  conditions TEXT NOT NULL DEFAULT '',
  transferability TEXT NOT NULL DEFAULT '',
  cost TEXT NOT NULL DEFAULT '',
  training_needed TEXT NOT NULL DEFAULT '',
  evidence_level TEXT NOT NULL DEFAULT 'none_stated',
  contact_name TEXT NOT NULL DEFAULT '',
  contact_organisation TEXT NOT NULL DEFAULT '',
  scope TEXT NOT NULL DEFAULT 'flemish',
  owner_nis_code TEXT REFERENCES municipalities (nis_code),
  visibility TEXT NOT NULL DEFAULT 'public',
  status TEXT NOT NULL DEFAULT 'draft',
  created_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
  updated_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  published_at BIGINT
);
CREATE INDEX resources_by_status ON resources (status, updated_at);

CREATE TABLE resource_terms (
  resource_id BIGINT NOT NULL REFERENCES resources (id) ON DELETE CASCADE,
  term_id BIGINT NOT NULL REFERENCES vocabulary_terms (id),
  PRIMARY KEY (resource_id, term_id)
);

CREATE TABLE resource_tracks (
  resource_id BIGINT NOT NULL REFERENCES resources (id) ON DELETE CASCADE,
  track TEXT NOT NULL,
  PRIMARY KEY (resource_id, track)
);

-- Every save keeps a full snapshot (JSON) so any revision can be shown and restored.
CREATE TABLE resource_revisions (
  id @ID@,
  resource_id BIGINT NOT NULL REFERENCES resources (id) ON DELETE CASCADE,
  number INTEGER NOT NULL,
  snapshot TEXT NOT NULL,
  author_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
  author_label TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  UNIQUE (resource_id, number)
);
