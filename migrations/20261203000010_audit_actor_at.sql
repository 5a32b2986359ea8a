-- The moment of the current write transaction, from the app's one clock (crate::clock), set with
-- its author at the start of every `Store::write`: the audit triggers stamp their entries with it
-- rather than with SQLite's own 'now', so that the log and the rows it describes agree (and a test
-- that starts the app at a chosen moment sees that moment in the log too).
ALTER TABLE audit_actor ADD COLUMN at TEXT;
