package client_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"clinicflow/client"
	"clinicflow/clinic"
)

// decimalText is a measurement as text, "" when absent.
func decimalText(d *clinic.Decimal) string {
	if d == nil {
		return ""
	}
	return d.String()
}

func TestVitals(t *testing.T) {
	s := newServer(t)
	c := s.signIn(t, "nurse1")
	zoe := newPatient(t, c, "Zoé", "Lefèvre")
	v, err := c.CreateVisit(t.Context(), client.VisitFields{Patient: &zoe.ID})
	if err != nil {
		t.Fatal(err)
	}
	other, err := c.CreateVisit(t.Context(), client.VisitFields{Patient: &zoe.ID})
	if err != nil {
		t.Fatal(err)
	}

	morning := time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC)
	child, err := c.CreateVitals(t.Context(), client.VitalsFields{Visit: &v.ID, MeasuredAt: &morning,
		WeightKg: new("10.35"), HeightCm: new("78"), TemperatureC: new("38.9"),
		HeadCircumferenceCm: new("45.2"), Notes: new("Pleure")})
	if err != nil {
		t.Fatal(err)
	}
	got := []string{decimalText(child.WeightKg), decimalText(child.HeightCm),
		decimalText(child.TemperatureC), decimalText(child.HeadCircumferenceCm), child.Notes}
	want := []string{"10.35", "78.00", "38.9", "45.2", "Pleure"}
	if !child.MeasuredAt.Equal(morning) || child.VisitID != v.ID || child.BPSystolic != nil ||
		strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("CreateVitals = %+v, measurements %q; want %q at %v", child, got, want, morning)
	}
	later := morning.Add(2 * time.Hour)
	second, err := c.CreateVitals(t.Context(), client.VitalsFields{Visit: &v.ID, MeasuredAt: &later,
		TemperatureC: new("38.1"), BPSystolic: new(int64(95)), BPDiastolic: new(int64(60)),
		HeartRateBPM: new(int64(120)), RespiratoryRateRPM: new(int64(30)),
		OxygenSaturationPct: new(int64(98))})
	if err != nil {
		t.Fatal(err)
	}
	if *second.BPSystolic != 95 || *second.BPDiastolic != 60 || *second.OxygenSaturationPct != 98 ||
		second.WeightKg != nil {
		t.Errorf("CreateVitals(blood pressure...) = %+v", second)
	}
	_, err = c.CreateVitals(t.Context(), client.VitalsFields{Visit: &other.ID, WeightKg: new("11")})
	if err != nil {
		t.Fatal(err)
	}

	page, err := c.ListVitals(t.Context(), client.VitalsQuery{Visit: v.ID}, client.ListOptions{})
	if err != nil || page.Count != 2 ||
		page.Results[0].ID != second.ID || page.Results[1].ID != child.ID {
		t.Errorf("ListVitals(visit) = %+v, %v; want the two sets, newest first", page, err)
	}
	all, err := client.All(c.Vitals(t.Context(), client.VitalsQuery{}))
	if err != nil || len(all) != 3 {
		t.Errorf("Vitals walked %d sets (%v), want 3", len(all), err)
	}
	if visit, err := c.Visit(t.Context(), v.ID); err != nil || len(visit.VitalSigns) != 2 ||
		visit.VitalSigns[0].ID != second.ID {
		t.Errorf("Visit's vital signs = %+v, %v; want both, newest first", visit.VitalSigns, err)
	}
	if p, err := c.Patient(t.Context(), zoe.ID); err != nil || p.LatestWeightKg == nil ||
		p.LatestWeightKg.String() != "11.0" {
		t.Errorf("patient's latest weight = %v, %v; want 11.0 (the newest weighing)",
			p.LatestWeightKg, err)
	}

	changed, err := c.UpdateVitals(t.Context(), child.ID,
		client.VitalsFields{TemperatureC: new("37.0")})
	if err != nil || decimalText(changed.TemperatureC) != "37.0" ||
		decimalText(changed.WeightKg) != "10.35" {
		t.Errorf("UpdateVitals(temperature) = %+v, %v; want 37.0 and the weight kept", changed, err)
	}
	again, err := c.VitalSigns(t.Context(), child.ID)
	if err != nil || decimalText(again.TemperatureC) != "37.0" {
		t.Errorf("VitalSigns after the update = %+v, %v", again, err)
	}
	if err := c.DeleteVitals(t.Context(), second.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := c.VitalSigns(t.Context(), second.ID); !isStatus(err, http.StatusNotFound) {
		t.Errorf("VitalSigns after DeleteVitals = %v, want 404", err)
	}
}

func TestVitalsRefusals(t *testing.T) {
	s := newServer(t)
	c := s.signIn(t, "drhouse")
	zoe := newPatient(t, c, "Zoé", "Lefèvre")
	v, err := c.CreateVisit(t.Context(), client.VisitFields{Patient: &zoe.ID})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		f     client.VitalsFields
		field string
		want  string
	}{
		{"no visit", client.VitalsFields{WeightKg: new("10")}, "visit", "This field is required."},
		{"unknown visit", client.VitalsFields{Visit: new(int64(999))}, "visit",
			`Invalid pk "999" - object does not exist.`},
		{"fever past survival", client.VitalsFields{Visit: &v.ID, TemperatureC: new("50")},
			"temperature_c", "Ensure this value is between 25.0 and 45.0 °C."},
		{"too many places", client.VitalsFields{Visit: &v.ID, WeightKg: new("10.355")}, "weight_kg",
			"Ensure that there are no more than 2 decimal places."},
		{"not a number", client.VitalsFields{Visit: &v.ID, HeightCm: new("tall")}, "height_cm",
			"A valid number is required."},
		{"saturation over 100", client.VitalsFields{Visit: &v.ID, OxygenSaturationPct: new(int64(101))},
			"oxygen_saturation_pct", "Ensure this value is between 40 and 100 %."},
		{"pressures swapped", client.VitalsFields{Visit: &v.ID, BPSystolic: new(int64(80)),
			BPDiastolic: new(int64(120))}, "bp_diastolic",
			"Diastolic pressure must be lower than systolic pressure."},
	}
	for _, tt := range tests {
		_, err := c.CreateVitals(t.Context(), tt.f)
		if got := fieldsOfRefusal(t, err)[tt.field]; got != tt.want {
			t.Errorf("%s: %s says %q, want %q", tt.name, tt.field, got, tt.want)
		}
	}
	if _, err := c.VitalSigns(t.Context(), 999); !isStatus(err, http.StatusNotFound) {
		t.Errorf("VitalSigns(999) = %v, want 404", err)
	}
	if err := c.DeleteVitals(t.Context(), 999); !isStatus(err, http.StatusNotFound) {
		t.Errorf("DeleteVitals(999) = %v, want 404", err)
	}
	_, err = c.UpdateVitals(t.Context(), 999, client.VitalsFields{Notes: new("x")})
	if !isStatus(err, http.StatusNotFound) {
		t.Errorf("UpdateVitals(999) = %v, want 404", err)
	}
}
