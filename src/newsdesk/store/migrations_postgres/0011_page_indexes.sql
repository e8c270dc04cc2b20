-- The claims' and the timeline's list pages and search (SQLite's 0023_page_indexes.sql) from indexes.

-- Claim text search: a trigram index over the claims' lower-cased text, so a search's words
-- (found anywhere in the text: "U.S.-Mexico") narrow the claims by LIKE before each is checked.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX claims_words ON claims USING gin (lower(text) gin_trgm_ops);

-- Claims by outlet: the outlets of the articles that carry each claim, with the claim's counts
-- and place in the story (its rowid), paged in any order from an index; replaced with the claims.
CREATE TABLE claim_outlets (
    outlet TEXT NOT NULL,
    claim_id TEXT NOT NULL,
    source_count INTEGER NOT NULL,
    document_count INTEGER NOT NULL,
    position BIGINT NOT NULL,
    PRIMARY KEY (outlet, claim_id)
);
CREATE INDEX claim_outlets_story ON claim_outlets (outlet, position);
CREATE INDEX claim_outlets_sources ON claim_outlets (outlet, source_count DESC, document_count DESC, position);
CREATE INDEX claim_outlets_documents ON claim_outlets (outlet, document_count DESC, source_count DESC, position);
INSERT INTO claim_outlets (outlet, claim_id, source_count, document_count, position)
    SELECT DISTINCT d.outlet, c.id, c.source_count, c.document_count, c.rowid
    FROM claim_documents cd JOIN documents d ON d.id = cd.doc_id JOIN claims c ON c.id = cd.claim_id
    WHERE d.outlet IS NOT NULL;
-- Claims of a kind, most sources first; claims picked by id sorted by sources or articles.
CREATE INDEX claims_kind_ranked ON claims (kind, source_count DESC, document_count DESC);
CREATE INDEX claims_id_ranked ON claims (id, source_count, document_count, rowid);

-- The happenings of an entity: each timeline entry's participants, one row each.
CREATE TABLE timeline_participants (
    entity_id TEXT NOT NULL,
    entry_id TEXT NOT NULL,
    PRIMARY KEY (entity_id, entry_id)
);
INSERT INTO timeline_participants (entity_id, entry_id)
    SELECT DISTINCT p.value, t.id FROM timeline t, json_each(t.participants) p;
