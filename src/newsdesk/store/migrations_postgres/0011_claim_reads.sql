-- The claims' list pages and search (SQLite's 0023_claim_reads.sql) from indexes, at any size.

-- Claim text search: a trigram index over the claims' lower-cased text, so a search's words
-- (found anywhere in the text: "U.S.-Mexico") narrow the claims by LIKE before each is checked.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX claims_words ON claims USING gin (lower(text) gin_trgm_ops);
