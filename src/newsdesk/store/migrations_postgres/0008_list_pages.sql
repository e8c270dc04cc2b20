-- The web UI's list pages (SQLite's 0020_list_pages.sql): the same indexes, and what the pages'
-- SQL (store/pages.py, run through postgres_sql) needs of PostgreSQL besides them.
-- The articles sorted by title, outlet or publication date, or filtered by date (SQLite reads the
-- listed columns from this index alone; PostgreSQL's planner may, with an index-only scan).
CREATE INDEX documents_listed ON documents (source, id, outlet, title, published, published_how);
-- Each article's reference date, where it stands in for the article's own.
CREATE INDEX reference_dates_dated ON reference_dates (doc_id, how, date);
-- The happenings sorted by how many articles report them.
CREATE INDEX timeline_reports_counted ON timeline_reports (entry_id, doc_id);

-- SQLite's instr(haystack, needle): where needle first stands in haystack (1-based), 0 if nowhere.
CREATE FUNCTION instr(haystack TEXT, needle TEXT) RETURNS INTEGER
    LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT strpos(haystack, needle) $$;

-- SQLite's json_group_array(value): the values of a group as a JSON array (text), '[]' for none.
CREATE FUNCTION newsdesk_json_array(items TEXT[]) RETURNS TEXT
    LANGUAGE sql IMMUTABLE AS $$ SELECT coalesce(array_to_json(items)::text, '[]') $$;
CREATE AGGREGATE json_group_array (TEXT) (
    SFUNC = array_append,
    STYPE = TEXT[],
    FINALFUNC = newsdesk_json_array,
    INITCOND = '{}'
);
