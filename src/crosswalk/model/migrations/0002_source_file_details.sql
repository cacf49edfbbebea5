-- Version 2: file-level notes of a load (detected FOCUS version, unknown columns, replaced files, warnings),
-- kept with the file so that `crosswalk status` and the dashboard can show them later.
ALTER TABLE source_file ADD COLUMN details JSON;
