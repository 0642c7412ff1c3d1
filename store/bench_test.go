package store_test

import (
	"database/sql"
	"fmt"
	"strings"
	"testing"
	"time"

	"clinicflow/clinic"
	"clinicflow/store"
	"clinicflow/store/storetest"
)

// benchPatients is the size of the benchmarks' practice.
const benchPatients = 10_000

var (
	benchFirst = []string{"Hélène", "Zoé", "Marc", "Adèle", "Jean", "Émilie",
		"Lucas", "Chloé", "Hugo", "Léa", "Louis", "Manon", "Nathan", "Inès"}
	benchLast = []string{"Dupont", "Lefèvre", "Martin", "Bernard", "Durand",
		"Petit", "Leroy", "Moreau", "Simon", "Laurent", "Michel", "Garcia",
		"Nguyễn", "Roux", "Fournier", "Girard", "Bonnet", "Mercier", "Faure",
		"André", "Blanc", "Guérin", "Muller", "Henry", "Roussel", "Gautier"}
	benchCities = []string{"Paris", "Lyon", "Marseille", "Nantes", "Lille",
		"Nice", "Rennes", "Dijon"}
)

// benchPatient returns the i-th patient of the practice, 1-based.
func benchPatient(i int) *clinic.Patient {
	born := clinic.Date{Year: 1930 + i%90, Month: time.Month(1 + i%12), Day: 1 + i%28}
	phone := fmt.Sprintf("+33 1 %02d %02d %02d %02d", i%100, i/100%100, i%97, i%89)
	city := benchCities[i%len(benchCities)]
	return &clinic.Patient{
		ID:          int64(i),
		Code:        clinic.PatientCode(int64(i)),
		FirstName:   benchFirst[i%len(benchFirst)],
		LastName:    benchLast[i/len(benchFirst)%len(benchLast)],
		Sex:         []string{clinic.SexFemale, clinic.SexMale}[i%2],
		DateOfBirth: born,
		Phone:       phone,
		Email:       fmt.Sprintf("patient%d@example.fr", i),
		Address:     fmt.Sprintf("%d rue des Lilas, %s", 1+i%200, city),
		IsActive:    i%20 != 0,
	}
}

// practiceRows returns the rows of the practice as of now: each patient
// with two past visits and one to come, each visit with one weighing.
func practiceRows(now time.Time) (patients, visits, vitals [][]any) {
	for i := 1; i <= benchPatients; i++ {
		p := benchPatient(i)
		created := stamp(now.Add(-time.Duration(benchPatients-i) * time.Minute))
		patients = append(patients, []any{p.ID, p.Code, p.FirstName, p.LastName,
			p.Sex, p.DateOfBirth.String(), p.Phone, p.Email, p.Address, p.IsActive,
			created, created, clinic.Fold(p.FirstName), clinic.Fold(p.LastName),
			p.SearchText()})
		offsets := []time.Duration{
			-time.Duration(400+i%365) * day,
			-time.Duration(1+i%90) * day,
			time.Duration(1+i%60) * day,
		}
		for k, off := range offsets {
			id := int64((i-1)*len(offsets) + k + 1)
			at := stamp(now.Add(off + time.Duration(i)*time.Minute))
			visits = append(visits, []any{id, p.ID, at, at, at})
			vitals = append(vitals, []any{id, id, at, 5000 + (i*7+k)%4000, at, at})
		}
	}
	return patients, visits, vitals
}

// seedPractice returns a store of the given kind holding the practice,
// written in one transaction.
func seedPractice(b *testing.B, kind string) *store.Store {
	s := storetest.Open(b, kind)
	patients, visits, vitals := practiceRows(time.Now())
	tx, err := s.DB().BeginTx(b.Context(), nil)
	if err != nil {
		b.Fatal(err)
	}
	defer tx.Rollback()
	insertMany(b, s, tx, "patients", "id, patient_code, first_name, last_name, "+
		"sex, date_of_birth, phone, email, address, is_active, created_at, "+
		"updated_at, first_name_key, last_name_key, search_text", patients)
	insertMany(b, s, tx, "visits",
		"id, patient_id, visit_date, created_at, updated_at", visits)
	insertMany(b, s, tx, "vital_signs",
		"id, visit_id, measured_at, weight_kg_e2, created_at, updated_at", vitals)
	if err := tx.Commit(); err != nil {
		b.Fatal(err)
	}
	if kind == "postgres" {
		// Autovacuum would soon analyze so many new rows; without the
		// statistics the planner joins every vital sign for each patient.
		exec(b, s, "ANALYZE")
		// The rows came with their ids: move the identity sequences past
		// them, or the next insert would reuse id 1.
		for _, table := range []string{"patients", "visits", "vital_signs"} {
			exec(b, s, "SELECT setval(pg_get_serial_sequence('"+table+"', 'id'), "+
				"(SELECT MAX(id) FROM "+table+"))")
		}
	}
	n, err := s.CountPatients(b.Context(), everyone)
	if err != nil || n != benchPatients {
		b.Fatalf("seeded %d patients (%v), want %d", n, err, benchPatients)
	}
	return s
}

// insertMany writes rows into table, several hundred rows per statement.
func insertMany(b *testing.B, s *store.Store, tx *sql.Tx, table, columns string,
	rows [][]any) {
	const perStatement = 500
	for start := 0; start < len(rows); start += perStatement {
		batch := rows[start:min(start+perStatement, len(rows))]
		one := "(" + strings.Repeat("?, ", len(batch[0])-1) + "?)"
		query := "INSERT INTO " + table + " (" + columns + ") VALUES " +
			strings.Repeat(one+", ", len(batch)-1) + one
		var args []any
		for _, r := range batch {
			args = append(args, r...)
		}
		_, err := tx.ExecContext(b.Context(), s.Rebind(query), args...)
		if err != nil {
			b.Fatalf("insert into %s: %v", table, err)
		}
	}
}

// benchList is one page request a benchmark repeats.
type benchList struct {
	name  string
	query string
	order []store.Order
	limit int
}

// runLists measures each request against a freshly seeded practice on
// every backend.
func runLists(b *testing.B, lists []benchList) {
	for _, kind := range storetest.Backends {
		b.Run(kind, func(b *testing.B) {
			s := seedPractice(b, kind)
			for _, l := range lists {
				b.Run(l.name, func(b *testing.B) { measureList(b, s, l) })
			}
		})
	}
}

func measureList(b *testing.B, s *store.Store, l benchList) {
	f := store.PatientFilter{Terms: clinic.SearchTerms(l.query)}
	b.ReportAllocs()
	for b.Loop() {
		ps, err := s.ListPatients(b.Context(), f, l.order, l.limit, 0)
		if err != nil || len(ps) != l.limit {
			b.Fatalf("ListPatients = %d patients, %v; want %d", len(ps), err, l.limit)
		}
	}
}

func BenchmarkListPatients(b *testing.B) {
	runLists(b, []benchList{
		{name: "first_page_10", limit: 10},
		{name: "page_100", limit: 100},
		{name: "by_last_visit_desc_10", limit: 10,
			order: []store.Order{{Field: "last_visit_date", Desc: true}}},
	})
}

func BenchmarkSearchPatients(b *testing.B) {
	runLists(b, []benchList{
		{name: "one_term", query: "dupont", limit: 10},
		{name: "two_terms", query: "dupont lyon", limit: 10},
	})
}
