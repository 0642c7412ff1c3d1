package daemon

import (
	"fmt"
	"testing"

	"clinicflow/store/storetest"
)

// BenchmarkPrescriptionPDFHTTP fetches a signed five-line prescription PDF
// over HTTP, from the request to the last byte, on SQLite.
func BenchmarkPrescriptionPDFHTTP(b *testing.B) {
	st := storetest.Open(b, "sqlite")
	ts := newTestServer(b, st)
	pid := benchPost(b, ts, "/api/patients/", map[string]any{"first_name": "Zoé", "last_name": "Lefèvre-Nguyễn",
		"sex": "F", "date_of_birth": "2025-09-01", "address": "12 rue des Lilas"})
	med := benchPost(b, ts, "/api/prescriptions/medications/", map[string]any{"name": "Amoxicillin", "strength": "250 mg"})
	var items []any
	for i := 0; i < 5; i++ {
		items = append(items, map[string]any{"medication": med, "dosage": fmt.Sprintf("%d mL", i+1),
			"frequency": "twice daily", "duration": "5 days", "instructions": "After meals"})
	}
	rx := benchPost(b, ts, "/api/prescriptions/", map[string]any{"patient": pid, "items": items})
	path := fmt.Sprintf("/api/prescriptions/%d/pdf/", rx)
	b.ReportAllocs()
	for b.Loop() {
		if status, _, doc := ts.do(b, "GET", path, ts.doctor.access, nil); status != 200 || len(doc) < 1000 {
			b.Fatalf("GET %s: %d, %d bytes", path, status, len(doc))
		}
	}
}

func benchPost(b *testing.B, ts *testServer, path string, body map[string]any) int64 {
	b.Helper()
	status, _, raw := ts.do(b, "POST", path, ts.doctor.access, body)
	if status != 201 {
		b.Fatalf("POST %s: %d %s", path, status, raw)
	}
	return decode[struct{ ID int64 }](b, raw).ID
}
