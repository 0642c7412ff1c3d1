package store_test

import (
	"bytes"
	"errors"
	"reflect"
	"strconv"
	"testing"

	"clinicflow/clinic"
	"clinicflow/store"
	"clinicflow/store/storetest"
)

// pdfBytes is the start of a PDF and enough bytes after it to span pages.
var pdfBytes = append([]byte("%PDF-1.4\n"), bytes.Repeat([]byte{0, 0xFF, '\n'}, 20000)...)

// newFile returns a lab result of the patient, uploaded by the user.
func newFile(patientID int64, by *clinic.User) *clinic.PatientFile {
	f := &clinic.PatientFile{PatientID: patientID, OriginalFilename: "cbc result.pdf",
		Type: clinic.TypePDF, Category: clinic.CategoryLabResult, Description: "CBC result"}
	if by != nil {
		f.UploadedBy = &by.ID
	}
	return f
}

// createFile keeps f with content and no audit event, and returns it.
func createFile(t *testing.T, s *store.Store, f *clinic.PatientFile,
	content []byte) *clinic.PatientFile {
	t.Helper()
	if err := s.CreatePatientFile(t.Context(), f, content, nil); err != nil {
		t.Fatalf("CreatePatientFile(%s): %v", f.OriginalFilename, err)
	}
	return f
}

func TestPatientFileRoundTrip(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		fixedClock(s)
		ada := createUser(t, s, "ada")
		p := createPatient(t, s, newPatient("Zoé", "Lefèvre-Nguyễn"))

		f := createFile(t, s, newFile(p.ID, ada), pdfBytes)
		want := clinic.PatientFile{
			ID:               f.ID,
			PatientID:        p.ID,
			OriginalFilename: "cbc result.pdf",
			Size:             int64(len(pdfBytes)),
			Type:             clinic.TypePDF,
			Category:         clinic.CategoryLabResult,
			Description:      "CBC result",
			UploadedBy:       &ada.ID,
			UploadedByName:   "Ada Lovelace",
			UploadedAt:       epoch,
		}
		if f.ID <= 0 || !reflect.DeepEqual(*f, want) {
			t.Errorf("created\n got %+v\nwant %+v", *f, want)
		}
		got, err := s.PatientFile(t.Context(), p.ID, f.ID)
		if err != nil || !reflect.DeepEqual(*got, want) {
			t.Errorf("PatientFile = %+v, %v\nwant %+v", got, err, want)
		}
		got, content, err := s.PatientFileContent(t.Context(), p.ID, f.ID)
		if err != nil || !reflect.DeepEqual(*got, want) || !bytes.Equal(content, pdfBytes) {
			t.Errorf("PatientFileContent = %+v, %d bytes, %v; want %+v and the %d bytes kept",
				got, len(content), err, want, len(pdfBytes))
		}
	})
}

func TestPatientFileUploaderName(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		p := createPatient(t, s, newPatient("Zoé", "Dupont"))
		plain := newUser("plain")
		plain.FirstName, plain.LastName = "", ""
		if err := s.CreateUser(t.Context(), plain); err != nil {
			t.Fatal(err)
		}
		gone := createUser(t, s, "gone")
		tests := []struct {
			name     string
			by       *clinic.User
			wantName string
			wantBy   bool
		}{
			{"no names: the username", plain, "plain", true},
			{"account deleted", gone, "", false},
			{"no uploader", nil, "", false},
		}
		files := make([]*clinic.PatientFile, len(tests))
		for i, tt := range tests {
			files[i] = createFile(t, s, newFile(p.ID, tt.by), pdfBytes)
		}
		exec(t, s, "DELETE FROM users WHERE id = ?", gone.ID)
		for i, tt := range tests {
			got, err := s.PatientFile(t.Context(), p.ID, files[i].ID)
			if err != nil {
				t.Fatal(err)
			}
			if got.UploadedByName != tt.wantName || (got.UploadedBy != nil) != tt.wantBy {
				t.Errorf("%s: uploaded by %v named %q, want %q (an id: %v)",
					tt.name, got.UploadedBy, got.UploadedByName, tt.wantName, tt.wantBy)
			}
		}
	})
}

func TestPatientFileOfAnotherPatientIsNotFound(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		zoe := createPatient(t, s, newPatient("Zoé", "Dupont"))
		marc := createPatient(t, s, newPatient("Marc", "Martin"))
		f := createFile(t, s, newFile(zoe.ID, nil), pdfBytes)
		moved := *f
		moved.PatientID, moved.Description = marc.ID, "stolen"

		ctx := t.Context()
		_, err1 := s.PatientFile(ctx, marc.ID, f.ID)
		_, _, err2 := s.PatientFileContent(ctx, marc.ID, f.ID)
		err3 := s.UpdatePatientFile(ctx, &moved, nil)
		err4 := s.DeletePatientFile(ctx, marc.ID, f.ID, nil)
		for i, err := range []error{err1, err2, err3, err4} {
			if !errors.Is(err, store.ErrNotFound) {
				t.Errorf("call %d through another patient: %v, want ErrNotFound", i+1, err)
			}
		}
		got, err := s.PatientFile(ctx, zoe.ID, f.ID)
		if err != nil || got.Description != "CBC result" {
			t.Errorf("the file after those attempts: %+v, %v; want it unchanged", got, err)
		}
	})
}

// fileEvent is an audit event of a change to a patient file.
func fileEvent(action string) *clinic.AuditEvent {
	return &clinic.AuditEvent{Action: action, Resource: "patient_file",
		Outcome: clinic.OutcomeSuccess, Status: 200}
}

// wantFileEvent checks that the patient's audit trail holds exactly one
// event: action on the file.
func wantFileEvent(t *testing.T, s *store.Store, patientID int64, action string, fileID int64) {
	t.Helper()
	events, err := s.AuditEvents(t.Context(), store.AuditFilter{PatientID: patientID}, 10, 0)
	if err != nil || len(events) != 1 {
		t.Fatalf("audit events of patient %d: %+v, %v; want one", patientID, events, err)
	}
	ev := events[0]
	if ev.Action != action || ev.Resource != "patient_file" ||
		ev.ResourceID != strconv.FormatInt(fileID, 10) {
		t.Errorf("audit event %+v, want %s of patient_file %d", ev, action, fileID)
	}
}

func TestCreatePatientFileForUnknownPatient(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		err := s.CreatePatientFile(t.Context(), newFile(999, nil), pdfBytes, fileEvent("create"))
		if !errors.Is(err, store.ErrNotFound) {
			t.Errorf("CreatePatientFile for patient 999: %v, want ErrNotFound", err)
		}
		if n := count(t, s, "SELECT COUNT(*) FROM patient_files"); n != 0 {
			t.Errorf("%d files kept, want 0", n)
		}
		if n := count(t, s, "SELECT COUNT(*) FROM audit_events"); n != 0 {
			t.Errorf("%d audit events for a failed upload, want 0", n)
		}
		if _, err := s.CountPatientFiles(t.Context(), 999); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("CountPatientFiles(999): %v, want ErrNotFound", err)
		}
	})
}

func TestListPatientFilesNewestFirst(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		tickingClock(s)
		zoe := createPatient(t, s, newPatient("Zoé", "Dupont"))
		marc := createPatient(t, s, newPatient("Marc", "Martin"))
		var ids []int64
		for range 5 {
			ids = append(ids, createFile(t, s, newFile(zoe.ID, nil), pdfBytes).ID)
		}
		createFile(t, s, newFile(marc.ID, nil), pdfBytes)

		if n, err := s.CountPatientFiles(t.Context(), zoe.ID); n != 5 || err != nil {
			t.Errorf("CountPatientFiles = %d, %v; want 5", n, err)
		}
		tests := []struct {
			limit, offset int
			want          []int64
		}{
			{10, 0, []int64{ids[4], ids[3], ids[2], ids[1], ids[0]}},
			{2, 0, []int64{ids[4], ids[3]}},
			{2, 4, []int64{ids[0]}},
			{2, 6, []int64{}},
		}
		for _, tt := range tests {
			list, err := s.ListPatientFiles(t.Context(), zoe.ID, tt.limit, tt.offset)
			if err != nil {
				t.Fatal(err)
			}
			got := []int64{}
			for _, f := range list {
				got = append(got, f.ID)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("ListPatientFiles(limit %d, offset %d) = %v, want %v",
					tt.limit, tt.offset, got, tt.want)
			}
		}
	})
}

func TestUpdatePatientFileChangesCategoryAndDescriptionOnly(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		p := createPatient(t, s, newPatient("Zoé", "Dupont"))
		f := createFile(t, s, newFile(p.ID, nil), pdfBytes)
		want := *f
		want.Category, want.Description = clinic.CategoryImaging, "X-ray, left wrist"

		changed := want
		changed.OriginalFilename, changed.Type, changed.Size = "other.png", clinic.TypePNG, 1
		if err := s.UpdatePatientFile(t.Context(), &changed, fileEvent("update")); err != nil {
			t.Fatal(err)
		}
		got, content, err := s.PatientFileContent(t.Context(), p.ID, f.ID)
		if err != nil || !reflect.DeepEqual(*got, want) || !bytes.Equal(content, pdfBytes) {
			t.Errorf("after update: %+v, %d bytes, %v; want %+v with its bytes",
				got, len(content), err, want)
		}
		wantFileEvent(t, s, p.ID, "update", f.ID)
	})
}

func TestDeletePatientFileTakesItsBytes(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		p := createPatient(t, s, newPatient("Zoé", "Dupont"))
		f := createFile(t, s, newFile(p.ID, nil), pdfBytes)
		kept := createFile(t, s, newFile(p.ID, nil), pdfBytes)
		if err := s.DeletePatientFile(t.Context(), p.ID, f.ID, fileEvent("delete")); err != nil {
			t.Fatal(err)
		}
		_, err := s.PatientFile(t.Context(), p.ID, f.ID)
		if !errors.Is(err, store.ErrNotFound) {
			t.Errorf("PatientFile after delete: %v, want ErrNotFound", err)
		}
		if n := count(t, s, "SELECT COUNT(*) FROM patient_files WHERE id = ?", f.ID); n != 0 {
			t.Errorf("%d rows of the deleted file left, want 0", n)
		}
		err = s.DeletePatientFile(t.Context(), p.ID, f.ID, nil)
		if !errors.Is(err, store.ErrNotFound) {
			t.Errorf("deleting twice: %v, want ErrNotFound", err)
		}
		if _, err := s.PatientFile(t.Context(), p.ID, kept.ID); err != nil {
			t.Errorf("the other file: %v, want it kept", err)
		}
		wantFileEvent(t, s, p.ID, "delete", f.ID)
	})
}

func TestCreatePatientFileRecordsAuditEvent(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		p := createPatient(t, s, newPatient("Zoé", "Dupont"))
		f := newFile(p.ID, nil)
		if err := s.CreatePatientFile(t.Context(), f, pdfBytes, fileEvent("create")); err != nil {
			t.Fatal(err)
		}
		wantFileEvent(t, s, p.ID, "create", f.ID)
	})
}

func TestDeletingPatientDeletesItsFiles(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		p := createPatient(t, s, newPatient("Zoé", "Dupont"))
		createFile(t, s, newFile(p.ID, nil), pdfBytes)
		exec(t, s, "DELETE FROM patients WHERE id = ?", p.ID)
		if n := count(t, s, "SELECT COUNT(*) FROM patient_files"); n != 0 {
			t.Errorf("%d files left after their patient, want 0", n)
		}
	})
}
