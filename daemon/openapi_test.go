package daemon

import (
	"fmt"
	"maps"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"

	"clinicflow/store"
	"clinicflow/store/storetest"
)

// pathParam is one :name segment of a route-table path.
var pathParam = regexp.MustCompile(`:([A-Za-z_][A-Za-z0-9_]*)`)

// docParam is one {name} segment of an OpenAPI path.
var docParam = regexp.MustCompile(`\{[^}]+\}`)

// onlyPatientID matches the paths whose one parameter is a patient's id.
var onlyPatientID = regexp.MustCompile(`^/api/patients/\{id\}/[^{}]*$`)

// openAPIOp is the part of an OpenAPI operation these tests read.
type openAPIOp struct {
	Summary    string         `json:"summary"`
	Responses  map[string]any `json:"responses"`
	Security   []any          `json:"security"`
	Parameters []openAPIParam `json:"parameters"`
}

// openAPIParam is one parameter of an operation.
type openAPIParam struct {
	Name     string `json:"name"`
	In       string `json:"in"`
	Required bool   `json:"required"`
}

// openAPIDoc is the part of the OpenAPI document these tests read.
type openAPIDoc struct {
	OpenAPI string                          `json:"openapi"`
	Info    struct{ Title, Version string } `json:"info"`
	Paths   map[string]map[string]openAPIOp `json:"paths"`
}

func (ts *testServer) openAPI(tb testing.TB) openAPIDoc {
	tb.Helper()
	status, _, raw := ts.do(tb, "GET", "/api/schema/", "", nil)
	wantReply(tb, status, raw, http.StatusOK, "")
	return decode[openAPIDoc](tb, raw)
}

func TestOpenAPIDocumentsEveryRoute(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st)
		doc := ts.openAPI(t)
		if doc.OpenAPI != "3.1.0" || doc.Info.Title == "" || doc.Info.Version == "" {
			t.Errorf("openapi %q, info %+v, want 3.1.0 with a title and a version",
				doc.OpenAPI, doc.Info)
		}
		served := map[string]bool{}
		for _, rt := range ts.srv.routes {
			path := pathParam.ReplaceAllString(rt.path, "{$1}")
			method := strings.ToLower(rt.method)
			served[method+" "+path] = true
			op, ok := doc.Paths[path][method]
			if !ok {
				t.Errorf("%s %s: not in the document's paths", rt.method, path)
				continue
			}
			if op.Summary == "" || len(op.Responses) == 0 {
				t.Errorf("%s %s: summary %q and %d responses, want both", rt.method, path,
					op.Summary, len(op.Responses))
			}
			if needs := len(op.Security) > 0; needs == rt.public {
				t.Errorf("%s %s: security %v, want a token required = %v",
					rt.method, path, op.Security, !rt.public)
			}
			for _, m := range pathParam.FindAllStringSubmatch(rt.path, -1) {
				want := openAPIParam{Name: m[1], In: "path", Required: true}
				if !slices.Contains(op.Parameters, want) {
					t.Errorf("%s %s: no required path parameter %q", rt.method, path, m[1])
				}
			}
		}
		for path, ops := range doc.Paths {
			for method := range ops {
				if !served[method+" "+path] {
					t.Errorf("the document describes %s %s, which no route serves", method, path)
				}
			}
		}
	})
}

func TestDocumentedOperationsAnswer(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st)
		p := ts.createPatient(t, ts.admin, zoe(nil))
		doc := ts.openAPI(t)
		missing := map[string]string{} // request id -> "METHOD path" answered 404
		for _, path := range slices.Sorted(maps.Keys(doc.Paths)) {
			for _, method := range slices.Sorted(maps.Keys(doc.Paths[path])) {
				m := strings.ToUpper(method)
				var body any
				if m == "POST" || m == "PUT" || m == "PATCH" {
					body = map[string]any{}
				}
				concrete := docParam.ReplaceAllString(path, fmt.Sprint(p.ID))
				status, h, raw := ts.do(t, m, concrete, ts.admin.access, body)
				switch status {
				case http.StatusMethodNotAllowed:
					t.Errorf("%s %s: 405 %s", m, concrete, raw)
				case http.StatusNotFound:
					missing[h.Get("X-Request-ID")] = m + " " + path
				}
			}
		}
		// A 404 passes only from the documented route's own handler, for an
		// id that names no record of that kind; and never for a path whose
		// one id is the patient's, created above.
		ts.settle(t)
		for _, l := range ts.logLines(t) {
			op, ok := missing[l.RequestID]
			if !ok {
				continue
			}
			delete(missing, l.RequestID)
			_, path, _ := strings.Cut(op, " ")
			route := pathParam.ReplaceAllString(l.Route, "{$1}")
			if route != path || onlyPatientID.MatchString(path) || !strings.Contains(path, "{") {
				t.Errorf("%s: 404 (served by route %q)", op, route)
			}
		}
		for _, op := range missing {
			t.Errorf("%s: 404 with no access-log line", op)
		}
	})
}

func TestPrivateRoutesNeedToken(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st)
		for _, rt := range ts.srv.routes {
			path := pathParam.ReplaceAllString(rt.path, "1")
			var body any
			if rt.method == "POST" || rt.method == "PUT" || rt.method == "PATCH" {
				body = map[string]any{}
			}
			status, _, raw := ts.do(t, rt.method, path, "", body)
			if rt.public {
				if status == http.StatusUnauthorized {
					t.Errorf("%s %s is public but answers 401 without a token: %s",
						rt.method, path, raw)
				}
				continue
			}
			if status != http.StatusUnauthorized || !sameJSON(raw, []byte(noCredentials)) {
				t.Errorf("%s %s without a token: %d %s, want 401 %s",
					rt.method, path, status, raw, noCredentials)
			}
		}
	})
}
