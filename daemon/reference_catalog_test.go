package daemon

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"testing"

	"clinicflow/store"
	"clinicflow/store/storetest"
)

// The tests below hold the formulary routes (medications and prescription
// templates) to reference responses of the original backend: the same
// status and shape, and the values that the request makes certain. Ids
// differ from the captures, so each test makes the records its requests
// need and compares values with the ids left out or replaced by ours.

const (
	catalogMedications = "/api/prescriptions/medications/"
	catalogTemplates   = "/api/prescriptions/templates/"
)

// catalogMedication is a medication as the API writes it, read with a type
// of the test's own so that the daemon's types are not their own oracle.
type catalogMedication struct {
	ID       int64  `json:"id"`
	Name     string `json:"name"`
	Form     string `json:"form"`
	Strength string `json:"strength"`
	IsActive bool   `json:"is_active"`
}

// catalogSummary is a template as the list shows it.
type catalogSummary struct {
	ID            int64  `json:"id"`
	Name          string `json:"name"`
	NameFr        string `json:"name_fr"`
	Description   string `json:"description"`
	DescriptionFr string `json:"description_fr"`
	IsActive      bool   `json:"is_active"`
}

// catalogLine is a template line in the detail form.
type catalogLine struct {
	ID                int64  `json:"id"`
	Medication        int64  `json:"medication"`
	MedicationDisplay string `json:"medication_display"`
	Dosage            string `json:"dosage"`
	Route             string `json:"route"`
	Frequency         string `json:"frequency"`
	Duration          string `json:"duration"`
	Instructions      string `json:"instructions"`
}

// catalogDetail is a template with its lines.
type catalogDetail struct {
	catalogSummary
	Items []catalogLine `json:"items"`
}

// referenceBody decodes the body of the reference response name into a T.
func referenceBody[T any](tb testing.TB, name string) T {
	tb.Helper()
	return decode[T](tb, loadFixture(tb, name).Body)
}

// wantBodyWithID checks that our answer has the status of the reference
// response name and exactly its body, but for the top-level id, ours.
func wantBodyWithID(tb testing.TB, status int, raw []byte, name string, id int64) {
	tb.Helper()
	ref := loadFixture(tb, name)
	want := decode[map[string]any](tb, ref.Body)
	want["id"] = id
	data, err := json.Marshal(want)
	if err != nil {
		tb.Fatalf("encode the body of %s: %v", name, err)
	}
	wantReply(tb, status, raw, ref.Status, string(data))
}

// wantNoContentOf checks that our answer has the status of the reference
// response name, a 204, and no body, like it.
func wantNoContentOf(tb testing.TB, status int, raw []byte, name string) {
	tb.Helper()
	ref := loadFixture(tb, name)
	if status != ref.Status {
		tb.Fatalf("status %d, want %d as in %s; body %s", status, ref.Status, name, raw)
	}
	if len(raw) != 0 {
		tb.Errorf("body %q, want none as in %s", raw, name)
	}
}

// catalogCreate posts body to path as who and returns the new record's id.
func catalogCreate(tb testing.TB, ts *testServer, who account, path string, body kv) int64 {
	tb.Helper()
	status, _, raw := ts.do(tb, "POST", path, who.access, body)
	if status != http.StatusCreated {
		tb.Fatalf("POST %s %v: status %d, want 201; body %s", path, body, status, raw)
	}
	return decode[struct{ ID int64 }](tb, raw).ID
}

// catalogMedicationBody is the create body of m.
func catalogMedicationBody(m catalogMedication) kv {
	return kv{"name": m.Name, "form": m.Form, "strength": m.Strength}
}

// withoutIDs returns list with every id zeroed, for comparing rows whose
// ids the database chose.
func withoutIDs[T any](list []T, clear func(*T)) []T {
	out := slices.Clone(list)
	for i := range out {
		clear(&out[i])
	}
	return out
}

func clearMedicationID(m *catalogMedication) { m.ID = 0 }

func clearSummaryID(s *catalogSummary) { s.ID = 0 }

// wantMedicationPage checks a medication list against the reference list
// name: the same count, no neighbour pages, and the same rows in the same
// order, ids aside.
func wantMedicationPage(t *testing.T, raw []byte, name string) {
	t.Helper()
	got := decode[page[catalogMedication]](t, raw)
	want := referenceBody[page[catalogMedication]](t, name)
	if got.Count != want.Count || got.Next != nil || got.Previous != nil {
		t.Errorf("count %d, next %v, previous %v; want count %d and no other page as in %s",
			got.Count, got.Next, got.Previous, want.Count, name)
	}
	g := withoutIDs(got.Results, clearMedicationID)
	w := withoutIDs(want.Results, clearMedicationID)
	if !slices.Equal(g, w) {
		t.Errorf("results, ids aside:\n%+v\nwant as in %s:\n%+v", g, name, w)
	}
}

// TestReferenceCatalogMedicationLifecycle follows one medication from its
// creation to its withdrawal, as the captures did: medications_create_ok,
// medications_patch_ok, medications_put_ok, medications_delete_soft,
// medications_detail_after_delete, medications_list_after_delete, and
// medications_detail_404 for an id that never existed.
func TestReferenceCatalogMedicationLifecycle(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		w := newRxWorld(t, st)
		ts := w.ts
		status, _, raw := ts.do(t, "GET", catalogMedications+"999999/", ts.doctor.access, nil)
		wantBodyOf(t, status, raw, "medications_detail_404")

		status, _, raw = ts.do(t, "POST", catalogMedications, ts.nurse.access,
			kv{"name": "Capturol", "form": "tablet", "strength": "10 mg"})
		wantShapeOf(t, status, raw, "medications_create_ok")
		id := decode[catalogMedication](t, raw).ID
		wantBodyWithID(t, status, raw, "medications_create_ok", id)
		path := fmt.Sprintf("%s%d/", catalogMedications, id)

		status, _, raw = ts.do(t, "PATCH", path, ts.doctor.access, kv{"strength": "20 mg"})
		wantShapeOf(t, status, raw, "medications_patch_ok")
		wantBodyWithID(t, status, raw, "medications_patch_ok", id)

		status, _, raw = ts.do(t, "PUT", path, ts.doctor.access,
			kv{"name": "Capturol", "form": "syrup", "strength": "5 mg/5 mL", "is_active": true})
		wantShapeOf(t, status, raw, "medications_put_ok")
		wantBodyWithID(t, status, raw, "medications_put_ok", id)
		// The detail reads back what the PUT answered.
		status, _, raw = ts.do(t, "GET", path, ts.doctor.access, nil)
		wantBodyWithID(t, status, raw, "medications_put_ok", id)

		rx := catalogCreate(t, ts, ts.doctor, "/api/prescriptions/",
			kv{"patient": w.patient, "items": []any{kv{"medication": id, "dosage": "5 mL"}}})

		status, _, raw = ts.do(t, "DELETE", path, ts.doctor.access, nil)
		wantNoContentOf(t, status, raw, "medications_delete_soft")
		status, _, raw = ts.do(t, "GET", path, ts.doctor.access, nil)
		wantBodyOf(t, status, raw, "medications_detail_after_delete")
		status, _, raw = ts.do(t, "GET", catalogMedications+"?search=Capturol",
			ts.doctor.access, nil)
		wantBodyOf(t, status, raw, "medications_list_after_delete")

		wantPrescribedWithdrawn(t, ts, rx, catalogMedication{ID: id, Name: "Capturol",
			Form: "syrup", Strength: "5 mg/5 mL", IsActive: false})
	})
}

// wantPrescribedWithdrawn checks, as API.md says of DELETE medications/{id}/
// ("deactivates, never deletes"), that prescription rx still shows its one
// line's medication, now inactive, as want.
func wantPrescribedWithdrawn(t *testing.T, ts *testServer, rx int64, want catalogMedication) {
	t.Helper()
	status, _, raw := ts.do(t, "GET", fmt.Sprintf("/api/prescriptions/%d/", rx),
		ts.doctor.access, nil)
	if status != http.StatusOK {
		t.Fatalf("prescription %d after its medication was withdrawn: status %d, want 200; %s",
			rx, status, raw)
	}
	detail := decode[struct {
		Items []struct{ Medication catalogMedication }
	}](t, raw)
	if len(detail.Items) != 1 || detail.Items[0].Medication != want {
		t.Errorf("prescription %d lines = %+v, want one line of %+v", rx, detail.Items, want)
	}
}

// TestReferenceCatalogMedicationLists rebuilds the captured formulary (the
// 38 active medications of medications_list_page_size_100, in the order of
// their ids, plus a withdrawn one that the search would find) and checks
// that ?page_size=100 answers it whole and ?search=amox answers the three
// rows of medications_list_search, both in the reference order.
func TestReferenceCatalogMedicationLists(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st)
		formulary := referenceBody[page[catalogMedication]](t, "medications_list_page_size_100")
		byID := slices.Clone(formulary.Results)
		slices.SortFunc(byID, func(a, b catalogMedication) int { return int(a.ID - b.ID) })
		for _, m := range byID {
			catalogCreate(t, ts, ts.nurse, catalogMedications, catalogMedicationBody(m))
		}
		gone := catalogCreate(t, ts, ts.nurse, catalogMedications,
			kv{"name": "Amoxicillin", "form": "tablet", "strength": "1 g"})
		status, _, raw := ts.do(t, "DELETE", fmt.Sprintf("%s%d/", catalogMedications, gone),
			ts.doctor.access, nil)
		wantReply(t, status, raw, http.StatusNoContent, "")

		tests := []struct {
			fixture string
			query   string
		}{
			{"medications_list_page_size_100", "?page_size=100"},
			{"medications_list_search", "?search=amox"},
		}
		for _, tt := range tests {
			t.Run(tt.fixture, func(t *testing.T) {
				status, _, raw := ts.do(t, "GET", catalogMedications+tt.query,
					ts.doctor.access, nil)
				wantShapeOf(t, status, raw, tt.fixture)
				wantMedicationPage(t, raw, tt.fixture)
			})
		}
	})
}

// catalogWorld is the captured template catalogue: the medications its
// detailed template names, and the templates of templates_list.
type catalogWorld struct {
	ts *testServer
	// meds maps a medication's display ("Clarithromycin 500 mg tablet")
	// to our id.
	meds map[string]int64
	// fever is the template of templates_detail.
	fever int64
}

// newCatalogWorld makes the medications of templates_detail and the
// templates of templates_list, the detailed one with its lines.
func newCatalogWorld(t *testing.T, st *store.Store) catalogWorld {
	t.Helper()
	ts := newTestServer(t, st)
	w := catalogWorld{ts: ts, meds: map[string]int64{}}
	for _, m := range []catalogMedication{
		{Name: "Mebendazole", Form: "chewable tablet", Strength: "100 mg"},
		{Name: "Clarithromycin", Form: "tablet", Strength: "500 mg"},
	} {
		display := m.Name + " " + m.Strength + " " + m.Form
		w.meds[display] = catalogCreate(t, ts, ts.nurse, catalogMedications,
			catalogMedicationBody(m))
	}
	detail := referenceBody[catalogDetail](t, "templates_detail")
	// In the order of the reference ids, so that the list's order by name
	// is not also the order of creation.
	byID := slices.Clone(referenceBody[page[catalogSummary]](t, "templates_list").Results)
	slices.SortFunc(byID, func(a, b catalogSummary) int { return int(a.ID - b.ID) })
	for _, s := range byID {
		body := kv{"name": s.Name, "name_fr": s.NameFr, "description": s.Description,
			"description_fr": s.DescriptionFr, "is_active": s.IsActive}
		if s.Name == detail.Name {
			body["items"] = w.lines(t, detail.Items)
		}
		id := catalogCreate(t, ts, ts.doctor, catalogTemplates, body)
		if s.Name == detail.Name {
			w.fever = id
		}
	}
	if w.fever == 0 {
		t.Fatalf("templates_list lacks %q, the template of templates_detail", detail.Name)
	}
	return w
}

// lines turns reference detail lines into write lines over our medications.
func (w catalogWorld) lines(t *testing.T, ref []catalogLine) []any {
	t.Helper()
	out := make([]any, len(ref))
	for i, l := range ref {
		med, ok := w.meds[l.MedicationDisplay]
		if !ok {
			t.Fatalf("no medication made for %q", l.MedicationDisplay)
		}
		out[i] = kv{"medication": med, "dosage": l.Dosage, "route": l.Route,
			"frequency": l.Frequency, "duration": l.Duration, "instructions": l.Instructions}
	}
	return out
}

// wantTemplatePage checks our template list against the reference list
// name: the same count, no neighbour pages, the same summaries in the same
// order, ids aside.
func (w catalogWorld) wantTemplatePage(t *testing.T, name string) {
	t.Helper()
	status, _, raw := w.ts.do(t, "GET", catalogTemplates, w.ts.doctor.access, nil)
	wantShapeOf(t, status, raw, name)
	got := decode[page[catalogSummary]](t, raw)
	want := referenceBody[page[catalogSummary]](t, name)
	if got.Count != want.Count || got.Next != nil || got.Previous != nil {
		t.Errorf("count %d, next %v, previous %v; want count %d and no other page as in %s",
			got.Count, got.Next, got.Previous, want.Count, name)
	}
	g := withoutIDs(got.Results, clearSummaryID)
	wr := withoutIDs(want.Results, clearSummaryID)
	if !slices.Equal(g, wr) {
		t.Errorf("results, ids aside:\n%+v\nwant as in %s:\n%+v", g, name, wr)
	}
}

// TestReferenceCatalogTemplateList checks templates_list: every template,
// the inactive one too, by name.
func TestReferenceCatalogTemplateList(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		newCatalogWorld(t, st).wantTemplatePage(t, "templates_list")
	})
}

// TestReferenceCatalogTemplateDetail checks templates_detail: the template
// with its lines, each naming its medication by id and by display.
func TestReferenceCatalogTemplateDetail(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		w := newCatalogWorld(t, st)
		status, _, raw := w.ts.do(t, "GET", fmt.Sprintf("%s%d/", catalogTemplates, w.fever),
			w.ts.doctor.access, nil)
		wantShapeOf(t, status, raw, "templates_detail")
		got := decode[catalogDetail](t, raw)
		want := referenceBody[catalogDetail](t, "templates_detail")
		want.ID = w.fever
		if len(got.Items) != len(want.Items) {
			t.Fatalf("%d lines, want %d as in templates_detail; body %s",
				len(got.Items), len(want.Items), raw)
		}
		for i := range want.Items {
			want.Items[i].ID = got.Items[i].ID
			want.Items[i].Medication = w.meds[want.Items[i].MedicationDisplay]
		}
		if got.catalogSummary != want.catalogSummary || !slices.Equal(got.Items, want.Items) {
			t.Errorf("detail, line ids aside:\n%+v\nwant as in templates_detail:\n%+v", got, want)
		}
	})
}

// TestReferenceCatalogTemplateWrites replays the captured writes after the
// list: a nurse makes a template without items (templates_create_no_items;
// the original asks only for a signed-in account), a doctor deletes another
// (templates_delete), and the list then reads as templates_list_format_suffix
// does.
func TestReferenceCatalogTemplateWrites(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		w := newCatalogWorld(t, st)
		ts := w.ts
		status, _, raw := ts.do(t, "POST", catalogTemplates, ts.nurse.access,
			kv{"name": "No items"})
		wantShapeOf(t, status, raw, "templates_create_no_items")
		id := decode[catalogSummary](t, raw).ID
		wantBodyWithID(t, status, raw, "templates_create_no_items", id)

		capture := catalogCreate(t, ts, ts.doctor, catalogTemplates, kv{
			"name": "Capture template", "name_fr": "Modèle capture",
			"items": []any{kv{"medication": w.meds["Clarithromycin 500 mg tablet"]}},
		})
		path := fmt.Sprintf("%s%d/", catalogTemplates, capture)
		status, _, raw = ts.do(t, "DELETE", path, ts.doctor.access, nil)
		wantNoContentOf(t, status, raw, "templates_delete")
		status, _, raw = ts.do(t, "GET", path, ts.doctor.access, nil)
		wantBodyOf(t, status, raw, "templates_detail_404")

		w.wantTemplatePage(t, "templates_list_format_suffix")
	})
}

// TestReferenceCatalogFormatSuffix covers the path of
// templates_list_format_suffix, GET /api/prescriptions/templates.json. The
// original framework answered it as the list (its note: clinicflow need not
// offer it); API.md gives every route one canonical path ending in "/",
// accepted without the slash too, and nothing else, so we answer an unknown
// path: 404 {"detail": "Not found."}. The list itself is held to that
// fixture's body in TestReferenceCatalogTemplateWrites.
func TestReferenceCatalogFormatSuffix(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		w := newCatalogWorld(t, st)
		for _, path := range []string{
			"/api/prescriptions/templates.json",
			"/api/prescriptions/templates.json/",
			"/api/prescriptions/medications.json",
		} {
			status, _, raw := w.ts.do(t, "GET", path, w.ts.doctor.access, nil)
			wantReply(t, status, raw, http.StatusNotFound, `{"detail": "Not found."}`)
		}
	})
}
