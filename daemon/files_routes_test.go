package daemon

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"clinicflow/store"
	"clinicflow/store/storetest"
)

// pdfOfSize returns a PDF of exactly n bytes.
func pdfOfSize(n int) []byte {
	data := bytes.Repeat([]byte{' '}, n)
	copy(data, "%PDF-1.4\n")
	return data
}

func TestFileSizeCap(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st)
		p := ts.createPatient(t, ts.doctor, zoe(nil))
		const tooLarge = `{"detail": "The file is too large: the limit is 10 MiB."}`

		largest := pdfOfSize(10 << 20)
		f := ts.upload(t, p.ID, filePart("largest.pdf", "application/pdf", largest))
		if f.FileSize != 10<<20 {
			t.Errorf("file_size %d, want %d", f.FileSize, 10<<20)
		}
		_, _, raw := ts.do(t, "GET", filesPath(p.ID, f.ID, "download"), ts.doctor.access, nil)
		if !bytes.Equal(raw, largest) {
			t.Errorf("download of the largest file: %d bytes, want the %d sent",
				len(raw), len(largest))
		}

		status, _, raw := ts.sendForm(t, "POST", filesPath(p.ID), ts.doctor.access,
			filePart("over.pdf", "application/pdf", pdfOfSize(10<<20+1)))
		wantReply(t, status, raw, http.StatusRequestEntityTooLarge, tooLarge)

		// A body over the limit without a declared length: the reader stops.
		body, contentType := multipartBody(t,
			field("description", strings.Repeat("x", maxUploadBody)),
			filePart("x.pdf", "application/pdf", testPDF))
		req := ts.request(t, "POST", filesPath(p.ID), ts.doctor.access, nil)
		req.Body, req.ContentLength = io.NopCloser(bytes.NewReader(body)), -1
		req.Header.Set("Content-Type", contentType)
		status, _, raw = ts.send(t, req)
		wantReply(t, status, raw, http.StatusRequestEntityTooLarge, tooLarge)

		status, raw = ts.declareHugeUpload(t, p.ID)
		wantReply(t, status, raw, http.StatusRequestEntityTooLarge, tooLarge)

		if n := countFiles(t, st, p.ID); n != 1 {
			t.Errorf("%d files kept, want only the one of 10 MiB", n)
		}
	})
}

// declareHugeUpload sends the headers of an upload that declares 50 MB and
// no byte of its body: the answer must come without the body.
func (ts *testServer) declareHugeUpload(tb testing.TB, patientID int64) (int, []byte) {
	tb.Helper()
	conn, err := net.Dial("tcp", strings.TrimPrefix(ts.url, "http://"))
	if err != nil {
		tb.Fatal(err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(10 * time.Second))
	fmt.Fprintf(conn, "POST %s HTTP/1.1\r\nHost: %s\r\nAuthorization: Bearer %s\r\n"+
		"Content-Type: multipart/form-data; boundary=b\r\nContent-Length: 50000000\r\n\r\n",
		filesPath(patientID), strings.TrimPrefix(ts.url, "http://"), ts.doctor.access)
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		tb.Fatalf("answer to a declared 50 MB upload: %v", err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		tb.Fatal(err)
	}
	return resp.StatusCode, raw
}

func TestFileDownload(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st)
		p := ts.createPatient(t, ts.doctor, zoe(nil))
		tests := []struct {
			filename, disposition string
		}{
			{"cbc result.pdf", `attachment; filename="cbc result.pdf"`},
			{`say "ah".pdf`, `attachment; filename="say \"ah\".pdf"`},
			{"compte-rendu Zoé.pdf", `attachment; filename="compte-rendu Zo_.pdf"; ` +
				`filename*=UTF-8''compte-rendu%20Zo%C3%A9.pdf`},
			{"Nguyễn 🩺.pdf", `attachment; filename="Nguy_n _.pdf"; ` +
				`filename*=UTF-8''Nguy%E1%BB%85n%20%F0%9F%A9%BA.pdf`},
		}
		for _, tt := range tests {
			t.Run(tt.filename, func(t *testing.T) {
				f := ts.upload(t, p.ID, filePart(tt.filename, "application/pdf", testPDF))
				status, h, raw := ts.do(t, "GET", filesPath(p.ID, f.ID, "download"),
					ts.nurse.access, nil)
				if status != http.StatusOK || !bytes.Equal(raw, testPDF) {
					t.Fatalf("download: %d, %d bytes; want 200 and the %d bytes sent",
						status, len(raw), len(testPDF))
				}
				for name, want := range map[string]string{
					"Content-Type":           "application/pdf",
					"Content-Length":         strconv.Itoa(len(testPDF)),
					"Content-Disposition":    tt.disposition,
					"X-Content-Type-Options": "nosniff",
				} {
					if got := h.Get(name); got != want {
						t.Errorf("%s %q, want %q", name, got, want)
					}
				}
				_, params, err := mime.ParseMediaType(h.Get("Content-Disposition"))
				if err != nil || params["filename"] != tt.filename {
					t.Errorf("a client reads the name %q (%v), want %q",
						params["filename"], err, tt.filename)
				}
			})
		}
	})
}

func TestAttachment(t *testing.T) {
	t.Parallel()
	tests := []struct{ name, want string }{
		{"a.pdf", `attachment; filename="a.pdf"`},
		{`back\slash "quoted".pdf`, `attachment; filename="back\\slash \"quoted\".pdf"`},
		{"tab\there.pdf", `attachment; filename="tab_here.pdf"; filename*=UTF-8''tab%09here.pdf`},
		{"100% (final)*.pdf", `attachment; filename="100% (final)*.pdf"`},
		{"été 100%.pdf", `attachment; filename="_t_ 100%.pdf"; ` +
			`filename*=UTF-8''%C3%A9t%C3%A9%20100%25.pdf`},
	}
	for _, tt := range tests {
		if got := attachment(tt.name); got != tt.want {
			t.Errorf("attachment(%q) = %s, want %s", tt.name, got, tt.want)
		}
	}
}

func TestFileList(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st)
		p := ts.createPatient(t, ts.doctor, zoe(nil))
		other := ts.createPatient(t, ts.doctor, zoe(map[string]any{"first_name": "Marc"}))

		status, _, raw := ts.do(t, "GET", filesPath(p.ID), ts.doctor.access, nil)
		wantShapeOf(t, status, raw, "patient_files_list_empty")
		wantReply(t, status, raw, http.StatusOK,
			`{"count": 0, "next": null, "previous": null, "results": []}`)

		var ids []int64
		for i := range 3 {
			f := ts.upload(t, p.ID, filePart(fmt.Sprintf("f%d.pdf", i), "application/pdf", testPDF))
			ids = append(ids, f.ID)
		}
		ts.upload(t, other.ID, filePart("other.pdf", "application/pdf", testPDF))

		status, _, raw = ts.do(t, "GET", filesPath(p.ID), ts.doctor.access, nil)
		wantShapeOf(t, status, raw, "patient_files_list")
		wantFileIDs(t, raw, ids[2], ids[1], ids[0])
		page := decode[pageJSON[fileJSON]](t, raw)
		if got := page.Results[0]; got.FileURL != ts.url+filesPath(p.ID, ids[2], "download") {
			t.Errorf("file_url %q, want the download route", got.FileURL)
		}

		path := filesPath(p.ID)
		status, _, raw = ts.do(t, "GET", path+"?page_size=2", ts.doctor.access, nil)
		wantReply(t, status, raw, http.StatusOK, "")
		wantFileIDs(t, raw, ids[2], ids[1])
		page = decode[pageJSON[fileJSON]](t, raw)
		wantLink(t, "next", page.Next, ts.url+path+"?page=2&page_size=2")
		status, _, raw = ts.do(t, "GET", path+"?page_size=2&page=2", ts.doctor.access, nil)
		wantReply(t, status, raw, http.StatusOK, "")
		wantFileIDs(t, raw, ids[0])
		page = decode[pageJSON[fileJSON]](t, raw)
		wantLink(t, "previous", page.Previous, ts.url+path+"?page_size=2")
		status, _, raw = ts.do(t, "GET", path+"?page=3&page_size=2", ts.doctor.access, nil)
		wantReply(t, status, raw, http.StatusNotFound, `{"detail": "Invalid page."}`)

		// A patient that does not exist has an empty list, as in the
		// original.
		status, _, raw = ts.do(t, "GET", filesPath(999999), ts.doctor.access, nil)
		wantBodyOf(t, status, raw, "patient_files_list_unknown_patient")
		// An id that is no number still names no route's record.
		status, _, raw = ts.do(t, "GET", "/api/patients/abc/files/", ts.doctor.access, nil)
		wantReply(t, status, raw, http.StatusNotFound, `{"detail": "Not found."}`)
	})
}

// wantFileIDs checks that a page of files lists exactly these ids, in order.
func wantFileIDs(tb testing.TB, raw []byte, want ...int64) {
	tb.Helper()
	var got []int64
	for _, f := range decode[pageJSON[fileJSON]](tb, raw).Results {
		got = append(got, f.ID)
	}
	if !slices.Equal(got, want) {
		tb.Errorf("file ids %v, want %v", got, want)
	}
}

func TestFileDetailAndPatch(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st)
		p := ts.createPatient(t, ts.doctor, zoe(nil))
		f := ts.upload(t, p.ID, field("category", "lab_result"), field("description", "CBC result"),
			filePart("cbc result.pdf", "application/pdf", testPDF))
		path := filesPath(p.ID, f.ID)

		status, _, raw := ts.do(t, "GET", path, ts.nurse.access, nil)
		wantShapeOf(t, status, raw, "patient_files_detail")
		if got := decode[fileJSON](t, raw); !got.same(f) {
			t.Errorf("detail\n got %+v\nwant %+v", got, f)
		}

		status, _, raw = ts.sendForm(t, "PATCH", path, ts.nurse.access,
			field("description", "updated"))
		wantShapeOf(t, status, raw, "patient_files_patch_multipart")
		want := f
		want.Description = "updated"
		if got := decode[fileJSON](t, raw); !got.same(want) {
			t.Errorf("after a multipart PATCH\n got %+v\nwant %+v", got, want)
		}

		status, _, raw = ts.do(t, "PATCH", path, ts.doctor.access, map[string]any{
			"category": "imaging", "description": "X-ray", "original_filename": "evil.exe",
			"file_size": 1, "file_type": "application/x-msdownload", "patient": 999,
			"uploaded_by": nil})
		want.Category, want.Description = "imaging", "X-ray"
		wantReply(t, status, raw, http.StatusOK, "")
		if got := decode[fileJSON](t, raw); !got.same(want) {
			t.Errorf("after a JSON PATCH\n got %+v\nwant %+v: "+
				"only category and description change", got, want)
		}

		status, _, raw = ts.do(t, "GET", filesPath(p.ID, f.ID, "download"), ts.doctor.access, nil)
		if status != http.StatusOK || !bytes.Equal(raw, testPDF) {
			t.Errorf("download after changes: %d, %d bytes; want the bytes uploaded",
				status, len(raw))
		}
	})
}

func TestFilePatchRefused(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st)
		p := ts.createPatient(t, ts.doctor, zoe(nil))
		f := ts.upload(t, p.ID, filePart("cbc result.pdf", "application/pdf", testPDF))
		path := filesPath(p.ID, f.ID)

		refused := []struct {
			body any
			want string
		}{
			{map[string]any{"category": "nonsense"},
				`{"category": ["\"nonsense\" is not a valid choice."]}`},
			{map[string]any{"description": nil},
				`{"description": ["This field may not be null."]}`},
			{map[string]any{"category": ""}, `{"category": ["\"\" is not a valid choice."]}`},
		}
		for _, r := range refused {
			status, _, raw := ts.do(t, "PATCH", path, ts.doctor.access, r.body)
			wantReply(t, status, raw, http.StatusBadRequest, r.want)
		}
		status, _, raw := ts.sendForm(t, "PATCH", path, ts.doctor.access,
			field("category", "bogus"))
		wantReply(t, status, raw, http.StatusBadRequest,
			`{"category": ["\"bogus\" is not a valid choice."]}`)

		status, _, raw = ts.do(t, "GET", path, ts.doctor.access, nil)
		if got := decode[fileJSON](t, raw); status != http.StatusOK || !got.same(f) {
			t.Errorf("after refused changes: %d %+v, want %+v", status, got, f)
		}
	})
}

func TestFileDelete(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st)
		p := ts.createPatient(t, ts.doctor, zoe(nil))
		f := ts.upload(t, p.ID, filePart("cbc result.pdf", "application/pdf", testPDF))
		kept := ts.upload(t, p.ID, filePart("dot.png", "image/png", testPNG(t)))

		status, h, raw := ts.do(t, "DELETE", filesPath(p.ID, f.ID), ts.doctor.access, nil)
		if status != http.StatusNoContent || len(raw) != 0 || h.Get("Content-Type") != "" {
			t.Errorf("delete: %d %q (Content-Type %q), want 204 and no body",
				status, raw, h.Get("Content-Type"))
		}
		status, _, raw = ts.do(t, "GET", filesPath(p.ID, f.ID), ts.doctor.access, nil)
		wantBodyOf(t, status, raw, "patient_files_detail_404")
		status, _, raw = ts.do(t, "GET", filesPath(p.ID, f.ID, "download"), ts.doctor.access, nil)
		wantBodyOf(t, status, raw, "patient_files_download_404")
		status, _, raw = ts.do(t, "DELETE", filesPath(p.ID, f.ID), ts.doctor.access, nil)
		wantReply(t, status, raw, http.StatusNotFound, `{"detail": "Not found."}`)

		if n := countFiles(t, st, p.ID); n != 1 {
			t.Errorf("%d files after the delete, want 1", n)
		}
		if _, _, err := st.PatientFileContent(t.Context(), p.ID, kept.ID); err != nil {
			t.Errorf("the other file: %v, want it kept", err)
		}
	})
}

func TestFileOfAnotherPatientIsNotFound(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st)
		p := ts.createPatient(t, ts.doctor, zoe(nil))
		other := ts.createPatient(t, ts.doctor, zoe(map[string]any{"first_name": "Marc"}))
		f := ts.upload(t, p.ID, filePart("cbc result.pdf", "application/pdf", testPDF))

		status, _, raw := ts.do(t, "GET", filesPath(other.ID, f.ID), ts.doctor.access, nil)
		wantBodyOf(t, status, raw, "patient_files_detail_wrong_patient")
		tests := []struct {
			method, path string
			body         any
		}{
			{"PATCH", filesPath(other.ID, f.ID), map[string]any{"description": "moved"}},
			{"DELETE", filesPath(other.ID, f.ID), nil},
			{"GET", filesPath(other.ID, f.ID, "download"), nil},
			{"GET", filesPath(999999, f.ID), nil},
			{"GET", filesPath(p.ID, "abc"), nil},
			{"GET", filesPath(p.ID, f.ID+1000), nil},
		}
		for _, tt := range tests {
			status, _, raw := ts.do(t, tt.method, tt.path, ts.admin.access, tt.body)
			if status != http.StatusNotFound || !sameJSON(raw, []byte(`{"detail": "Not found."}`)) {
				t.Errorf("%s %s: %d %s, want 404 Not found.", tt.method, tt.path, status, raw)
			}
		}
		status, _, raw = ts.do(t, "GET", filesPath(p.ID, f.ID), ts.doctor.access, nil)
		if got := decode[fileJSON](t, raw); status != http.StatusOK || !got.same(f) {
			t.Errorf("the file after those attempts: %d %+v, want it unchanged", status, got)
		}
	})
}

func TestFilesNeedToken(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st)
		p := ts.createPatient(t, ts.doctor, zoe(nil))
		f := ts.upload(t, p.ID, filePart("cbc result.pdf", "application/pdf", testPDF))

		status, _, raw := ts.do(t, "GET", filesPath(p.ID), "", nil)
		wantBodyOf(t, status, raw, "patient_files_no_token")
		status, _, raw = ts.sendForm(t, "POST", filesPath(p.ID), "",
			filePart("x.pdf", "application/pdf", testPDF))
		wantReply(t, status, raw, http.StatusUnauthorized, noCredentials)
		for _, m := range []string{"GET", "PATCH", "DELETE"} {
			status, _, raw = ts.do(t, m, filesPath(p.ID, f.ID), "", nil)
			wantReply(t, status, raw, http.StatusUnauthorized, noCredentials)
		}
		status, _, raw = ts.do(t, "GET", filesPath(p.ID, f.ID, "download"), "", nil)
		wantReply(t, status, raw, http.StatusUnauthorized, noCredentials)
		if n := countFiles(t, st, p.ID); n != 1 {
			t.Errorf("%d files, want the one uploaded with a token", n)
		}
	})
}

func TestFilesAudited(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st)
		p := ts.createPatient(t, ts.doctor, zoe(nil))
		f := ts.upload(t, p.ID, filePart("cbc result.pdf", "application/pdf", testPDF))
		id := strconv.FormatInt(f.ID, 10)
		steps := []struct {
			method, path string
			body         any
		}{
			{"GET", filesPath(p.ID), nil},
			{"GET", filesPath(p.ID, f.ID), nil},
			{"PATCH", filesPath(p.ID, f.ID), map[string]any{"description": "x"}},
			{"GET", filesPath(p.ID, f.ID, "download"), nil},
			{"DELETE", filesPath(p.ID, f.ID), nil},
			{"GET", filesPath(p.ID, f.ID, "download"), nil},
		}
		// Reads are recorded after their answer, changes with them: settle
		// after each step, so that the trail's order is the steps' order.
		for _, s := range steps {
			ts.do(t, s.method, s.path, ts.nurse.access, s.body)
			ts.settle(t)
		}
		ts.sendForm(t, "POST", filesPath(p.ID), ts.nurse.access,
			filePart("x.txt", "text/plain", []byte("x")))
		ts.settle(t)

		events, err := st.AuditEvents(t.Context(), store.AuditFilter{PatientID: p.ID}, 100, 0)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for i := len(events) - 1; i >= 0; i-- {
			ev := events[i]
			if ev.Resource != "patient_file" {
				continue
			}
			got = append(got, fmt.Sprintf("%s %s %s %d",
				ev.Action, ev.ResourceID, ev.Outcome, ev.Status))
		}
		want := []string{
			"create " + id + " success 201",
			"list  success 200",
			"read " + id + " success 200",
			"update " + id + " success 200",
			"download " + id + " success 200",
			"delete " + id + " success 204",
			"download " + id + " not_found 404",
			"create  invalid 400",
		}
		if !slices.Equal(got, want) {
			t.Errorf("audit trail of the patient's files:\n got %q\nwant %q", got, want)
		}
	})
}

func TestFileRoutesDocumented(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, storetest.Open(t, "sqlite"))
	status, _, raw := ts.do(t, "GET", "/api/schema/", "", nil)
	wantReply(t, status, raw, http.StatusOK, "")
	doc := decode[struct {
		Paths map[string]map[string]struct {
			RequestBody struct{ Content map[string]any } `json:"requestBody"`
			Responses   map[string]struct{ Content map[string]any }
		}
	}](t, raw)
	upload := doc.Paths["/api/patients/{id}/files/"]["post"]
	content := upload.RequestBody.Content
	if _, ok := content["multipart/form-data"]; !ok || len(content) != 1 {
		t.Errorf("upload request body %v, want multipart/form-data alone", content)
	}
	for _, code := range []string{"201", "413", "415"} {
		if _, ok := upload.Responses[code]; !ok {
			t.Errorf("upload: no %s answer documented", code)
		}
	}
	download := doc.Paths["/api/patients/{id}/files/{file_id}/download/"]["get"]
	if _, ok := download.Responses["200"].Content["application/octet-stream"]; !ok {
		t.Errorf("download answer %v, want application/octet-stream",
			download.Responses["200"].Content)
	}
	patch := doc.Paths["/api/patients/{id}/files/{file_id}/"]["patch"]
	if _, ok := patch.RequestBody.Content["application/json"]; !ok {
		t.Errorf("PATCH request body %v, want JSON", patch.RequestBody.Content)
	}
}
