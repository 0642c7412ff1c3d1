package store_test

import (
	"slices"
	"testing"
	"time"

	"clinicflow/clinic"
	"clinicflow/store"
	"clinicflow/store/storetest"
)

const day = 24 * time.Hour

// addVisit writes a visit row on the given date and returns its id.
func addVisit(t *testing.T, s *store.Store, patientID int64, at time.Time) int64 {
	t.Helper()
	return insertID(t, s, `INSERT INTO visits (patient_id, visit_date, created_at,
		updated_at) VALUES (?, ?, ?, ?) RETURNING id`,
		patientID, stamp(at), stamp(epoch), stamp(epoch))
}

// addVitals writes a vital-signs row; a nil weight leaves the weight out
// and records a height instead.
func addVitals(t *testing.T, s *store.Store, visitID int64, at time.Time,
	weightE2 any) {
	t.Helper()
	exec(t, s, `INSERT INTO vital_signs (visit_id, measured_at, weight_kg_e2,
		height_cm_e2, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)`,
		visitID, stamp(at), weightE2, 16250, stamp(epoch), stamp(epoch))
}

// computed is a patient's computed fields in a form that compares with ==.
type computed struct {
	last, next  string
	lastVisitID int64
	weight      string
}

// computedOf reads the computed fields of p.
func computedOf(p clinic.Patient) computed {
	var c computed
	if p.LastVisitDate != nil {
		c.last = stamp(*p.LastVisitDate)
	}
	if p.NextVisitDate != nil {
		c.next = stamp(*p.NextVisitDate)
	}
	if p.LastVisitID != nil {
		c.lastVisitID = *p.LastVisitID
	}
	if p.LatestWeightKg != nil {
		c.weight = p.LatestWeightKg.String()
	}
	return c
}

// visitPatients are the patients of the computed-field tests: their
// names, in id order, and the fields expected of each as of epoch.
type visitPatients struct {
	names []string
	want  map[int64]computed
}

// seedVisits saves four patients with visits and vital signs around epoch.
func seedVisits(t *testing.T, s *store.Store) visitPatients {
	regular := createPatient(t, s, newPatient("Regular", "Visitor")).ID
	// Rows go in out of date order, so that ids do not give the answers.
	today := addVisit(t, s, regular, epoch) // at now counts as past
	older := addVisit(t, s, regular, epoch.Add(-60*day))
	addVisit(t, s, regular, epoch.Add(30*day))
	addVisit(t, s, regular, epoch.Add(7*day))
	addVitals(t, s, today, epoch.Add(-time.Hour), nil)
	addVitals(t, s, today, epoch.Add(-3*time.Hour), 8000)
	addVitals(t, s, older, epoch.Add(-90*time.Minute), 1235)
	addVitals(t, s, older, epoch.Add(-60*day), 7000)

	newcomer := createPatient(t, s, newPatient("New", "Comer")).ID
	addVisit(t, s, newcomer, epoch.Add(time.Microsecond))

	never := createPatient(t, s, newPatient("Never", "Seen")).ID

	past := createPatient(t, s, newPatient("Past", "Only")).ID
	lately := addVisit(t, s, past, epoch.Add(-10*day))
	longAgo := epoch.Add(-400 * day)
	addVitals(t, s, addVisit(t, s, past, longAgo), longAgo, 350)

	return visitPatients{
		names: []string{"Regular Visitor", "New Comer", "Never Seen", "Past Only"},
		want: map[int64]computed{
			regular: {last: stamp(epoch), next: stamp(epoch.Add(7 * day)),
				lastVisitID: today, weight: "12.35"},
			newcomer: {next: stamp(epoch.Add(time.Microsecond))},
			never:    {},
			past: {last: stamp(epoch.Add(-10 * day)), lastVisitID: lately,
				weight: "3.50"},
		},
	}
}

func TestPatientComputedFields(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		fixedClock(s)
		seed := seedVisits(t, s)
		for id, want := range seed.want {
			if got := computedOf(*loadPatient(t, s, id)); got != want {
				t.Errorf("Patient(%d) computed %+v, want %+v", id, got, want)
			}
		}
		listed := listAll(t, s, everyone)
		if len(listed) != len(seed.want) {
			t.Fatalf("ListPatients found %d patients, want %d",
				len(listed), len(seed.want))
		}
		for _, p := range listed {
			if got, want := computedOf(p), seed.want[p.ID]; got != want {
				t.Errorf("listed patient %d computed %+v, want %+v", p.ID, got, want)
			}
		}
	})
}

func TestLatestWeightIsExact(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		fixedClock(s)
		p := createPatient(t, s, newPatient("Hélène", "Dupont"))
		addVitals(t, s, addVisit(t, s, p.ID, epoch), epoch, 1235)
		w := loadPatient(t, s, p.ID).LatestWeightKg
		want := clinic.Decimal{Units: 1235, Places: 2}
		if w == nil || w.Decimal != want || w.String() != "12.35" {
			t.Errorf("LatestWeightKg = %v, want %v (12.35)", w, want)
		}
	})
}

func TestListPatientsByVisitDates(t *testing.T) {
	tests := []struct {
		order store.Order
		want  []int // indexes into the seeded names
	}{
		{store.Order{Field: "last_visit_date"}, []int{3, 0, 1, 2}},
		{store.Order{Field: "last_visit_date", Desc: true}, []int{0, 3, 1, 2}},
		{store.Order{Field: "next_visit_date"}, []int{1, 0, 2, 3}},
		{store.Order{Field: "next_visit_date", Desc: true}, []int{0, 1, 2, 3}},
	}
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		fixedClock(s)
		seed := seedVisits(t, s)
		for _, tt := range tests {
			var want []string
			for _, i := range tt.want {
				want = append(want, seed.names[i])
			}
			got := names(listAll(t, s, everyone, tt.order))
			if !slices.Equal(got, want) {
				t.Errorf("order %+v (no date last):\n got %q\nwant %q",
					tt.order, got, want)
			}
		}
	})
}
