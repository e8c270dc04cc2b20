-- Corpus stage (claims): each article's independent source (the outlet it relays, else its own
-- outlet, else itself; one wire text counts once), replaced with the claims.
CREATE TABLE sources (
    doc_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    source TEXT NOT NULL
);
