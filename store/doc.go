// Package store keeps clinicflow's records in SQLite (the default, one file
// in the data folder) or PostgreSQL (for practices that run several
// daemons on one database), behind one API.
//
// Every query is written once, with ? placeholders that are rebound for
// PostgreSQL; only the embedded migrations differ per database. Writes run
// in one transaction each, together with their audit event, so a failed
// write leaves nothing behind. Driver errors become the sentinels ErrNotFound,
// ErrConflict and ErrReference.
package store
