package daemon

import (
	"archive/zip"
	"bytes"
	"fmt"
	"image"
	"image/gif"
	"image/jpeg"
	"image/png"
	"mime/multipart"
	"net/http"
	"net/textproto"
	"strings"
	"testing"

	"clinicflow/store"
	"clinicflow/store/storetest"
)

// fileJSON is a patient file as the API answers it.
type fileJSON struct {
	ID               int64  `json:"id"`
	Patient          int64  `json:"patient"`
	FileURL          string `json:"file_url"`
	OriginalFilename string `json:"original_filename"`
	FileSize         int64  `json:"file_size"`
	FileType         string `json:"file_type"`
	Category         string `json:"category"`
	Description      string `json:"description"`
	UploadedBy       *int64 `json:"uploaded_by"`
	UploadedByName   string `json:"uploaded_by_name"`
	UploadedAt       string `json:"uploaded_at"`
}

// same reports whether two answers describe the same file, field by field.
func (f fileJSON) same(g fileJSON) bool {
	fb, gb := f.UploadedBy, g.UploadedBy
	f.UploadedBy, g.UploadedBy = nil, nil
	return f == g && (fb == nil) == (gb == nil) && (fb == nil || *fb == *gb)
}

// formPart is one part of a multipart form: a text field, or a file.
type formPart struct {
	name, value string
	// file parts: the name the file had, its declared type and its bytes.
	file        bool
	filename    string
	contentType string
	data        []byte
}

// field is a text part of a form.
func field(name, value string) formPart { return formPart{name: name, value: value} }

// filePart is the form's file, with its name and declared type.
func filePart(filename, contentType string, data []byte) formPart {
	return formPart{name: "file", file: true, filename: filename,
		contentType: contentType, data: data}
}

// multipartBody encodes parts as multipart/form-data, as a browser does,
// and returns the body and its Content-Type.
func multipartBody(tb testing.TB, parts ...formPart) ([]byte, string) {
	tb.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	quote := strings.NewReplacer(`\`, `\\`, `"`, `\"`)
	for _, p := range parts {
		h := textproto.MIMEHeader{}
		disposition := fmt.Sprintf(`form-data; name="%s"`, p.name)
		data := []byte(p.value)
		if p.file {
			disposition += fmt.Sprintf(`; filename="%s"`, quote.Replace(p.filename))
			data = p.data
			if p.contentType != "" {
				h.Set("Content-Type", p.contentType)
			}
		}
		h.Set("Content-Disposition", disposition)
		w, err := mw.CreatePart(h)
		if err != nil {
			tb.Fatal(err)
		}
		w.Write(data)
	}
	if err := mw.Close(); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes(), mw.FormDataContentType()
}

// sendForm sends parts as a multipart form.
func (ts *testServer) sendForm(tb testing.TB, method, path, token string,
	parts ...formPart) (int, http.Header, []byte) {
	tb.Helper()
	body, contentType := multipartBody(tb, parts...)
	req := ts.request(tb, method, path, token, body)
	req.Header.Set("Content-Type", contentType)
	return ts.send(tb, req)
}

// upload sends a file as the doctor and fails the test unless it is kept.
func (ts *testServer) upload(tb testing.TB, patientID int64, parts ...formPart) fileJSON {
	tb.Helper()
	status, _, raw := ts.sendForm(tb, "POST", filesPath(patientID), ts.doctor.access, parts...)
	if status != http.StatusCreated {
		tb.Fatalf("upload: status %d, want 201; body %s", status, raw)
	}
	return decode[fileJSON](tb, raw)
}

// filesPath is the path of a patient's files, or of one file and what
// follows it.
func filesPath(patientID int64, rest ...any) string {
	p := fmt.Sprintf("/api/patients/%d/files/", patientID)
	for _, r := range rest {
		p += fmt.Sprint(r) + "/"
	}
	return p
}

// countFiles counts the patient's files through the store.
func countFiles(tb testing.TB, st *store.Store, patientID int64) int {
	tb.Helper()
	n, err := st.CountPatientFiles(tb.Context(), patientID)
	if err != nil {
		tb.Fatalf("CountPatientFiles(%d): %v", patientID, err)
	}
	return n
}

// Test files, each of one allowed type or of none.
var (
	testPDF = append([]byte("%PDF-1.3\n%\x93\x8c\x8b\x9e ReportLab\n"),
		bytes.Repeat([]byte("1 0 obj\n"), 170)...)
	testELF = append([]byte("\x7fELF\x02\x01\x01\x00"), make([]byte, 120)...)
	testMZ  = append([]byte("MZ\x90\x00\x03\x00\x00\x00\x04\x00"), make([]byte, 120)...)
)

// imageOf encodes a 2×2 image with encode.
func imageOf(tb testing.TB, encode func(*bytes.Buffer, image.Image) error) []byte {
	tb.Helper()
	var buf bytes.Buffer
	if err := encode(&buf, image.NewGray(image.Rect(0, 0, 2, 2))); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

func testPNG(tb testing.TB) []byte {
	return imageOf(tb, func(b *bytes.Buffer, m image.Image) error { return png.Encode(b, m) })
}

func testJPEG(tb testing.TB) []byte {
	return imageOf(tb, func(b *bytes.Buffer, m image.Image) error { return jpeg.Encode(b, m, nil) })
}

func testGIF(tb testing.TB) []byte {
	return imageOf(tb, func(b *bytes.Buffer, m image.Image) error { return gif.Encode(b, m, nil) })
}

// zipOf returns a ZIP archive of the named entries: with
// word/document.xml among them, the smallest DOCX a reader would open.
func zipOf(tb testing.TB, names ...string) []byte {
	tb.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, name := range names {
		w, err := zw.Create(name)
		if err != nil {
			tb.Fatal(err)
		}
		fmt.Fprintf(w, `<?xml version="1.0"?><doc name=%q/>`, name)
	}
	if err := zw.Close(); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

func testDOCX(tb testing.TB) []byte {
	return zipOf(tb, "[Content_Types].xml", "_rels/.rels", "word/document.xml")
}

// testDOC is an OLE2 compound file with a WordDocument stream named in
// its directory, as Word 97-2003 writes one.
func testDOC() []byte {
	doc := []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
	doc = append(doc, make([]byte, 504)...)
	for _, r := range "WordDocument" {
		doc = append(doc, byte(r), 0)
	}
	return append(doc, make([]byte, 64)...)
}

// fileTypeRefused is the answer to a file of a refused type.
func fileTypeRefused(typ string) string {
	return `{"file": ["File type '` + typ +
		`' is not allowed. Allowed types: PDF, JPEG, PNG, GIF, DOC, DOCX."]}`
}

func TestFileUpload(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st)
		p := ts.createPatient(t, ts.doctor, zoe(nil))

		status, _, raw := ts.sendForm(t, "POST", filesPath(p.ID), ts.doctor.access,
			field("category", "lab_result"), field("description", "CBC result"),
			filePart("cbc result.pdf", "application/pdf", testPDF))
		wantShapeOf(t, status, raw, "patient_files_upload_ok")
		got := decode[fileJSON](t, raw)
		doctor := ts.doctor.user.ID
		want := fileJSON{
			ID:               got.ID,
			Patient:          p.ID,
			FileURL:          ts.url + filesPath(p.ID, got.ID, "download"),
			OriginalFilename: "cbc result.pdf",
			FileSize:         int64(len(testPDF)),
			FileType:         "application/pdf",
			Category:         "lab_result",
			Description:      "CBC result",
			UploadedBy:       &doctor,
			UploadedByName:   "Test Drhouse",
			UploadedAt:       got.UploadedAt,
		}
		if got.ID <= 0 || !got.same(want) {
			t.Errorf("uploaded\n got %+v\nwant %+v", got, want)
		}
		wantUTC(t, "uploaded_at", got.UploadedAt)

		dot := filePart("dot.png", "image/png", testPNG(t))
		for _, parts := range [][]formPart{{dot}, {field("category", ""), dot}} {
			status, _, raw = ts.sendForm(t, "POST", filesPath(p.ID), ts.nurse.access, parts...)
			wantShapeOf(t, status, raw, "patient_files_upload_default_category")
			if f := decode[fileJSON](t, raw); f.Category != "other" || f.Description != "" ||
				f.UploadedByName != "Test Nurse1" {
				t.Errorf("upload without a category: %+v, want category other, no description", f)
			}
		}
	})
}

func TestFileUploadRefused(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st)
		p := ts.createPatient(t, ts.doctor, zoe(nil))
		const docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
		pdf := filePart("x.pdf", "application/pdf", testPDF)
		named := func(declared string, data []byte) formPart {
			return filePart("report.pdf", declared, data)
		}
		tests := []struct {
			name    string
			parts   []formPart
			fixture string // the reference answer, or
			want    string // our own 400 answer
		}{
			{"bad category", []formPart{field("category", "nonsense"), pdf},
				"patient_files_upload_bad_category", ""},
			{"no file", []formPart{field("category", "other")},
				"patient_files_upload_missing_file", ""},
			{"text", []formPart{field("category", "other"),
				filePart("notes.txt", "text/plain", []byte("hello\n"))},
				"patient_files_upload_bad_type", ""},
			{"ELF renamed .pdf", []formPart{named("application/pdf", testELF)},
				"", fileTypeRefused("application/octet-stream")},
			{"Windows executable renamed .pdf", []formPart{named("application/pdf", testMZ)},
				"", fileTypeRefused("application/octet-stream")},
			{"Windows executable", []formPart{named("application/x-msdownload", testMZ)},
				"", fileTypeRefused("application/x-msdownload")},
			{"script renamed .pdf", []formPart{named("application/pdf", []byte("#!/bin/sh\nls\n"))},
				"", fileTypeRefused("text/plain")},
			{"plain zip named .docx", []formPart{named(docx, zipOf(t, "notes.txt"))},
				"", fileTypeRefused("application/zip")},
			{"undeclared", []formPart{named("", []byte("hello\n"))},
				"", fileTypeRefused("text/plain")},
			{"empty file", []formPart{named("application/pdf", nil)},
				"", `{"file": ["The submitted file is empty."]}`},
			{"file input left empty", []formPart{filePart("", "application/octet-stream", nil)},
				"", `{"file": ["No file was submitted."]}`},
			{"text in the file field", []formPart{field("file", "%PDF-1.4")}, "",
				`{"file": ["The submitted data was not a file. ` +
					`Check the encoding type on the form."]}`},
			{"no file and a bad category", []formPart{field("category", "x")}, "",
				`{"file": ["No file was submitted."], ` +
					`"category": ["\"x\" is not a valid choice."]}`},
			{"null character", []formPart{field("description", "a\x00b"), pdf},
				"", `{"description": ["Not a valid string."]}`},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				status, _, raw := ts.sendForm(t, "POST", filesPath(p.ID), ts.doctor.access,
					tt.parts...)
				if tt.fixture != "" {
					wantBodyOf(t, status, raw, tt.fixture)
					return
				}
				wantReply(t, status, raw, http.StatusBadRequest, tt.want)
			})
		}
		if n := countFiles(t, st, p.ID); n != 0 {
			t.Errorf("%d files kept after refused uploads, want 0", n)
		}
	})
}

func TestFileUploadRefusesOtherBodies(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st)
		p := ts.createPatient(t, ts.doctor, zoe(nil))
		pdf := filePart("x.pdf", "application/pdf", testPDF)

		status, _, raw := ts.do(t, "POST", filesPath(p.ID), ts.doctor.access,
			map[string]any{"category": "other"})
		wantBodyOf(t, status, raw, "patient_files_upload_json_unsupported")
		status, _, raw = ts.sendForm(t, "POST", filesPath(999999), ts.doctor.access, pdf)
		wantBodyOf(t, status, raw, "patient_files_upload_unknown_patient")

		malformed := []struct{ contentType, body, want string }{
			{"multipart/form-data; boundary=b",
				"--b\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\nx",
				"the body ends before its closing boundary"},
			{"multipart/form-data", "--b\r\n", "no boundary in the Content-Type header"},
		}
		for _, m := range malformed {
			req := ts.request(t, "POST", filesPath(p.ID), ts.doctor.access, m.body)
			req.Header.Set("Content-Type", m.contentType)
			status, _, raw = ts.send(t, req)
			wantReply(t, status, raw, http.StatusBadRequest,
				`{"detail": "Multipart form parse error - `+m.want+`"}`)
		}
		status, _, raw = ts.do(t, "POST", filesPath(p.ID), ts.doctor.access, nil)
		wantReply(t, status, raw, http.StatusUnsupportedMediaType,
			`{"detail": "Unsupported media type \"\" in request."}`)

		if n := countFiles(t, st, p.ID); n != 0 {
			t.Errorf("%d files kept after refused uploads, want 0", n)
		}
	})
}

func TestFileUploadSpeaksFrench(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st)
		p := ts.createPatient(t, ts.doctor, zoe(nil))
		body, contentType := multipartBody(t,
			filePart("notes.txt", "text/plain", []byte("hello\n")))
		req := ts.request(t, "POST", filesPath(p.ID), ts.doctor.access, body)
		req.Header.Set("Content-Type", contentType)
		req.Header.Set("Accept-Language", "fr")
		status, _, raw := ts.send(t, req)
		wantReply(t, status, raw, http.StatusBadRequest,
			`{"file": ["Le type de fichier « text/plain » n'est pas autorisé. `+
				`Types autorisés : PDF, JPEG, PNG, GIF, DOC, DOCX."]}`)
	})
}

func TestFileTypeComesFromTheBytes(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st)
		p := ts.createPatient(t, ts.doctor, zoe(nil))
		docx := "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
		tests := []struct {
			name, filename, declared string
			data                     []byte
			want                     string
		}{
			{"PNG named .pdf", "scan.pdf", "application/pdf", testPNG(t), "image/png"},
			{"JPEG", "photo.jpg", "image/jpeg", testJPEG(t), "image/jpeg"},
			{"GIF declared as bytes", "anim.gif", "application/octet-stream", testGIF(t),
				"image/gif"},
			{"DOC", "letter.doc", "application/msword", testDOC(), "application/msword"},
			{"DOCX", "letter.docx", "", testDOCX(t), docx},
			{"PDF declared as text", "cbc.txt", "text/plain", testPDF, "application/pdf"},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				f := ts.upload(t, p.ID, filePart(tt.filename, tt.declared, tt.data))
				if f.FileType != tt.want || f.OriginalFilename != tt.filename ||
					f.FileSize != int64(len(tt.data)) {
					t.Errorf("kept as %+v, want %s named %s", f, tt.want, tt.filename)
				}
				status, h, raw := ts.do(t, "GET", filesPath(p.ID, f.ID, "download"),
					ts.doctor.access, nil)
				if status != http.StatusOK || h.Get("Content-Type") != tt.want ||
					!bytes.Equal(raw, tt.data) {
					t.Errorf("download: %d, Content-Type %q, %d bytes; want 200, %s, "+
						"the bytes sent", status, h.Get("Content-Type"), len(raw), tt.want)
				}
			})
		}
	})
}
