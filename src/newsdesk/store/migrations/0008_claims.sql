-- Corpus stage: the story's claims (statements grouped across articles) with their sources and
-- conflicts, replaced as a whole; statements and conflicts are JSON lists of evidence.
CREATE TABLE claims (
    id TEXT PRIMARY KEY,
    text TEXT NOT NULL,
    sources TEXT NOT NULL,
    statements TEXT NOT NULL,
    conflicts TEXT NOT NULL,
    extractor TEXT NOT NULL
);
