-- The analysts' corrections of the stories (move articles to a story, merge stories, split a
-- story), kept against document and story ids and replayed after every run of the story stage;
-- never replaced by it. stories and documents are JSON lists; seq keeps the order they were made in.
CREATE TABLE story_corrections (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    action TEXT NOT NULL,
    stories TEXT NOT NULL,
    documents TEXT NOT NULL,
    who TEXT NOT NULL,
    made_at TEXT NOT NULL,
    why TEXT NOT NULL
);

-- Each story's own results (its export object: entities, timeline, claims, sources among its
-- articles alone), as JSON, as newsdesk.story.one built them after the story stages
-- ran; fingerprint: what they were built from (the story's articles, the corrections, the
-- version), so that a reader uses them only while they still hold.
CREATE TABLE story_results (
    story_id TEXT PRIMARY KEY,
    fingerprint TEXT NOT NULL,
    export TEXT NOT NULL,
    built_at TEXT NOT NULL
);
