package daemon

import (
	"database/sql"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"clinicflow/clinic"
	"clinicflow/store"
	"clinicflow/store/storetest"
)

// The agenda benchmark's practice: 10,000 patients with three visits each,
// and 30,000 appointments spread over a year around now, about 80 a day.
const (
	agendaPatients     = 10_000
	agendaAppointments = 30_000
)

// BenchmarkAgendaOfADay measures the calendar's request for one day's
// appointments, through the whole handler (middleware, router, store,
// JSON), against a full practice on each backend.
func BenchmarkAgendaOfADay(b *testing.B) {
	for _, kind := range storetest.Backends {
		b.Run(kind, func(b *testing.B) {
			url := storetest.URL(b, kind)
			st, err := store.Open(b.Context(), url)
			if err != nil {
				b.Fatal(err)
			}
			b.Cleanup(func() { st.Close() })
			ts := newTestServer(b, st)
			now := time.Now().UTC().Truncate(24 * time.Hour)
			seedAgenda(b, kind, url, now, ts.doctor.user.ID, ts.nurse.user.ID)

			day := now.AddDate(0, 0, 3).Format(time.DateOnly)
			for _, q := range []struct{ name, query string }{
				{"first_page", "?start_date=" + day + "&end_date=" + day},
				{"whole_day", "?start_date=" + day + "&end_date=" + day + "&page_size=100"},
			} {
				b.Run(q.name, func(b *testing.B) { measureAgenda(b, ts, q.query) })
			}
		})
	}
}

func measureAgenda(b *testing.B, ts *testServer, query string) {
	h := ts.srv.Handler()
	req := httptest.NewRequest("GET", "/api/appointments/"+query, nil)
	req.Header.Set("Authorization", "Bearer "+ts.doctor.access)
	b.ReportAllocs()
	for b.Loop() {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		if w.Code != http.StatusOK || !strings.Contains(w.Body.String(), `"results":[{`) {
			b.Fatalf("status %d, body %.200s; want a page of appointments", w.Code, w.Body)
		}
	}
	b.StopTimer()
	ts.settle(b)
}

// seedAgenda writes the practice with raw SQL in one transaction, on a
// connection of its own to the store's database.
func seedAgenda(b *testing.B, kind, url string, now time.Time, doctor, nurse int64) {
	driver, dsn := "pgx", url
	if kind == "sqlite" {
		driver = "sqlite3"
		dsn = "file:" + strings.TrimPrefix(url, "sqlite:") + "?_foreign_keys=1&_busy_timeout=10000"
	}
	db, err := sql.Open(driver, dsn)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	tx, err := db.BeginTx(b.Context(), nil)
	if err != nil {
		b.Fatal(err)
	}
	defer tx.Rollback()
	patients, visits, appointments := agendaRows(now, doctor, nurse)
	bulkInsert(b, tx, kind, "patients", "id, patient_code, first_name, last_name, sex, "+
		"date_of_birth, address, is_active, created_at, updated_at, first_name_key, "+
		"last_name_key, search_text", patients)
	bulkInsert(b, tx, kind, "visits", "patient_id, visit_date, created_at, updated_at", visits)
	bulkInsert(b, tx, kind, "appointments", "patient_id, doctor_id, scheduled_at, status, "+
		"reason, created_at, updated_at", appointments)
	if err := tx.Commit(); err != nil {
		b.Fatal(err)
	}
	if kind == "postgres" {
		if _, err := db.ExecContext(b.Context(), "ANALYZE"); err != nil {
			b.Fatal(err)
		}
	}
}

// agendaRows returns the practice's rows as of now.
func agendaRows(now time.Time, doctor, nurse int64) (patients, visits, appointments [][]any) {
	stamp := func(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000000Z") }
	created := stamp(now.AddDate(-1, 0, 0))
	firsts := []string{"Hélène", "Zoé", "Marc", "Adèle", "Jean", "Émilie", "Lucas"}
	lasts := []string{"Dupont", "Lefèvre", "Martin", "Nguyễn", "Durand", "Petit", "Moreau", "Roux"}
	for i := 1; i <= agendaPatients; i++ {
		first, last := firsts[i%len(firsts)], lasts[i/len(firsts)%len(lasts)]
		p := clinic.Patient{Code: clinic.PatientCode(int64(i)), FirstName: first, LastName: last,
			Address: fmt.Sprintf("%d rue des Lilas, Lyon", i%200)}
		patients = append(patients, []any{i, p.Code, first, last, "F", "1980-05-17", p.Address,
			true, created, created, clinic.Fold(first), clinic.Fold(last), p.SearchText()})
		for k := range 3 {
			at := stamp(now.AddDate(0, 0, -400+k*150+i%90).Add(time.Duration(i%600) * time.Minute))
			visits = append(visits, []any{i, at, at, at})
		}
	}
	statuses := clinic.AppointmentStatuses
	start := now.AddDate(0, -6, 0)
	for i := range agendaAppointments {
		at := start.AddDate(0, 0, i%365).Add(time.Duration(8*60+(i/365)%40*15) * time.Minute)
		var who any = []int64{doctor, nurse}[i%2]
		if i%7 == 0 {
			who = nil
		}
		appointments = append(appointments, []any{1 + i*7%agendaPatients, who, stamp(at),
			statuses[i%len(statuses)], "Suivi", created, created})
	}
	return patients, visits, appointments
}

// bulkInsert writes rows into table, several hundred rows per statement.
func bulkInsert(b *testing.B, tx *sql.Tx, kind, table, columns string, rows [][]any) {
	const perStatement = 500
	for start := 0; start < len(rows); start += perStatement {
		batch := rows[start:min(start+perStatement, len(rows))]
		var q strings.Builder
		q.WriteString("INSERT INTO " + table + " (" + columns + ") VALUES ")
		var args []any
		for r, row := range batch {
			if r > 0 {
				q.WriteString(", ")
			}
			q.WriteByte('(')
			for c := range row {
				if c > 0 {
					q.WriteString(", ")
				}
				args = append(args, row[c])
				if kind == "postgres" {
					q.WriteString("$" + strconv.Itoa(len(args)))
				} else {
					q.WriteByte('?')
				}
			}
			q.WriteByte(')')
		}
		if _, err := tx.ExecContext(b.Context(), q.String(), args...); err != nil {
			b.Fatalf("insert into %s: %v", table, err)
		}
	}
}
