-- Independent sources by probing (issue 17): what copy detection keeps between ingests so that a
-- new batch compares only its bodies with the stored ones (``newsdesk.corpus.copies``).
-- The bodies' frozen word frequencies: in how many bodies each term is, counted now and then (the
-- first run, when the story has doubled since, when many of its words were never counted, or
-- `rebuild --recount`), so that a body's TF-IDF vector is its own.
CREATE TABLE source_frequencies (
    version TEXT NOT NULL,
    term TEXT NOT NULL,
    bodies INTEGER NOT NULL,
    PRIMARY KEY (version, term)
);
CREATE TABLE source_frequency_totals (
    version TEXT PRIMARY KEY,
    bodies INTEGER NOT NULL
);
-- Each body compared: its digest, the norm of its vector's unindexed part, its words and how many
-- of them were never counted, and its TF-IDF vector (a JSON object of term weights, in the
-- vector's order), so that a stored body is compared again without reading it again.
CREATE TABLE source_bodies (
    doc_id TEXT PRIMARY KEY,
    digest TEXT NOT NULL,
    bound REAL NOT NULL,
    words INTEGER NOT NULL,
    unseen INTEGER NOT NULL,
    vector TEXT NOT NULL
);
-- The terms each body is indexed under, with their weights in its vector.
CREATE TABLE source_postings (
    term TEXT NOT NULL,
    doc_id TEXT NOT NULL,
    weight REAL NOT NULL,
    PRIMARY KEY (term, doc_id)
);
CREATE INDEX source_postings_doc ON source_postings (doc_id);
-- Pairs of documents whose bodies carry one text (a_doc < b_doc).
CREATE TABLE source_copies (
    a_doc TEXT NOT NULL,
    b_doc TEXT NOT NULL,
    PRIMARY KEY (a_doc, b_doc)
);
CREATE INDEX source_copies_b ON source_copies (b_doc);
