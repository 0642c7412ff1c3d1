// Package client is a typed Go client of the ClinicFlow REST API, the one
// clinicflow serve speaks. The terminal client and the TUI are built on it;
// scripts can use it too.
//
// A Client signs in with Login (or starts from saved tokens), renews its
// access token by itself when it expires, and returns the API's refusals as
// *Error, which carries the status and the messages field by field. Lists
// come a page at a time (ListX) or whole, as iterators that fetch the next
// page when needed (X).
//
// It speaks HTTP only: no SQL and no daemon code.
package client
