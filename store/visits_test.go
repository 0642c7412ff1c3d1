package store_test

import (
	"errors"
	"testing"
	"time"

	"clinicflow/clinic"
	"clinicflow/store"
	"clinicflow/store/storetest"
)

func newVisit(patientID int64, at time.Time, complaint string) *clinic.Visit {
	return &clinic.Visit{PatientID: patientID, VisitDate: at, VisitType: clinic.VisitConsultation,
		ChiefComplaint: complaint}
}

func createVisit(t *testing.T, s *store.Store, v *clinic.Visit) *clinic.Visit {
	t.Helper()
	if err := s.CreateVisit(t.Context(), v, nil); err != nil {
		t.Fatalf("CreateVisit: %v", err)
	}
	return v
}

func decimal(units int64, places int) *clinic.Decimal {
	return &clinic.Decimal{Units: units, Places: places}
}

func i64(v int64) *int64 { return &v }

func TestVisitRoundTrip(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		p := createPatient(t, s, newPatient("Zoé", "Lefèvre-Nguyễn"))
		at := time.Date(2026, 3, 1, 9, 30, 0, 123456000, time.UTC)
		v := &clinic.Visit{PatientID: p.ID, VisitDate: at, VisitType: clinic.VisitFollowUp,
			ChiefComplaint: "Fièvre", MedicalHistory: "a", HistoryOfPresentIllness: "b",
			PhysicalExam: "c", ComplementaryExam: "d", Assessment: "e", Plan: "f", Treatment: "g",
			Notes: "h\ni"}
		createVisit(t, s, v)
		got, err := s.Visit(t.Context(), v.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.PatientName != "Zoé Lefèvre-Nguyễn" || !got.VisitDate.Equal(at) || got.Notes != "h\ni" ||
			got.Treatment != "g" || got.VisitType != clinic.VisitFollowUp || len(got.VitalSigns) != 0 {
			t.Errorf("Visit = %+v", got)
		}
		got.Plan = "changed"
		if err := s.UpdateVisit(t.Context(), got, nil); err != nil {
			t.Fatal(err)
		}
		if again, _ := s.Visit(t.Context(), v.ID); again.Plan != "changed" {
			t.Errorf("plan after update = %q", again.Plan)
		}
		if _, err := s.Visit(t.Context(), 999); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("Visit(999) error = %v, want ErrNotFound", err)
		}
		err = s.CreateVisit(t.Context(), newVisit(999, at, ""), nil)
		if !errors.Is(err, store.ErrReference) {
			t.Errorf("CreateVisit for a missing patient: %v, want ErrReference", err)
		}
	})
}

func TestVitalSignsAreExact(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		p := createPatient(t, s, newPatient("A", "B"))
		v := createVisit(t, s, newVisit(p.ID, time.Now(), ""))
		vs := &clinic.VitalSigns{VisitID: v.ID, MeasuredAt: time.Now().UTC().Truncate(time.Microsecond),
			WeightKg: decimal(1235, 2), HeightCm: decimal(7850, 2), TemperatureC: decimal(382, 1),
			HeadCircumferenceCm: decimal(465, 1), BPSystolic: i64(90), BPDiastolic: i64(60),
			HeartRateBPM: i64(120), RespiratoryRateRPM: i64(30), OxygenSaturationPct: i64(97), Notes: "n"}
		if err := s.CreateVitalSigns(t.Context(), vs, nil); err != nil {
			t.Fatal(err)
		}
		got, err := s.VitalSigns(t.Context(), vs.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.WeightKg.String() != "12.35" || got.HeightCm.String() != "78.50" ||
			got.TemperatureC.String() != "38.2" || got.HeadCircumferenceCm.String() != "46.5" ||
			*got.OxygenSaturationPct != 97 || got.Notes != "n" || got.HeartRateBPM == nil {
			t.Errorf("VitalSigns = %+v", got)
		}
		got.WeightKg = nil
		if err := s.UpdateVitalSigns(t.Context(), got, nil); err != nil {
			t.Fatal(err)
		}
		if again, _ := s.VitalSigns(t.Context(), vs.ID); again.WeightKg != nil {
			t.Errorf("weight after clearing = %v, want nil", again.WeightKg)
		}
		bad := &clinic.VitalSigns{VisitID: 999, MeasuredAt: time.Now()}
		if err := s.CreateVitalSigns(t.Context(), bad, nil); !errors.Is(err, store.ErrReference) {
			t.Errorf("vital signs of a missing visit: %v, want ErrReference", err)
		}
	})
}

func TestDeleteVisitTakesItsVitalSigns(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		p := createPatient(t, s, newPatient("A", "B"))
		v := createVisit(t, s, newVisit(p.ID, time.Now(), ""))
		keep := createVisit(t, s, newVisit(p.ID, time.Now(), ""))
		for _, visit := range []int64{v.ID, v.ID, keep.ID} {
			if err := s.CreateVitalSigns(t.Context(), &clinic.VitalSigns{VisitID: visit, MeasuredAt: time.Now()}, nil); err != nil {
				t.Fatal(err)
			}
		}
		ev := &clinic.AuditEvent{Action: "delete", Resource: "visit", Outcome: clinic.OutcomeSuccess, Status: 204}
		if err := s.DeleteVisit(t.Context(), v.ID, ev); err != nil {
			t.Fatal(err)
		}
		if n, _ := s.CountVitalSigns(t.Context(), 0); n != 1 {
			t.Errorf("%d vital signs left, want only the other visit's one", n)
		}
		if ev.PatientID == nil || *ev.PatientID != p.ID || ev.ResourceID == "" {
			t.Errorf("delete event = %+v, want the visit and its patient named", ev)
		}
		if err := s.DeleteVisit(t.Context(), v.ID, nil); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("deleting twice: %v, want ErrNotFound", err)
		}
	})
}

func TestListVisits(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		alice := createPatient(t, s, newPatient("Alice", "Dumas"))
		helene := createPatient(t, s, newPatient("Hélène", "Vincent"))
		day := func(d int) time.Time { return time.Date(2026, 1, d, 10, 0, 0, 0, time.UTC) }
		createVisit(t, s, newVisit(alice.ID, day(1), "Toux"))
		createVisit(t, s, newVisit(helene.ID, day(3), "Fièvre"))
		mid := createVisit(t, s, newVisit(alice.ID, day(2), "Fièvre_100%"))
		if err := s.CreateVitalSigns(t.Context(), &clinic.VitalSigns{VisitID: mid.ID, MeasuredAt: day(2), WeightKg: decimal(1000, 2)}, nil); err != nil {
			t.Fatal(err)
		}

		tests := []struct {
			name string
			f    store.VisitFilter
			want []string
		}{
			{"all newest first", store.VisitFilter{}, []string{"Fièvre", "Fièvre_100%", "Toux"}},
			{"one patient", store.VisitFilter{PatientID: alice.ID}, []string{"Fièvre_100%", "Toux"}},
			{"complaint folded", store.VisitFilter{Terms: []string{"fievre"}}, []string{"Fièvre", "Fièvre_100%"}},
			{"name folded", store.VisitFilter{Terms: []string{"helene"}}, []string{"Fièvre"}},
			{"every term", store.VisitFilter{Terms: []string{"dumas", "toux"}}, []string{"Toux"}},
			{"wildcards literal", store.VisitFilter{Terms: []string{"_100%"}}, []string{"Fièvre_100%"}},
			{"percent alone", store.VisitFilter{Terms: []string{"%"}}, []string{"Fièvre_100%"}},
		}
		for _, tt := range tests {
			n, err := s.CountVisits(t.Context(), tt.f)
			if err != nil {
				t.Fatal(err)
			}
			list, err := s.ListVisits(t.Context(), tt.f, 10, 0)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, v := range list {
				got = append(got, v.ChiefComplaint)
			}
			if n != len(tt.want) || len(got) != len(tt.want) || (len(got) > 0 && got[0] != tt.want[0]) ||
				(len(got) > 1 && got[len(got)-1] != tt.want[len(tt.want)-1]) {
				t.Errorf("%s: count %d, list %q; want %q", tt.name, n, got, tt.want)
			}
		}
		page, _ := s.ListVisits(t.Context(), store.VisitFilter{}, 1, 1)
		if len(page) != 1 || page[0].ID != mid.ID || len(page[0].VitalSigns) != 1 {
			t.Errorf("second page of one = %+v, want the middle visit with its vital signs", page)
		}
	})
}
