package client_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"clinicflow/client"
)

// The file name a download carries is the server's suggestion, kept to a
// bare name whatever the server sends.
func TestDownloadNames(t *testing.T) {
	tests := []struct {
		header string
		want   string
	}{
		{`attachment; filename="resume_visite_3.pdf"`, "resume_visite_3.pdf"},
		{`attachment; filename="R_sultat.pdf"; filename*=UTF-8''R%C3%A9sultat.pdf`, "Résultat.pdf"},
		{`attachment; filename="../../.bashrc"`, ".bashrc"},
		{`attachment; filename="C:\\Windows\\evil.pdf"`, "evil.pdf"},
		{`attachment; filename=".."`, ""},
		{`attachment; filename*=UTF-8''a%0Ab.pdf`, ""},
		{`attachment`, ""},
		{``, ""},
	}
	var header string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "Bearer access" {
			http.Error(w, `{"detail": "no token"}`, http.StatusUnauthorized)
			return
		}
		w.Header().Set("Content-Type", "application/pdf")
		w.Header().Set("Content-Disposition", header)
		io.WriteString(w, "%PDF-1.7")
	}))
	defer srv.Close()
	c, _ := client.New(srv.URL, client.WithTokens("access", "refresh"))
	for _, tt := range tests {
		header = tt.header
		d, err := c.VisitPDF(t.Context(), 3, "")
		if err != nil {
			t.Fatalf("Content-Disposition %q: %v", tt.header, err)
		}
		d.Body.Close()
		if d.Name != tt.want {
			t.Errorf("Content-Disposition %q: name %q, want %q", tt.header, d.Name, tt.want)
		}
	}
}
