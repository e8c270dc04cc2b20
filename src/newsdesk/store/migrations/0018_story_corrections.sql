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
