package store_test

import (
	"slices"
	"testing"

	"clinicflow/clinic"
	"clinicflow/store"
	"clinicflow/store/storetest"
)

func TestListPatientsArchived(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		createPatient(t, s, newPatient("Hélène", "Dupont"))
		gone := createPatient(t, s, newPatient("Marc", "Martin"))
		createPatient(t, s, newPatient("Zoé", "Zola"))
		if err := s.SetPatientActive(t.Context(), gone.ID, false, nil); err != nil {
			t.Fatal(err)
		}
		tests := []struct {
			archived bool
			want     []string
		}{
			{false, []string{"Hélène Dupont", "Zoé Zola"}},
			{true, []string{"Hélène Dupont", "Marc Martin", "Zoé Zola"}},
		}
		for _, tt := range tests {
			checkList(t, s, store.PatientFilter{Archived: tt.archived}, tt.want)
		}
	})
}

// checkList checks the patients a filter finds, in the default order, and
// that CountPatients agrees.
func checkList(t *testing.T, s *store.Store, f store.PatientFilter, want []string) {
	t.Helper()
	if got := names(listAll(t, s, f)); !slices.Equal(got, want) {
		t.Errorf("ListPatients(%+v) = %q, want %q", f, got, want)
	}
	n, err := s.CountPatients(t.Context(), f)
	if err != nil || n != len(want) {
		t.Errorf("CountPatients(%+v) = %d, %v; want %d, nil", f, n, err, len(want))
	}
}

// searchPatients are the patients of the search tests, each with
// something to find in a different field.
func searchPatients() []*clinic.Patient {
	helene := newPatient("Hélène", "Dupont")
	helene.Phone, helene.Email = "+33 1 23 45 67 89", "h.dupont@example.fr"
	zoe := newPatient("Zoé", "Lefèvre-Nguyễn")
	zoe.Email, zoe.Address = "zoe_ln@example.com", "3 avenue Foch, Lyon"
	marc := newPatient("Marc", "Martin")
	marc.Address = "Résidence 100% Soleil, Nice"
	helen := newPatient("Helen", "Smith")
	helen.Address = "1 High Street, Paris"
	return []*clinic.Patient{helene, zoe, marc, helen}
}

func TestSearchPatients(t *testing.T) {
	tests := []struct {
		query string
		want  []string
	}{
		{"", []string{"Hélène Dupont", "Zoé Lefèvre-Nguyễn", "Marc Martin",
			"Helen Smith"}},
		{"helene", []string{"Hélène Dupont"}},
		{"HÉLÈNE", []string{"Hélène Dupont"}},
		{"helen", []string{"Hélène Dupont", "Helen Smith"}},
		{"helen paris", []string{"Hélène Dupont", "Helen Smith"}},
		{"helen, lilas", []string{"Hélène Dupont"}},
		{"helen nice", nil},
		{"nguyen", []string{"Zoé Lefèvre-Nguyễn"}},
		{"zoe foch", []string{"Zoé Lefèvre-Nguyễn"}},
		{"45 67", []string{"Hélène Dupont"}},
		{"example.fr", []string{"Hélène Dupont"}},
		{"pt-000003", []string{"Marc Martin"}},
		// LIKE's wildcards and its escape character match only themselves.
		{"%", []string{"Marc Martin"}},
		{"_", []string{"Zoé Lefèvre-Nguyễn"}},
		{`\`, nil},
		{`\%`, nil},
		{`mar\c`, nil},
		{"100%", []string{"Marc Martin"}},
	}
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		for _, p := range searchPatients() {
			createPatient(t, s, p)
		}
		for _, tt := range tests {
			f := store.PatientFilter{Terms: clinic.SearchTerms(tt.query)}
			checkList(t, s, f, tt.want)
		}
	})
}

// createInOrder saves patients named "First Last" one second apart, in the
// order given.
func createInOrder(t *testing.T, s *store.Store, fullNames ...[2]string) {
	t.Helper()
	tickingClock(s)
	for _, n := range fullNames {
		createPatient(t, s, newPatient(n[0], n[1]))
	}
}

func TestListPatientsOrder(t *testing.T) {
	// Folded, durand sorts between Dupont and Ébert; as bytes, it and
	// Ébert would come after Zola.
	byName := []string{"Adèle Dupont", "bruno Dupont", "Émilie Dupont",
		"Ali durand", "Marc Ébert", "Zoé Zola"}
	newestFirst := []string{"Marc Ébert", "Adèle Dupont", "Ali durand",
		"Émilie Dupont", "Zoé Zola", "bruno Dupont"}
	tests := []struct {
		name  string
		order []store.Order
		want  []string
	}{
		{"default", nil, byName},
		{"last_name", []store.Order{{Field: "last_name"}}, []string{
			"bruno Dupont", "Émilie Dupont", "Adèle Dupont", "Ali durand",
			"Marc Ébert", "Zoé Zola"}},
		{"-created_at", []store.Order{{Field: "created_at", Desc: true}}, newestFirst},
		{"patient_code", []store.Order{{Field: "patient_code"}}, []string{
			"bruno Dupont", "Zoé Zola", "Émilie Dupont", "Ali durand",
			"Adèle Dupont", "Marc Ébert"}},
		{"first_name", []store.Order{{Field: "first_name"}}, []string{
			"Adèle Dupont", "Ali durand", "bruno Dupont", "Émilie Dupont",
			"Marc Ébert", "Zoé Zola"}},
		{"-last_name", []store.Order{{Field: "last_name", Desc: true}}, []string{
			"Zoé Zola", "Marc Ébert", "Ali durand", "bruno Dupont",
			"Émilie Dupont", "Adèle Dupont"}},
		{"-last_name,first_name", []store.Order{
			{Field: "last_name", Desc: true}, {Field: "first_name"}}, []string{
			"Zoé Zola", "Marc Ébert", "Ali durand", "Adèle Dupont",
			"bruno Dupont", "Émilie Dupont"}},
		{"unknown", []store.Order{{Field: "shoe_size"}}, byName},
		{"unknown,-created_at", []store.Order{
			{Field: "shoe_size"}, {Field: "created_at", Desc: true}}, newestFirst},
	}
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		createInOrder(t, s, [2]string{"bruno", "Dupont"}, [2]string{"Zoé", "Zola"},
			[2]string{"Émilie", "Dupont"}, [2]string{"Ali", "durand"},
			[2]string{"Adèle", "Dupont"}, [2]string{"Marc", "Ébert"})
		for _, tt := range tests {
			got := names(listAll(t, s, everyone, tt.order...))
			if !slices.Equal(got, tt.want) {
				t.Errorf("order %s:\n got %q\nwant %q", tt.name, got, tt.want)
			}
		}
	})
}

func TestListPatientsPaging(t *testing.T) {
	tests := []struct {
		limit, offset int
		want          []string
	}{
		{2, 0, []string{"Adèle Dupont", "bruno Dupont"}},
		{2, 2, []string{"Lucas durand", "Marc Martin"}},
		{2, 4, []string{"Zoé Zola"}},
		{2, 6, nil},
		{10, 1, []string{"bruno Dupont", "Lucas durand", "Marc Martin", "Zoé Zola"}},
	}
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		createInOrder(t, s, [2]string{"Marc", "Martin"}, [2]string{"Zoé", "Zola"},
			[2]string{"bruno", "Dupont"}, [2]string{"Lucas", "durand"},
			[2]string{"Adèle", "Dupont"})
		for _, tt := range tests {
			ps, err := s.ListPatients(t.Context(), everyone, nil, tt.limit, tt.offset)
			if err != nil {
				t.Fatalf("ListPatients(limit %d, offset %d): %v",
					tt.limit, tt.offset, err)
			}
			if got := names(ps); !slices.Equal(got, tt.want) {
				t.Errorf("limit %d, offset %d: got %q, want %q",
					tt.limit, tt.offset, got, tt.want)
			}
		}
	})
}
