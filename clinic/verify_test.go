package clinic

import (
	"bytes"
	"testing"
	"time"
)

func TestVerifyCodeRoundTrip(t *testing.T) {
	mac := []byte{0xff, 0x00, 0x12, 0x34, 0x56, 0x78, 0x9a, 0xbc, 0xde, 0xf0, 0x99}
	code := FormatVerifyCode(1425, mac)
	if len(code) != len("RX-1425-")+16 {
		t.Fatalf("code %q: want RX-1425- and 16 characters", code)
	}
	for _, variant := range []string{code, " " + code[:10] + " " + code[10:], lower(code)} {
		id, got, err := ParseVerifyCode(variant)
		if err != nil || id != 1425 || !bytes.Equal(got, mac[:VerifyMACSize]) {
			t.Errorf("ParseVerifyCode(%q) = %d, %x, %v; want 1425, %x",
				variant, id, got, err, mac[:VerifyMACSize])
		}
	}
	for _, bad := range []string{"", "RX-", "RX-12", "RX-12-" + code[8:23], code + "A", "XX-1425-" + code[8:],
		"RX-0-" + code[8:], "RX-abc-" + code[8:], "RX-1425-" + code[8:23] + "U"} {
		if _, _, err := ParseVerifyCode(bad); err == nil {
			t.Errorf("ParseVerifyCode(%q) accepted a malformed code", bad)
		}
	}
}

func lower(s string) string { return string(bytes.ToLower([]byte(s))) }

func TestSigningPayloadCoversTheLines(t *testing.T) {
	base := Prescription{ID: 7, PatientID: 3, PrescriberID: 2, Notes: "n",
		CreatedAt: time.Date(2026, 12, 3, 9, 0, 0, 0, time.UTC),
		Items:     []Item{{MedicationID: 1, Dosage: "5 mL"}}}
	changes := map[string]func(p *Prescription){
		"id":         func(p *Prescription) { p.ID = 8 },
		"date":       func(p *Prescription) { p.CreatedAt = p.CreatedAt.Add(time.Second) },
		"patient":    func(p *Prescription) { p.PatientID = 4 },
		"prescriber": func(p *Prescription) { p.PrescriberID = 5 },
		"notes":      func(p *Prescription) { p.Notes = "m" },
		"dosage":     func(p *Prescription) { p.Items[0].Dosage = "10 mL" },
		"medication": func(p *Prescription) { p.Items[0].MedicationID = 9 },
		"outside":    func(p *Prescription) { p.Items[0].AllowOutsidePurchase = true },
		"a line":     func(p *Prescription) { p.Items = append(p.Items, Item{MedicationID: 1}) },
		"no line":    func(p *Prescription) { p.Items = nil },
		"split text": func(p *Prescription) { p.Items[0].Dosage, p.Items[0].Route = "5", " mL" },
	}
	want := base.SigningPayload()
	for name, change := range changes {
		p := base
		p.Items = append([]Item(nil), base.Items...)
		change(&p)
		if bytes.Equal(p.SigningPayload(), want) {
			t.Errorf("changing the %s leaves the payload as it was", name)
		}
	}
}

func TestPrescriberName(t *testing.T) {
	tests := []struct {
		u    User
		want string
	}{
		{User{Username: "house", FirstName: "Gregory", LastName: "House", DisplayName: "Dr G. House"}, "Dr G. House"},
		{User{Username: "house", FirstName: "Gregory", LastName: "House"}, "Dr. Gregory House"},
		{User{Username: "house"}, "Dr. house"},
	}
	for _, tt := range tests {
		if got := tt.u.PrescriberName(); got != tt.want {
			t.Errorf("PrescriberName(%+v) = %q, want %q", tt.u, got, tt.want)
		}
	}
}
