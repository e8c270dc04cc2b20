-- Incremental claims (issue 17): what the claims stage keeps between ingests so that a new batch
-- recomputes only the pairs of statements it touches.
-- The frozen word frequencies: in how many statements each term is, counted now and then (the first
-- story run, when the story has doubled since, or `rebuild --recount`), so that a statement's TF-IDF vector is its own and does not change
-- as the story grows. `version` names what a term is; counts of another version are recounted.
CREATE TABLE claim_frequencies (
    version TEXT NOT NULL,
    term TEXT NOT NULL,
    statements INTEGER NOT NULL,
    PRIMARY KEY (version, term)
);
CREATE TABLE claim_frequency_totals (
    version TEXT PRIMARY KEY,
    statements INTEGER NOT NULL
);
-- Each document's fingerprint: a digest of everything the claims stage reads of it (its
-- statements, how they read, their terms); a document whose fingerprint changed is recomputed.
CREATE TABLE claim_memo_documents (
    doc_id TEXT PRIMARY KEY,
    fingerprint TEXT NOT NULL
);
-- The pairs of statements found and judged: kind is a verdict ('same', 'opposite', 'other amount')
-- or 'related'; a statement is known by its document and where it starts.
CREATE TABLE claim_memo_pairs (
    kind TEXT NOT NULL,
    a_doc TEXT NOT NULL,
    a_start INTEGER NOT NULL,
    b_doc TEXT NOT NULL,
    b_start INTEGER NOT NULL,
    score REAL NOT NULL,
    PRIMARY KEY (kind, a_doc, a_start, b_doc, b_start)
);
CREATE INDEX claim_memo_pairs_b ON claim_memo_pairs (b_doc);
CREATE INDEX claim_memo_pairs_a ON claim_memo_pairs (a_doc);
