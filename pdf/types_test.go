package pdf

import "testing"

func TestPrescriberName(t *testing.T) {
	tests := []struct {
		p    Prescriber
		want string
	}{
		{Prescriber{DisplayName: " Dr Gregory House ", FirstName: "Gregory",
			LastName: "House", Username: "ghouse"}, "Dr Gregory House"},
		{Prescriber{FirstName: "Gregory", LastName: "House", Username: "ghouse"},
			"Dr. Gregory House"},
		{Prescriber{LastName: "House", Username: "ghouse"}, "Dr. House"},
		{Prescriber{DisplayName: "  ", Username: "ghouse"}, "Dr. ghouse"},
		{Prescriber{}, ""},
	}
	for _, tt := range tests {
		if got := tt.p.Name(); got != tt.want {
			t.Errorf("%+v.Name() = %q, want %q", tt.p, got, tt.want)
		}
	}
}

func TestPatientFullName(t *testing.T) {
	tests := []struct {
		p    Patient
		want string
	}{
		{Patient{FirstName: "Zoé", LastName: "Lefèvre-Nguyễn"}, "Zoé Lefèvre-Nguyễn"},
		{Patient{FirstName: " Zoé "}, "Zoé"},
		{Patient{LastName: "Lefèvre"}, "Lefèvre"},
	}
	for _, tt := range tests {
		if got := tt.p.FullName(); got != tt.want {
			t.Errorf("%+v.FullName() = %q, want %q", tt.p, got, tt.want)
		}
	}
}

func TestFilenames(t *testing.T) {
	tests := []struct {
		got, want string
	}{
		{PrescriptionFilename(933, "fr"), "ordonnance_933.pdf"},
		{PrescriptionFilename(933, ""), "ordonnance_933.pdf"},
		{PrescriptionFilename(933, "fr-CA"), "ordonnance_933.pdf"},
		{PrescriptionFilename(7, "en"), "prescription_7.pdf"},
		{PrescriptionFilename(7, "en-GB"), "prescription_7.pdf"},
		{VisitSummaryFilename(1), "resume_visite_1.pdf"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
}
