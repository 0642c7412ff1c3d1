package store_test

import (
	"testing"
	"time"

	"clinicflow/clinic"
	"clinicflow/store"
	"clinicflow/store/storetest"
)

// BenchmarkCreateVisitWithVitals records a consultation with two sets of
// vital signs, each write in its transaction with its audit event, in the
// practice of 10,000 patients and 30,000 visits.
func BenchmarkCreateVisitWithVitals(b *testing.B) {
	for _, kind := range storetest.Backends {
		b.Run(kind, func(b *testing.B) {
			s := seedPractice(b, kind)
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				i++
				v := &clinic.Visit{PatientID: int64(1 + i%benchPatients), VisitDate: time.Now(),
					VisitType: clinic.VisitConsultation, ChiefComplaint: "Fièvre"}
				if err := s.CreateVisit(b.Context(), v, benchEvent("visit")); err != nil {
					b.Fatal(err)
				}
				for k := int64(0); k < 2; k++ {
					vs := &clinic.VitalSigns{VisitID: v.ID, MeasuredAt: time.Now(),
						WeightKg:     &clinic.Decimal{Units: 1235 + k, Places: 2},
						TemperatureC: &clinic.Decimal{Units: 382, Places: 1}}
					if err := s.CreateVitalSigns(b.Context(), vs, benchEvent("vital_signs")); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
}

func benchEvent(resource string) *clinic.AuditEvent {
	return &clinic.AuditEvent{Action: "create", Resource: resource, Outcome: clinic.OutcomeSuccess, Status: 201}
}

// BenchmarkListPatientVisits is one patient's visit list: the count and the
// first page, with the vital signs of each visit.
func BenchmarkListPatientVisits(b *testing.B) {
	for _, kind := range storetest.Backends {
		b.Run(kind, func(b *testing.B) {
			s := seedPractice(b, kind)
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				i++
				f := store.VisitFilter{PatientID: int64(1 + i%benchPatients)}
				n, err := s.CountVisits(b.Context(), f)
				if err != nil {
					b.Fatal(err)
				}
				list, err := s.ListVisits(b.Context(), f, 10, 0)
				if err != nil || len(list) != n || n != 3 || len(list[0].VitalSigns) != 1 {
					b.Fatalf("ListVisits = %d visits of %d, %v", len(list), n, err)
				}
			}
		})
	}
}
