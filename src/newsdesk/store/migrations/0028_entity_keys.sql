-- The partition of the story's mentions kept with the entities (issue 17, ``corpus.entity_parts``):
-- each mention's record (what the partition needs of it: its votes, where the first pass puts it,
-- its keys; ``entity_parts.Keyed`` as JSON) with its part, and each key's parts (a key of a hub
-- written with "+" first where a mention of the part anchors it). An ingest then keys only the new
-- articles' mentions and reads only the parts their keys reach; an article is new to it when it
-- is not in entity_key_documents (with the count of its mentions keyed). Empty (stores made
-- before): the next run of the story stages keys every mention once and fills them.
CREATE TABLE entity_mention_keys (
    doc_id TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    part TEXT NOT NULL,
    record TEXT NOT NULL
);
CREATE INDEX entity_mention_keys_part ON entity_mention_keys(part);
CREATE INDEX entity_mention_keys_doc ON entity_mention_keys(doc_id);
CREATE TABLE entity_part_keys (
    key TEXT NOT NULL,
    part TEXT NOT NULL,
    PRIMARY KEY (key, part)
);
CREATE INDEX entity_part_keys_part ON entity_part_keys(part);
CREATE TABLE entity_key_documents (
    doc_id TEXT PRIMARY KEY,
    mentions INTEGER NOT NULL
);
