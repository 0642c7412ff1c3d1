package daemon

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"clinicflow/locales"
)

// echo is a handler that answers its name and its parameters.
func echo(name string) func(c *call) {
	return func(c *call) {
		var b strings.Builder
		b.WriteString(name)
		for _, p := range c.params {
			b.WriteString(" " + p.Key + "=" + p.Value)
		}
		c.w.Write([]byte(b.String()))
	}
}

func TestRouterStaticBesideParameter(t *testing.T) {
	s := &Server{catalog: locales.MustLoad(), log: slog.New(slog.DiscardHandler)}
	s.routes = []route{
		{method: "GET", path: "/x/:id/", public: true, handle: echo("item")},
		{method: "DELETE", path: "/x/:id/", public: true, handle: echo("delete")},
		{method: "GET", path: "/x/special/", public: true, handle: echo("special")},
		{method: "POST", path: "/x/special/", public: true, handle: echo("post-special")},
		{method: "GET", path: "/x/special/:sub/", public: true, handle: echo("sub")},
		{method: "GET", path: "/x/:id/pdf/", public: true, handle: echo("pdf")},
		{method: "GET", path: "/y/:a/", public: true, handle: echo("y")},
		{method: "GET", path: "/y/:b/files/:f/", public: true, handle: echo("file")},
	}
	srv := httptest.NewServer(s.middleware(s.router()))
	defer srv.Close()

	tests := []struct {
		method, path string
		status       int
		body         string
	}{
		{"GET", "/x/7/", 200, "item id=7"},
		{"GET", "/x/special/", 200, "special"},
		{"POST", "/x/special/", 200, "post-special"},
		{"GET", "/x/special/3/", 200, "sub sub=3"},
		{"GET", "/x/9/pdf/", 200, "pdf id=9"},
		{"DELETE", "/x/9/", 200, "delete id=9"},
		{"GET", "/y/1/", 200, "y a=1"},
		{"GET", "/y/2/files/5/", 200, "file b=2 f=5"},
		{"POST", "/x/7/", 405, "not allowed"},
		{"DELETE", "/x/special/", 405, "not allowed"},
		{"GET", "/x/7/other/", 404, "Not found."},
	}
	for _, tt := range tests {
		req, _ := http.NewRequest(tt.method, srv.URL+tt.path, nil)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if allow := resp.Header.Get("Allow"); tt.status == 405 && !strings.Contains(allow, "GET") {
			t.Errorf("%s %s: Allow %q, want GET in it", tt.method, tt.path, allow)
		}
		if resp.StatusCode != tt.status || !strings.Contains(string(body), tt.body) {
			t.Errorf("%s %s = %d %q, want %d containing %q", tt.method, tt.path,
				resp.StatusCode, body, tt.status, tt.body)
		}
	}
}

func TestNormalize(t *testing.T) {
	routes := []route{
		{method: "GET", path: "/api/visits/"},
		{method: "GET", path: "/api/visits/:id/"},
		{method: "GET", path: "/api/visits/vitals/"},
		{method: "GET", path: "/api/visits/vitals/:vid/"},
		{method: "GET", path: "/api/visits/:id/pdf/"},
	}
	want := []string{"/api/visits/", "/api/visits/:id/", "/api/visits/:id/",
		"/api/visits/:id/:vid/", "/api/visits/:id/:vid/"}
	got, cands := normalize(routes)
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("normalize(%s) = %s, want %s", routes[i].path, got[i], want[i])
		}
	}
	if cands[4].want["vid"] != "pdf" || cands[2].want["id"] != "vitals" {
		t.Errorf("static segments not kept as conditions: %+v, %+v", cands[2].want, cands[4].want)
	}
}
