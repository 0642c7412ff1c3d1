package daemon

import (
	"database/sql"
	"fmt"
	"log/slog"
	"net/http"
	"path/filepath"
	"testing"
	"time"

	_ "github.com/mattn/go-sqlite3" // the store's SQLite driver, to seed rows

	"clinicflow/clinic"
	"clinicflow/store"
)

// benchPatients is how many patients the benchmarks' clinic holds.
const benchPatients = 10_000

// storedTime writes a time the way the SQLite schema keeps it.
func storedTime(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000000Z") }

// benchServer is a test server over a SQLite file holding benchPatients
// patients, each with three visits (two past, one to come) and a vital-sign
// row with a weight on each visit.
func benchServer(b *testing.B) *testServer {
	b.Helper()
	path := filepath.Join(b.TempDir(), "bench.db")
	st, err := store.Open(b.Context(), "sqlite:"+path)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	ts := newTestServer(b, st, func(c *Config) { c.Logger = slog.New(slog.DiscardHandler) })
	seedClinic(b, path, ts.doctor.user.ID)

	status, _, raw := ts.do(b, "GET", "/api/patients/?page_size=1",
		ts.doctor.access, nil)
	page := decode[pageJSON[patientJSON]](b, raw)
	if status != http.StatusOK || page.Count != benchPatients || len(page.Results) != 1 {
		b.Fatalf("seeded list: status %d count %d, want 200 and %d patients",
			status, page.Count, benchPatients)
	}
	if p := page.Results[0]; p.LastVisitDate == nil || p.NextVisitDate == nil ||
		p.LatestWeightKg == nil || p.LastVisitID == nil {
		b.Fatalf("seeded patient %+v, want every computed field set", p)
	}
	return ts
}

// seedClinic writes the benchmarks' rows with plain SQL, in one
// transaction: the API has no bulk import.
func seedClinic(b *testing.B, path string, createdBy int64) {
	b.Helper()
	db, err := sql.Open("sqlite3", "file:"+path+"?_foreign_keys=1&_busy_timeout=10000")
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	tx, err := db.Begin()
	if err != nil {
		b.Fatal(err)
	}
	defer tx.Rollback()
	patients := mustPrepare(b, tx, `INSERT INTO patients (id, patient_code, first_name,
		last_name, sex, date_of_birth, phone, email, address, is_active, created_by,
		created_at, updated_at, first_name_key, last_name_key, search_text)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, TRUE, ?, ?, ?, ?, ?, ?)`)
	visits := mustPrepare(b, tx, `INSERT INTO visits (id, patient_id, visit_date,
		created_at, updated_at) VALUES (?, ?, ?, ?, ?)`)
	vitals := mustPrepare(b, tx, `INSERT INTO vital_signs (visit_id, measured_at,
		weight_kg_e2, created_at, updated_at) VALUES (?, ?, ?, ?, ?)`)

	firsts := []string{"Hélène", "Marie", "Jean", "Amina", "Joseph", "Grâce", "Paul",
		"Esther", "Éric", "Ruth"}
	lasts := []string{"Dubois", "Mukendi", "Martin", "Kabila", "Lefèvre", "Ngoy",
		"Marchand", "Tshibanda", "Bérenger", "Ilunga", "Mbuyi", "Kasongo"}
	now := time.Now().UTC()
	for i := range benchPatients {
		id := int64(i + 1)
		p := clinic.Patient{ID: id, Code: clinic.PatientCode(id), FirstName: firsts[i%len(firsts)],
			LastName: lasts[(i/len(firsts))%len(lasts)], Sex: "MF"[i%2 : i%2+1],
			Phone: fmt.Sprintf("+243 81 %07d", i), Email: fmt.Sprintf("p%d@example.org", i),
			Address: fmt.Sprintf("%d Avenue du Commerce, Kinshasa", i%300+1)}
		created := now.Add(-time.Duration(benchPatients-i) * time.Hour)
		mustExec(b, patients, id, p.Code, p.FirstName, p.LastName, p.Sex,
			fmt.Sprintf("%04d-%02d-%02d", 1950+i%70, i%12+1, i%28+1), p.Phone, p.Email, p.Address,
			createdBy, storedTime(created), storedTime(created), clinic.Fold(p.FirstName),
			clinic.Fold(p.LastName), p.SearchText())
		for v, days := range []int{-200, -30, 20} {
			visitID := id*3 + int64(v)
			at := storedTime(now.AddDate(0, 0, days).Add(time.Duration(i) * time.Minute))
			mustExec(b, visits, visitID, id, at, at, at)
			mustExec(b, vitals, visitID, at, 1000+(i*7+v*50)%9000, at, at)
		}
	}
	if err := tx.Commit(); err != nil {
		b.Fatal(err)
	}
}

func mustPrepare(b *testing.B, tx *sql.Tx, query string) *sql.Stmt {
	b.Helper()
	stmt, err := tx.Prepare(query)
	if err != nil {
		b.Fatal(err)
	}
	return stmt
}

func mustExec(b *testing.B, stmt *sql.Stmt, args ...any) {
	b.Helper()
	if _, err := stmt.Exec(args...); err != nil {
		b.Fatal(err)
	}
}

// benchGet measures GET path as the doctor, end to end over HTTP.
func benchGet(b *testing.B, ts *testServer, path string) {
	b.Helper()
	for b.Loop() {
		status, _, raw := ts.do(b, "GET", path, ts.doctor.access, nil)
		if status != http.StatusOK {
			b.Fatalf("GET %s: status %d; body %s", path, status, raw)
		}
	}
}

func BenchmarkPatientListHTTP(b *testing.B) {
	ts := benchServer(b)
	benchGet(b, ts, "/api/patients/?page=37")
}

func BenchmarkPatientSearchHTTP(b *testing.B) {
	ts := benchServer(b)
	benchGet(b, ts, "/api/patients/?search=mar+kinshasa")
}
