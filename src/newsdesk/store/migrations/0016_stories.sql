-- Stories: groups of articles that report the same happening, found as articles arrive
-- (newsdesk.corpus.stories). A story merged into another keeps its row, with merged_into set.
CREATE TABLE stories (
    id TEXT PRIMARY KEY,
    created INTEGER NOT NULL,              -- the order stories were begun in: the older has the smaller
    size INTEGER NOT NULL,
    first_day INTEGER,                     -- proleptic ordinals of the dated members' days
    last_day INTEGER,
    title TEXT,
    title_doc TEXT,
    title_score REAL NOT NULL DEFAULT -1,
    pair_sum REAL NOT NULL DEFAULT 0,      -- sum of the members' pairwise similarities
    counts TEXT NOT NULL DEFAULT '[0,0,0]',  -- JSON: members with each channel (actors, words, dates)
    channels TEXT NOT NULL DEFAULT '[{},{},{}]',  -- JSON: the sums of the members' unit vectors
    keys TEXT NOT NULL DEFAULT '[]',       -- JSON: the terms the story is indexed under
    merged_from TEXT NOT NULL DEFAULT '[]',  -- JSON: ids of the stories merged into this one
    merged_into TEXT,
    refreshed INTEGER NOT NULL DEFAULT 0,  -- articles profiled when its sums were last computed
    extractor TEXT NOT NULL
);
CREATE INDEX stories_live ON stories (merged_into, created);

-- Each article's story ("main") and the other story it touches, if any (a roundup).
CREATE TABLE story_members (
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    story_id TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('main', 'other')),
    score REAL NOT NULL,
    PRIMARY KEY (doc_id, role)
);
CREATE INDEX story_members_story ON story_members (story_id);

-- The index that proposes candidate stories for a new article: a term, and the stories keyed by it.
CREATE TABLE story_keys (
    term TEXT NOT NULL,
    story_id TEXT NOT NULL,
    created INTEGER NOT NULL,
    PRIMARY KEY (term, story_id)
);
CREATE INDEX story_keys_recent ON story_keys (term, created DESC);
CREATE INDEX story_keys_story ON story_keys (story_id);

-- How many profiled articles hold each term (inverse document frequencies), and how many were profiled.
CREATE TABLE story_terms (
    term TEXT PRIMARY KEY,
    df INTEGER NOT NULL
);
CREATE TABLE story_book (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    profiled INTEGER NOT NULL,
    created INTEGER NOT NULL
);
INSERT INTO story_book (id, profiled, created) VALUES (1, 0, 0);

-- Every merge, in order: the story kept, the one merged into it, the bridging article (NULL when
-- the two were found close after a batch) and the similarity of the two.
CREATE TABLE story_merges (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    kept TEXT NOT NULL,
    merged TEXT NOT NULL,
    via TEXT,
    score REAL NOT NULL,
    at TEXT NOT NULL
);

-- What the story stage read of each article (its profile: raw term weights per channel), so that
-- a story can be looked at again as a whole without reading its articles.
CREATE TABLE story_profiles (
    doc_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    day INTEGER,
    title TEXT,
    outlet TEXT,
    channels TEXT NOT NULL
);
