-- The kennisbank list (issue 16): the newest published resources a visitor may
-- see, without sorting every published resource on each signed-in visit. With
-- this index both databases walk the published rows newest first and stop after
-- the page's 200 (the visibility is filtered on the way).
--
-- Who owns each table (only the owner's code writes it; tools/check_table_owners.py):
-- Owner: catalog: resources

CREATE INDEX resources_published_newest ON resources (status, published_at, id);
