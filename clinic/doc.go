// Package clinic holds clinicflow's domain: the records as the API shows
// them, their enumerations, and the rules that decide what is valid (ages,
// patient codes, password strength, field limits).
//
// It performs no I/O. Validation reports problems as catalogue message ids
// with their arguments, so that the daemon, the PDFs and the terminal client
// can each render them in the reader's language.
package clinic
