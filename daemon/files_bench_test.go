package daemon

import (
	"bytes"
	"log/slog"
	"net/http"
	"testing"

	"clinicflow/store/storetest"
)

// benchFileServer is a test server over a fresh SQLite store, logging
// nothing, with one patient, whose id it returns.
func benchFileServer(b *testing.B) (*testServer, int64) {
	b.Helper()
	st := storetest.Open(b, "sqlite")
	ts := newTestServer(b, st, func(c *Config) { c.Logger = slog.New(slog.DiscardHandler) })
	return ts, ts.createPatient(b, ts.doctor, zoe(nil)).ID
}

// BenchmarkFileUpload uploads a 1 MiB PDF over HTTP: the multipart body
// read, the type sniffed, the bytes and the audit event written in one
// transaction. Each file is deleted, off the clock, so that the database
// stays small.
func BenchmarkFileUpload(b *testing.B) {
	ts, pid := benchFileServer(b)
	body, contentType := multipartBody(b, field("category", "lab_result"),
		filePart("scan.pdf", "application/pdf", pdfOfSize(1<<20)))
	b.SetBytes(1 << 20)
	b.ReportAllocs()
	for b.Loop() {
		req := ts.request(b, "POST", filesPath(pid), ts.doctor.access, body)
		req.Header.Set("Content-Type", contentType)
		status, _, raw := ts.send(b, req)
		if status != http.StatusCreated {
			b.Fatalf("upload: %d %s", status, raw)
		}

		b.StopTimer()
		f := decode[fileJSON](b, raw)
		if err := ts.store.DeletePatientFile(b.Context(), pid, f.ID, nil); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
	}
}

// BenchmarkFileDownload downloads a 1 MiB PDF over HTTP.
func BenchmarkFileDownload(b *testing.B) {
	ts, pid := benchFileServer(b)
	data := pdfOfSize(1 << 20)
	f := ts.upload(b, pid, filePart("scan.pdf", "application/pdf", data))
	path := filesPath(pid, f.ID, "download")
	b.SetBytes(1 << 20)
	b.ReportAllocs()
	for b.Loop() {
		status, _, raw := ts.do(b, "GET", path, ts.doctor.access, nil)
		if status != http.StatusOK || len(raw) != len(data) {
			b.Fatalf("download: %d, %d bytes", status, len(raw))
		}
	}
	b.StopTimer()
	_, _, raw := ts.do(b, "GET", path, ts.doctor.access, nil)
	if !bytes.Equal(raw, data) {
		b.Fatal("download: not the bytes uploaded")
	}
}
