package clinic

import (
	"encoding/json"
	"testing"
)

func TestDecimalJSON(t *testing.T) {
	tests := []struct {
		in, out string
	}{
		{`"12.50"`, `"12.50"`},
		{`12.35`, `"12.35"`},
		{`"38"`, `"38"`},
		{`"-0.5"`, `"-0.5"`},
	}
	for _, tt := range tests {
		var d Decimal
		if err := json.Unmarshal([]byte(tt.in), &d); err != nil {
			t.Fatalf("unmarshal %s: %v", tt.in, err)
		}
		if got, _ := json.Marshal(d); string(got) != tt.out {
			t.Errorf("%s round trip = %s, want %s", tt.in, got, tt.out)
		}
	}
	var n Number
	if err := json.Unmarshal([]byte(`56.36`), &n); err != nil || n.String() != "56.36" {
		t.Errorf("Number 56.36 = %v, %v", n, err)
	}
	if got, _ := json.Marshal(Number{Decimal{Units: 1400, Places: 2}}); string(got) != "14.0" {
		t.Errorf("Number 14.00 marshals as %s, want 14.0", got)
	}
	var bad Decimal
	if err := json.Unmarshal([]byte(`"heavy"`), &bad); err == nil {
		t.Error("unmarshal of \"heavy\" succeeded")
	}
}
