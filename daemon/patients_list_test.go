package daemon

import (
	"fmt"
	"net/http"
	"net/url"
	"reflect"
	"slices"
	"testing"
	"time"

	"clinicflow/clinic"
	"clinicflow/store"
	"clinicflow/store/storetest"
)

// pageJSON is a paged list as the API answers it.
type pageJSON[T any] struct {
	Count    int     `json:"count"`
	Next     *string `json:"next"`
	Previous *string `json:"previous"`
	Results  []T     `json:"results"`
}

// wantIDs checks that a page of patients lists exactly these ids, in order.
func wantIDs(tb testing.TB, raw []byte, want ...int64) {
	tb.Helper()
	page := decode[pageJSON[patientJSON]](tb, raw)
	got := make([]int64, 0, len(page.Results))
	for _, p := range page.Results {
		got = append(got, p.ID)
	}
	if !slices.Equal(got, want) {
		tb.Errorf("ids %v, want %v", got, want)
	}
}

// wantLink checks a next or previous link: null when want is "", else an
// absolute URL with want's path and exactly want's query parameters.
func wantLink(tb testing.TB, name string, got *string, want string) {
	tb.Helper()
	if want == "" || got == nil {
		if (want == "") != (got == nil) {
			tb.Errorf("%s = %v, want %q", name, deref(got), want)
		}
		return
	}
	g, err1 := url.Parse(*got)
	w, err2 := url.Parse(want)
	if err1 != nil || err2 != nil || g.Scheme != w.Scheme || g.Host != w.Host || g.Path != w.Path ||
		!reflect.DeepEqual(g.Query(), w.Query()) {
		tb.Errorf("%s = %q, want %q", name, *got, want)
	}
}

func deref(s *string) string {
	if s == nil {
		return "null"
	}
	return *s
}

// seedPatients saves n active patients named Pat000, Pat001... through the
// store and returns their ids in name order.
func seedPatients(tb testing.TB, st *store.Store, by int64, n int) []int64 {
	tb.Helper()
	ids := make([]int64, n)
	for i := range n {
		p := &clinic.Patient{FirstName: "Ana", LastName: fmt.Sprintf("Pat%03d", i), Sex: "F",
			DateOfBirth: clinic.Date{Year: 2001, Month: time.May, Day: 4}, Address: "1 Rue X",
			IsActive: true, CreatedBy: by}
		if err := st.CreatePatient(tb.Context(), p, nil); err != nil {
			tb.Fatalf("seed patient %d: %v", i, err)
		}
		ids[i] = p.ID
	}
	return ids
}

func TestPatientListPages(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st)
		ids := seedPatients(t, st, ts.doctor.user.ID, 105)
		base := ts.url + "/api/patients/"
		tests := []struct {
			query          string
			fixture        string
			first, n       int // the ids expected: ids[first:first+n]
			next, previous string
		}{
			{"", "patients_list", 0, 10, base + "?page=2", ""},
			{"?page=2", "patients_list_page2", 10, 10, base + "?page=3", base},
			{"?page=11", "patients_list", 100, 5, "", base + "?page=10"},
			{"?page=last", "patients_list_page_last", 100, 5, "", base + "?page=10"},
			{"?page_size=0", "patients_list_page_size_0", 0, 10, base + "?page=2&page_size=0", ""},
			{"?page_size=-5", "patients_list_page_size_neg", 0, 10,
				base + "?page=2&page_size=-5", ""},
			{"?page_size=abc", "patients_list", 0, 10, base + "?page=2&page_size=abc", ""},
			{"?page_size=1000", "patients_list_page_size_1000", 0, 100,
				base + "?page=2&page_size=1000", ""},
			{"?page_size=500&page=2", "patients_list_page_size_500", 100, 5, "",
				base + "?page_size=500"},
			{"?page_size=3&page=2&ordering=last_name&search=pat", "patients_list", 3, 3,
				base + "?page=3&page_size=3&ordering=last_name&search=pat",
				base + "?page_size=3&ordering=last_name&search=pat"},
		}
		for _, tt := range tests {
			t.Run(tt.query, func(t *testing.T) {
				status, _, raw := ts.do(t, "GET", "/api/patients/"+tt.query,
					ts.doctor.access, nil)
				wantShapeOf(t, status, raw, tt.fixture)
				page := decode[pageJSON[patientJSON]](t, raw)
				if page.Count != len(ids) {
					t.Errorf("count %d, want %d", page.Count, len(ids))
				}
				wantIDs(t, raw, ids[tt.first:tt.first+tt.n]...)
				wantLink(t, "next", page.Next, tt.next)
				wantLink(t, "previous", page.Previous, tt.previous)
			})
		}

		bad := map[string]string{
			"?page=0":               "patients_list_page_0",
			"?page=999":             "patients_list_page_999",
			"?page=abc":             "patients_list_page_abc",
			"?page=12":              "patients_list_page_999",
			"?page=-1":              "patients_list_page_0",
			"?page=3&page_size=500": "patients_list_page_999",
		}
		for query, fixture := range bad {
			status, _, raw := ts.do(t, "GET", "/api/patients/"+query,
				ts.doctor.access, nil)
			wantBodyOf(t, status, raw, fixture)
		}
	})
}

func TestPatientListEmpty(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st)
		for _, query := range []string{"", "?page=1", "?page=last"} {
			status, _, raw := ts.do(t, "GET", "/api/patients/"+query,
				ts.doctor.access, nil)
			wantReply(t, status, raw, http.StatusOK,
				`{"count": 0, "next": null, "previous": null, "results": []}`)
		}
		status, _, raw := ts.do(t, "GET", "/api/patients/?page=2",
			ts.doctor.access, nil)
		wantReply(t, status, raw, http.StatusNotFound,
			`{"detail": "Invalid page."}`)
	})
}

func TestPatientSearch(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st)
		add := func(first, last, phone, email, address string, active bool) patientJSON {
			return ts.createPatient(t, ts.doctor, zoe(kv{"first_name": first, "last_name": last,
				"phone": phone, "email": email, "address": address, "is_active": active}))
		}
		helene := add("Hélène", "Dubois", "+243 810 111 222", "h.dubois@example.org",
			"12 Rue du Lac, Goma", true)
		marie := add("Marie", "Dupont", "+243 990 000 001", "", "5 Avenue Kasa, Kinshasa", true)
		jean := add("Jean", "Martin", "", "", "100% Rue_Test", true)
		paul := add("Paul", "Marin", "", "", "7 Rue X", true)
		gone := add("Hélène", "Archivée", "", "", "9 Rue Y", false)

		tests := []struct {
			search string
			want   []int64
		}{
			{"helene", []int64{helene.ID}},
			{"HÉLÈNE", []int64{helene.ID}},
			{"marie dupont", []int64{marie.ID}},
			{"dupont marie", []int64{marie.ID}},
			{"marie martin", nil},
			{"marie,kinshasa", []int64{marie.ID}},
			{"mar", []int64{marie.ID, paul.ID, jean.ID}},
			{helene.Code, []int64{helene.ID}},
			{"990", []int64{marie.ID}},
			{"+243 810", []int64{helene.ID}},
			{"hel\x00ene", []int64{helene.ID}},
			{"h.dubois@example", []int64{helene.ID}},
			{"%", []int64{jean.ID}},
			{"_", []int64{jean.ID}},
			{"zzzzzz", nil},
			{"", []int64{helene.ID, marie.ID, paul.ID, jean.ID}},
		}
		for _, tt := range tests {
			t.Run(tt.search, func(t *testing.T) {
				q := url.Values{"search": {tt.search}}
				path := "/api/patients/?" + q.Encode()
				status, _, raw := ts.do(t, "GET", path, ts.doctor.access, nil)
				wantShapeOf(t, status, raw, "patients_list_search_mar")
				wantIDs(t, raw, tt.want...)
				if got := decode[pageJSON[patientJSON]](t, raw).Count; got != len(tt.want) {
					t.Errorf("count %d, want %d", got, len(tt.want))
				}
			})
		}
		status, _, raw := ts.do(t, "GET", "/api/patients/?search=zzzzzz",
			ts.doctor.access, nil)
		wantBodyOf(t, status, raw, "patients_list_search_none")
		status, _, raw = ts.do(t, "GET", "/api/patients/?search=archiv%C3%A9e&archived=true",
			ts.admin.access, nil)
		wantReply(t, status, raw, http.StatusOK, "")
		wantIDs(t, raw, gone.ID)
	})
}

func TestPatientOrdering(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st)
		var id []int64 // in creation order
		for _, name := range [][2]string{{"Bob", "Zola"}, {"Alice", "Éluard"}, {"Zoe", "dupont"},
			{"Adam", "Dupont"}, {"Émile", "Martin"}} {
			body := zoe(kv{"first_name": name[0], "last_name": name[1]})
			p := ts.createPatient(t, ts.doctor, body)
			id = append(id, p.ID)
		}
		byName := []int64{id[3], id[2], id[1], id[4], id[0]}
		tests := []struct {
			ordering string
			want     []int64
		}{
			{"", byName},
			{"-created_at", []int64{id[4], id[3], id[2], id[1], id[0]}},
			{"created_at", id},
			{"address", byName},
			{"address,-nope", byName},
			{"last_name,-first_name", []int64{id[2], id[3], id[1], id[4], id[0]}},
			{"-last_name", []int64{id[0], id[4], id[1], id[2], id[3]}},
			{"first_name", []int64{id[3], id[1], id[0], id[4], id[2]}},
			{"-patient_code", []int64{id[4], id[3], id[2], id[1], id[0]}},
			{"nope,-created_at", []int64{id[4], id[3], id[2], id[1], id[0]}},
		}
		for _, tt := range tests {
			t.Run(tt.ordering, func(t *testing.T) {
				path := "/api/patients/?ordering=" + tt.ordering
				status, _, raw := ts.do(t, "GET", path, ts.doctor.access, nil)
				wantShapeOf(t, status, raw, "patients_list_ordering_created_desc")
				wantIDs(t, raw, tt.want...)
			})
		}
	})
}
