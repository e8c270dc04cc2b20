-- The web UI's list pages (issue 20): the articles sorted by title, outlet or publication date, or
-- filtered by date, read these indexes alone instead of every article's row (its text among them).
CREATE INDEX documents_listed ON documents(source, id, outlet, title, published, published_how);
-- ... and each article's reference date from this one, where it stands in for the article's own.
CREATE INDEX reference_dates_dated ON reference_dates(doc_id, how, date);
-- ... and the happenings sorted by how many articles report them count these from an index alone.
CREATE INDEX timeline_reports_counted ON timeline_reports(entry_id, doc_id);
