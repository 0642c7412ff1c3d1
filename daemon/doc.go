// Package daemon is clinicflow's HTTP side: the ClinicFlow REST API over
// net/http and httprouter, its middleware (request ids, access log, CORS,
// security headers, language), JWT sign-in and password hashing, the
// DRF-compatible envelopes and error bodies, the audit recorder and the
// server's lifecycle.
//
// Handlers decode and validate into clinic types, call the store once per
// write (one transaction, audit event included) and encode the answer.
// They hold no SQL.
package daemon
