-- Incremental claims (SQLite's 0019_claim_memo.sql): the frozen word frequencies, each document's
-- fingerprint and the pairs of statements judged. Scores are double precision, as SQLite's REAL.
CREATE TABLE claim_frequencies (
    version TEXT COLLATE "C" NOT NULL,
    term TEXT COLLATE "C" NOT NULL,
    statements INTEGER NOT NULL,
    PRIMARY KEY (version, term)
);
CREATE TABLE claim_frequency_totals (
    version TEXT COLLATE "C" PRIMARY KEY,
    statements INTEGER NOT NULL
);
CREATE TABLE claim_memo_documents (
    doc_id TEXT COLLATE "C" PRIMARY KEY,
    fingerprint TEXT NOT NULL
);
CREATE TABLE claim_memo_pairs (
    kind TEXT COLLATE "C" NOT NULL,
    a_doc TEXT COLLATE "C" NOT NULL,
    a_start INTEGER NOT NULL,
    b_doc TEXT COLLATE "C" NOT NULL,
    b_start INTEGER NOT NULL,
    score DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (kind, a_doc, a_start, b_doc, b_start)
);
CREATE INDEX claim_memo_pairs_b ON claim_memo_pairs (b_doc);
CREATE INDEX claim_memo_pairs_a ON claim_memo_pairs (a_doc);
