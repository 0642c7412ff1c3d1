// Package pdf renders clinicflow's two printed documents, the prescription
// (ordonnance) and the visit summary, from plain values.
//
// The package knows nothing of the database or of HTTP: the caller loads
// the records, copies what is printed into a Prescription or a
// VisitSummary, and calls RenderPrescription or RenderVisitSummary with a
// writer and the reader's Options (language, the clinic's time zone, the
// current time for the patient's age). PrescriptionFilename and
// VisitSummaryFilename name the downloads.
//
// Both documents are A4 with 20 mm margins, in English or French from the
// catalogues of package locales. Text is set in DejaVu Sans, embedded in
// the binary and subset into each file, so every accented, Greek or
// Cyrillic name prints right. Long text wraps, inside table cells too; a
// table row that does not fit moves whole to the next page under a
// repeated header, and the prescriber block never splits from its
// signature lines. A document of several pages carries "Page 1 / 2"
// numbers, and every page after the first names the patient, the
// document and its date. A prescription with a verification code shows
// the code and its QR code at the top right, and where to check it at the
// foot of each page.
//
// The same input gives the same bytes: the file's dates are Options.Now.
package pdf
