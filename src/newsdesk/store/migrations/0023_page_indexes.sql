-- The claims' and the timeline's list pages and search (issue 20) from indexes, at any size.

-- Claim text search: every claim's text in a trigram index, so a search's words (found anywhere
-- in the text, any case, punctuation and all: "U.S.-Mexico") narrow the claims to those holding
-- them before each is checked. Filled by the claims stage with the claims (``story.replace_claims``);
-- keyed by the claim's id, since the claims' rowids may change (VACUUM).
CREATE VIRTUAL TABLE claim_words USING fts5(text, claim_id UNINDEXED, tokenize = 'trigram');
INSERT INTO claim_words (text, claim_id) SELECT text, id FROM claims;

-- Claims by outlet: the outlets of the articles that carry each claim (the outlet filter of a
-- claims page, one index look-up instead of every article of the outlet and all their claims).
-- Replaced with the claims. No foreign key: deleting the claims would look each one up here.
CREATE TABLE claim_outlets (
    outlet TEXT NOT NULL,
    claim_id TEXT NOT NULL,
    PRIMARY KEY (outlet, claim_id)
) WITHOUT ROWID;
INSERT INTO claim_outlets (outlet, claim_id)
    SELECT DISTINCT d.outlet, cd.claim_id FROM claim_documents cd JOIN documents d ON d.id = cd.doc_id
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
