-- Initiatives across levels and domains (issue 14): the policy level of an
-- initiative or funding call, its running period, a funding call's deadline,
-- and the vocabulary of policy domains (linked through resource_terms like the
-- themes, so the coordinator can add domains on /kennisbank/termen).
--
-- Who owns each table (only the owner's code writes it; tools/check_table_owners.py):
-- Owner: catalog: resources, vocabulary_terms

-- policy_level: '' (not stated; other kinds) or one of catalog::policy_levels().
-- Dates are Brussels calendar dates 'YYYY-MM-DD', '' when not given.
ALTER TABLE resources ADD COLUMN policy_level TEXT NOT NULL DEFAULT '';
ALTER TABLE resources ADD COLUMN deadline TEXT NOT NULL DEFAULT '';
ALTER TABLE resources ADD COLUMN running_from TEXT NOT NULL DEFAULT '';
ALTER TABLE resources ADD COLUMN running_until TEXT NOT NULL DEFAULT '';
CREATE INDEX resources_by_kind_deadline ON resources (kind, status, deadline);

INSERT INTO vocabulary_terms (vocabulary, slug, label, position) VALUES
  ('policy_domain', 'welfare', 'Welzijn', 1),
  ('policy_domain', 'justice', 'Justitie', 2),
  ('policy_domain', 'police', 'Politie', 3),
  ('policy_domain', 'education', 'Onderwijs', 4),
  ('policy_domain', 'health', 'Gezondheid', 5),
  ('policy_domain', 'youth', 'Jeugd', 6),
  ('policy_domain', 'housing', 'Wonen', 7),
  ('policy_domain', 'work', 'Werk', 8);
