-- Help pages for citizens (issue 12): a general page and a page per theme, in
-- plain Dutch, each with the same five sections (Markdown). Edited by
-- coordinators; every save keeps a revision in the shared table `revisions`
-- (subject kind 'help_page'). `theme` is a catalog theme slug (partner_violence,
-- child_abuse, elder_abuse, ...) or '' for the general page.
--
-- Owner: citizens: help_pages

CREATE TABLE help_pages (
  id @ID@,
  slug TEXT NOT NULL UNIQUE,
  theme TEXT NOT NULL DEFAULT '',
  position INTEGER NOT NULL DEFAULT 0,
  title TEXT NOT NULL,
  summary TEXT NOT NULL,
  what_is_it TEXT NOT NULL,
  recognise TEXT NOT NULL,
  react TEXT NOT NULL,
  talk TEXT NOT NULL,
  where_to_go TEXT NOT NULL,
  is_demo INTEGER NOT NULL DEFAULT 0,
  updated_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
