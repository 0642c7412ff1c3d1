package client_test

import (
	"encoding/json"
	"errors"
	"testing"
	"time"

	"clinicflow/client"
)

func TestAuditTrail(t *testing.T) {
	s := newServer(t)
	doctor := s.signIn(t, "drhouse")
	p := newPatient(t, doctor, "Zoé", "Lefèvre")
	if err := doctor.DeletePatient(t.Context(), p.ID); err != nil {
		t.Fatalf("DeletePatient: %v", err)
	}
	if got, err := doctor.Patient(t.Context(), p.ID); err != nil || got.IsActive {
		t.Errorf("after DeletePatient: %+v, %v; want the patient kept, archived", got, err)
	}

	admin := s.signIn(t, "admin1")
	// Reads are recorded in the background: wait for the trail to settle.
	var events []string
	for range 100 {
		all, err := client.All(admin.AuditEvents(t.Context(), client.AuditQuery{PatientID: p.ID}))
		if err != nil {
			t.Fatal(err)
		}
		events = events[:0]
		for _, e := range all {
			events = append(events, e.Action)
		}
		if len(events) >= 3 {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	// Newest first: the read after the archive, the archive, the creation.
	if len(events) != 3 || events[1] != "archive" || events[2] != "create" {
		t.Errorf("the patient's audit events = %v, want [read archive create]", events)
	}
	page, err := admin.ListAudit(t.Context(), client.AuditQuery{Since: time.Now().Add(time.Hour)}, client.ListOptions{})
	if err != nil || page.Count != 0 {
		t.Errorf("ListAudit since an hour from now = %+v, %v; want none", page, err)
	}

	var apiErr *client.Error
	if _, err := doctor.ListAudit(t.Context(), client.AuditQuery{}, client.ListOptions{}); !errors.As(err, &apiErr) || apiErr.Status != 403 {
		t.Errorf("ListAudit as a doctor: %v, want 403", err)
	}
}

func TestReadyAndSchema(t *testing.T) {
	s := newServer(t)
	c, err := client.New(s.URL)
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Ready(t.Context()); err != nil {
		t.Errorf("Ready: %v", err)
	}
	doc, err := c.Schema(t.Context())
	if err != nil {
		t.Fatalf("Schema, signed out: %v", err)
	}
	var schema struct {
		OpenAPI string         `json:"openapi"`
		Paths   map[string]any `json:"paths"`
	}
	if err := json.Unmarshal(doc, &schema); err != nil || schema.OpenAPI != "3.1.0" || schema.Paths["/api/audit/"] == nil {
		t.Errorf("Schema = openapi %q with %d paths (%v); want 3.1.0 describing /api/audit/",
			schema.OpenAPI, len(schema.Paths), err)
	}
	s.Store.Close()
	if err := c.Ready(t.Context()); err == nil {
		t.Error("Ready with the database closed: nil, want an error")
	}
}
