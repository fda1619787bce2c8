-- Attachments, links, an image and podcast fields for kennisbank resources.
-- File contents are stored once per SHA-256 (the same bytes uploaded twice share a row).
--
-- Who owns each table (only the owner's code writes it; tools/check_table_owners.py):
-- Owner: files: blobs
-- Owner: catalog: resource_attachments, resource_links

CREATE TABLE blobs (
  sha256 TEXT PRIMARY KEY,
  size BIGINT NOT NULL,
  content_type TEXT NOT NULL,  -- as sniffed from the content, never as declared
  data @BLOB@ NOT NULL,
  created_at BIGINT NOT NULL
);

CREATE TABLE resource_attachments (
  id @ID@,
  resource_id BIGINT NOT NULL REFERENCES resources (id) ON DELETE CASCADE,
  blob_sha256 TEXT NOT NULL REFERENCES blobs (sha256),
  file_name TEXT NOT NULL,  -- sanitised display name with the sniffed extension
  title TEXT NOT NULL DEFAULT '',
  position INTEGER NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL,
  created_by BIGINT REFERENCES users (id) ON DELETE SET NULL
);
CREATE INDEX resource_attachments_by_resource ON resource_attachments (resource_id, position);
CREATE INDEX resource_attachments_by_blob ON resource_attachments (blob_sha256);

CREATE TABLE resource_links (
  id @ID@,
  resource_id BIGINT NOT NULL REFERENCES resources (id) ON DELETE CASCADE,
  label TEXT NOT NULL,
  url TEXT NOT NULL,
  position INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX resource_links_by_resource ON resource_links (resource_id, position);

-- The image of a resource is one of its attachments; so is a podcast's audio
-- (or the audio lives elsewhere: audio_url).
ALTER TABLE resources ADD COLUMN image_attachment_id BIGINT REFERENCES resource_attachments (id) ON DELETE SET NULL;
ALTER TABLE resources ADD COLUMN image_alt TEXT NOT NULL DEFAULT '';
ALTER TABLE resources ADD COLUMN audio_attachment_id BIGINT REFERENCES resource_attachments (id) ON DELETE SET NULL;
ALTER TABLE resources ADD COLUMN audio_url TEXT NOT NULL DEFAULT '';
ALTER TABLE resources ADD COLUMN duration TEXT NOT NULL DEFAULT '';  -- mm:ss or hh:mm:ss
ALTER TABLE resources ADD COLUMN guests_prevention TEXT NOT NULL DEFAULT '';
ALTER TABLE resources ADD COLUMN guests_care TEXT NOT NULL DEFAULT '';
ALTER TABLE resources ADD COLUMN guests_enforcement TEXT NOT NULL DEFAULT '';
