package daemon

import (
	"fmt"
	"strings"
	"testing"

	"clinicflow/store"
	"clinicflow/store/storetest"
)

func TestVerifyPrescriptionCode(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		w := newRxWorld(t, st)
		ts := w.ts
		_, _, raw := ts.do(t, "POST", "/api/prescriptions/", ts.doctor.access,
			w.body(map[string]any{"medication": w.amox, "dosage": "1 tablet"}, map[string]any{"medication": w.para}))
		id := decode[struct{ ID int64 }](t, raw).ID
		p, err := st.Prescription(t.Context(), id)
		if err != nil {
			t.Fatal(err)
		}
		code, err := ts.srv.verifyCode(t.Context(), p)
		if err != nil {
			t.Fatal(err)
		}

		status, _, raw := ts.do(t, "GET", "/api/prescriptions/verify/"+code+"/", "", nil)
		want := fmt.Sprintf(`{"valid": true, "prescription": %d, "date": %q, "prescriber": "Dr. Test Drhouse", "items": 2}`,
			id, p.CreatedAt.Format("2006-01-02"))
		wantReply(t, status, raw, 200, want)
		if strings.Contains(string(raw), "Zoé") || strings.Contains(string(raw), "Lefèvre") {
			t.Errorf("verification %s reveals the patient", raw)
		}
		status, _, _ = ts.do(t, "GET", "/api/prescriptions/verify/"+strings.ToLower(code), "", nil)
		if status != 200 {
			t.Errorf("the code in lower case: %d, want 200", status)
		}

		// A code checked against another key, as a forger's would be.
		last := code[len(code)-1]
		swap := byte('0')
		if last == '0' {
			swap = '1'
		}
		forged := code[:len(code)-1] + string(swap)
		otherID := strings.Replace(code, fmt.Sprintf("RX-%d-", id), fmt.Sprintf("RX-%d-", id+1000), 1)
		for name, c := range map[string]string{"forged": forged, "unknown prescription": otherID} {
			status, _, raw := ts.do(t, "GET", "/api/prescriptions/verify/"+c+"/", "", nil)
			if status != 404 || !strings.Contains(string(raw), `"valid":false`) {
				t.Errorf("%s code: %d %s, want 404 and valid false", name, status, raw)
			}
		}
		for _, c := range []string{code[:len(code)-3], "hello", "RX-abc-0000000000000000"} {
			status, _, raw := ts.do(t, "GET", "/api/prescriptions/verify/"+c+"/", "", nil)
			wantReply(t, status, raw, 400, `{"valid": false, "detail": "This is not a prescription verification code."}`)
		}

		// An edit after printing makes the printed code stale.
		ts.do(t, "PATCH", fmt.Sprintf("/api/prescriptions/%d/", id), ts.doctor.access,
			map[string]any{"items": []any{map[string]any{"medication": w.amox, "dosage": "2 tablets"}}})
		status, _, raw = ts.do(t, "GET", "/api/prescriptions/verify/"+code+"/", "", nil)
		if status != 404 {
			t.Errorf("code after the prescription changed: %d %s, want 404", status, raw)
		}
	})
}
