-- How each document's title was found: "metadata" (given with the article), "headline" (its
-- headline line), "lead-sentence" (made from the lead because the text has none). Documents stored
-- before this migration keep NULL (unknown) until they are ingested again.
ALTER TABLE documents ADD COLUMN title_how TEXT;
