-- The speaker as written (the subject's noun phrase, or the pronoun), beside the resolved name.
ALTER TABLE quotes ADD COLUMN speaker_phrase_start INTEGER;
ALTER TABLE quotes ADD COLUMN speaker_phrase_end INTEGER;
