-- The chief complaint, folded (lower case, no accents), for visit search.
ALTER TABLE visits ADD COLUMN complaint_key TEXT NOT NULL DEFAULT '';
