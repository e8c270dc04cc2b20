-- Reads by page (issue 17): the API answers each request with indexed queries instead of holding
-- the story in memory. What the story stages' results are ordered and filtered by is kept beside
-- them when they are stored (and worked out here for results stored before).

-- The documents' order (by source, then id): every per-document section follows it.
CREATE INDEX documents_order ON documents(source, id);

-- Entities: the story's order (most mentioned first, then by name and id), the number of
-- mentions and the aliases (each way a mention writes the name, in the order first written).
ALTER TABLE entities ADD COLUMN position INTEGER;
ALTER TABLE entities ADD COLUMN mention_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE entities ADD COLUMN aliases TEXT NOT NULL DEFAULT '[]';
UPDATE entities SET mention_count = (SELECT count(*) FROM entity_mentions m WHERE m.entity_id = entities.id);
WITH ranked AS (SELECT id, row_number() OVER (ORDER BY mention_count DESC, name, id) AS n FROM entities)
UPDATE entities SET position = (SELECT n FROM ranked WHERE ranked.id = entities.id);
UPDATE entities SET aliases = (
    SELECT json_group_array(text) FROM (
        SELECT text, min(k) AS first FROM (
            SELECT text, row_number() OVER (ORDER BY doc_id, start, "end") AS k
            FROM entity_mentions WHERE entity_id = entities.id
        ) GROUP BY text ORDER BY first
    )
);
CREATE INDEX entities_position ON entities(position);
CREATE INDEX entities_type ON entities(type, position);

-- Claims: how many articles and independent sources carry each, whether something contradicts
-- it, and which articles and entities its statements are in and name.
ALTER TABLE claims ADD COLUMN document_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE claims ADD COLUMN source_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE claims ADD COLUMN contested INTEGER NOT NULL DEFAULT 0;
CREATE TABLE claim_documents (
    claim_id TEXT NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
    doc_id TEXT NOT NULL,
    PRIMARY KEY (claim_id, doc_id)
);
CREATE INDEX claim_documents_doc ON claim_documents(doc_id);
CREATE TABLE claim_actors (
    claim_id TEXT NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
    entity_id TEXT NOT NULL,
    PRIMARY KEY (claim_id, entity_id)
);
CREATE INDEX claim_actors_entity ON claim_actors(entity_id);
INSERT INTO claim_documents (claim_id, doc_id)
    SELECT DISTINCT c.id, json_extract(s.value, '$.doc') FROM claims c, json_each(c.statements) s;
INSERT INTO claim_actors (claim_id, entity_id)
    SELECT DISTINCT c.id, a.value FROM claims c, json_each(c.statements) s, json_each(json_extract(s.value, '$.actors')) a;
UPDATE claims SET
    document_count = (SELECT count(*) FROM claim_documents d WHERE d.claim_id = claims.id),
    source_count = json_array_length(sources),
    contested = json_array_length(conflicts) > 0;
CREATE INDEX claims_ranked ON claims(source_count DESC, document_count DESC);

-- Timeline: each report of a happening by article, event and trigger (the event's timeline
-- entry, and the entries an article reports).
CREATE TABLE timeline_reports (
    doc_id TEXT NOT NULL,
    event_start INTEGER NOT NULL,
    trigger_start INTEGER NOT NULL,
    entry_id TEXT NOT NULL,
    PRIMARY KEY (doc_id, event_start, trigger_start, entry_id)
);
CREATE INDEX timeline_reports_entry ON timeline_reports(entry_id);
INSERT INTO timeline_reports (doc_id, event_start, trigger_start, entry_id)
    SELECT DISTINCT json_extract(r.value, '$.doc'), json_extract(r.value, '$.event[0]'),
        json_extract(r.value, '$.trigger[0]'), t.id
    FROM timeline t, json_each(t.reports) r;
CREATE INDEX timeline_order ON timeline(value, id);

-- Sources: the articles of each independent source.
CREATE INDEX sources_source ON sources(source, doc_id);

-- Quotes: each one's id (the export's), for a look-up by id; filled by the store, which also
-- fills it for quotes stored before (``connection.migrate``).
ALTER TABLE quotes ADD COLUMN id TEXT;
CREATE INDEX quotes_id ON quotes(id);

-- Events in the order a document lists them, and the outlets a document filter looks up.
CREATE INDEX events_order ON events(doc_id, start, trigger_start, time_start);
CREATE INDEX documents_outlet ON documents(outlet);
CREATE INDEX reported_from_outlet ON reported_from(outlet);
