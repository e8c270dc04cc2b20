-- Independent sources by probing (SQLite's 0030_source_memo.sql): the bodies' frozen word
-- frequencies, each body compared, the terms it is indexed under, the pairs carrying one text.
-- Weights and bounds are double precision, as SQLite's REAL.
CREATE TABLE source_frequencies (
    version TEXT COLLATE "C" NOT NULL,
    term TEXT COLLATE "C" NOT NULL,
    bodies INTEGER NOT NULL,
    PRIMARY KEY (version, term)
);
CREATE TABLE source_frequency_totals (
    version TEXT COLLATE "C" PRIMARY KEY,
    bodies INTEGER NOT NULL
);
CREATE TABLE source_bodies (
    doc_id TEXT COLLATE "C" PRIMARY KEY,
    digest TEXT NOT NULL,
    bound DOUBLE PRECISION NOT NULL,
    words INTEGER NOT NULL,
    unseen INTEGER NOT NULL,
    vector TEXT NOT NULL
);
CREATE TABLE source_postings (
    term TEXT COLLATE "C" NOT NULL,
    doc_id TEXT COLLATE "C" NOT NULL,
    weight DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (term, doc_id)
);
CREATE INDEX source_postings_doc ON source_postings (doc_id);
CREATE TABLE source_copies (
    a_doc TEXT COLLATE "C" NOT NULL,
    b_doc TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (a_doc, b_doc)
);
CREATE INDEX source_copies_b ON source_copies (b_doc);
