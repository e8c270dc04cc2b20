-- The claims' list pages and search (issue 20) from indexes, at any size.

-- Claim text search: every claim's text in a trigram index, so a search's words (found anywhere
-- in the text, any case, punctuation and all: "U.S.-Mexico") narrow the claims to those holding
-- them before each is checked. Filled by the claims stage with the claims (``story.replace_claims``);
-- keyed by the claim's id, since the claims' rowids may change (VACUUM).
CREATE VIRTUAL TABLE claim_words USING fts5(text, claim_id UNINDEXED, tokenize = 'trigram');
INSERT INTO claim_words (text, claim_id) SELECT text, id FROM claims;
