-- The claims' and the timeline's list pages and search (issue 20) from indexes, at any size.

-- Claim text search: every claim's text in a trigram index, so a search's words (found anywhere
-- in the text, any case, punctuation and all: "U.S.-Mexico") narrow the claims to those holding
-- them before each is checked. Filled by the claims stage with the claims (``story.replace_claims``);
-- keyed by the claim's id, since the claims' rowids may change (VACUUM).
CREATE VIRTUAL TABLE claim_words USING fts5(text, claim_id UNINDEXED, tokenize = 'trigram');
INSERT INTO claim_words (text, claim_id) SELECT text, id FROM claims;

-- Claims by outlet: the outlets of the articles that carry each claim, with the claim's counts
-- and place in the story, so that an outlet's claims are counted and paged in any order from an
-- index alone (not every article of the outlet, all their claims, then a sort). Replaced with the
-- claims. No foreign key: deleting the claims would look each one up here.
CREATE TABLE claim_outlets (
    outlet TEXT NOT NULL,
    claim_id TEXT NOT NULL,
    source_count INTEGER NOT NULL,
    document_count INTEGER NOT NULL,
    position INTEGER NOT NULL, -- the claim's rowid when stored: the story's order
    PRIMARY KEY (outlet, claim_id)
) WITHOUT ROWID;
CREATE INDEX claim_outlets_story ON claim_outlets(outlet, position);
CREATE INDEX claim_outlets_sources ON claim_outlets(outlet, source_count DESC, document_count DESC, position);
CREATE INDEX claim_outlets_documents ON claim_outlets(outlet, document_count DESC, source_count DESC, position);
INSERT INTO claim_outlets (outlet, claim_id, source_count, document_count, position)
    SELECT DISTINCT d.outlet, c.id, c.source_count, c.document_count, c.rowid
    FROM claim_documents cd JOIN documents d ON d.id = cd.doc_id JOIN claims c ON c.id = cd.claim_id
    WHERE d.outlet IS NOT NULL;
-- Claims of a kind, most sources first ("facts with 2+ sources"): read in order from this index.
CREATE INDEX claims_kind_ranked ON claims(kind, source_count DESC, document_count DESC);
-- Claims picked by id (an outlet's, an entity's, a search's) sorted by sources or articles: the
-- sort keys (and the rowid, the story's order) from this index, not from each claim's wide row.
CREATE INDEX claims_id_ranked ON claims(id, source_count, document_count);

-- The happenings of an entity (a timeline page's entity filter): each entry's participants, one
-- row each, instead of every entry reported by an article naming the entity, its JSON read.
-- Replaced with the timeline.
CREATE TABLE timeline_participants (
    entity_id TEXT NOT NULL,
    entry_id TEXT NOT NULL,
    PRIMARY KEY (entity_id, entry_id)
) WITHOUT ROWID;
INSERT INTO timeline_participants (entity_id, entry_id)
    SELECT DISTINCT p.value, t.id FROM timeline t, json_each(t.participants) p;
