package store_test

import (
	"testing"
	"time"

	"clinicflow/clinic"
	"clinicflow/store"
	"clinicflow/store/storetest"
)

// benchAppointments is how many appointments the practice has over a
// year: about 80 a day.
const benchAppointments = 30_000

// seedAgenda adds the year of appointments around now to a seeded
// practice, in one transaction.
func seedAgenda(b *testing.B, s *store.Store, now time.Time) {
	var rows [][]any
	start := now.AddDate(0, -6, 0)
	for i := range benchAppointments {
		at := stamp(start.AddDate(0, 0, i%365).Add(time.Duration(8*60+(i/365)%40*15) * time.Minute))
		status := clinic.AppointmentStatuses[i%len(clinic.AppointmentStatuses)]
		rows = append(rows, []any{1 + i*7%benchPatients, at, status, "Suivi", at, at})
	}
	tx, err := s.DB().BeginTx(b.Context(), nil)
	if err != nil {
		b.Fatal(err)
	}
	defer tx.Rollback()
	insertMany(b, s, tx, "appointments",
		"patient_id, scheduled_at, status, reason, created_at, updated_at", rows)
	if err := tx.Commit(); err != nil {
		b.Fatal(err)
	}
	if s.Kind() == "postgres" {
		exec(b, s, "ANALYZE appointments")
	}
}

// BenchmarkAgendaOfADay measures the store's part of the calendar's
// request for one day: the count and the page.
func BenchmarkAgendaOfADay(b *testing.B) {
	for _, kind := range storetest.Backends {
		b.Run(kind, func(b *testing.B) {
			s := seedPractice(b, kind)
			now := time.Now().UTC().Truncate(24 * time.Hour)
			seedAgenda(b, s, now)
			day := now.AddDate(0, 0, 3)
			f := store.AppointmentFilter{From: day, Until: day.AddDate(0, 0, 1)}
			for _, page := range []struct {
				name  string
				limit int
			}{{"first_page", 10}, {"whole_day", 100}} {
				b.Run(page.name, func(b *testing.B) {
					b.ReportAllocs()
					for b.Loop() {
						n, err := s.CountAppointments(b.Context(), f)
						if err != nil || n < 10 {
							b.Fatalf("CountAppointments = %d, %v; want a full day", n, err)
						}
						if _, err := s.ListAppointments(b.Context(), f, page.limit, 0); err != nil {
							b.Fatal(err)
						}
					}
				})
			}
		})
	}
}
