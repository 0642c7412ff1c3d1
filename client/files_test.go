package client_test

import (
	"bytes"
	"io"
	"strings"
	"testing"

	"clinicflow/client"
	"clinicflow/clinic"
)

// samplePDF is a small file the server takes for a PDF, with bytes of
// every value so that a byte lost or changed on the way shows.
func samplePDF() []byte {
	b := []byte("%PDF-1.7\n")
	for i := range 3000 {
		b = append(b, byte(i*7))
	}
	return b
}

func TestUploadAndDownloadAFile(t *testing.T) {
	s := newServer(t)
	c := s.signIn(t, "drhouse")
	p := newPatient(t, c, "Zoé", "Lefèvre")
	data := samplePDF()
	f, err := c.UploadFile(t.Context(), p.ID, "Résultats sanguins.pdf", bytes.NewReader(data),
		clinic.CategoryLabResult, "NFS du 5 janvier")
	if err != nil {
		t.Fatal(err)
	}
	if f.PatientID != p.ID || f.OriginalFilename != "Résultats sanguins.pdf" ||
		f.Size != int64(len(data)) || f.Type != clinic.TypePDF ||
		f.Category != clinic.CategoryLabResult || f.Description != "NFS du 5 janvier" ||
		!strings.HasSuffix(f.URL, "/download/") {
		t.Errorf("UploadFile = %+v", f)
	}

	got, name, err := c.DownloadFile(t.Context(), p.ID, f.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, data) || name != "Résultats sanguins.pdf" {
		t.Errorf("DownloadFile: %d bytes named %q, want the %d bytes uploaded, named as uploaded",
			len(got), name, len(data))
	}

	f, err = c.UpdateFile(t.Context(), p.ID, f.ID,
		client.FileFields{Category: client.String(clinic.CategoryImaging)})
	if err != nil || f.Category != clinic.CategoryImaging || f.Description != "NFS du 5 janvier" {
		t.Errorf("UpdateFile = %+v, %v; want the category changed, the description kept", f, err)
	}
	one, err := c.File(t.Context(), p.ID, f.ID)
	if err != nil || one.Category != clinic.CategoryImaging {
		t.Errorf("File = %+v, %v", one, err)
	}

	if err := c.DeleteFile(t.Context(), p.ID, f.ID); err != nil {
		t.Fatal(err)
	}
	_, _, err = c.DownloadFile(t.Context(), p.ID, f.ID)
	if status, _ := refusal(err); status != 404 {
		t.Errorf("DownloadFile after delete: %v, want 404", err)
	}
}

func TestListFiles(t *testing.T) {
	s := newServer(t)
	c := s.signIn(t, "drhouse")
	p := newPatient(t, c, "Zoé", "Lefèvre")
	other := newPatient(t, c, "Marc", "Dupont")
	var ids []int64
	for _, name := range []string{"a.pdf", "b.pdf", "c.pdf"} {
		f, err := c.UploadFile(t.Context(), p.ID, name, bytes.NewReader(samplePDF()), "", "")
		if err != nil {
			t.Fatal(err)
		}
		if f.Category != clinic.CategoryOther {
			t.Errorf("%s: category %q, want other by default", name, f.Category)
		}
		ids = append(ids, f.ID)
	}

	list, err := client.All(c.Files(t.Context(), p.ID))
	if err != nil || len(list) != 3 || list[0].OriginalFilename != "c.pdf" ||
		list[2].OriginalFilename != "a.pdf" {
		t.Errorf("Files = %+v, %v; want c, b, a (newest first)", list, err)
	}
	page, err := c.ListFiles(t.Context(), p.ID, client.ListOptions{Page: 1, PageSize: 2})
	if err != nil || page.Count != 3 || len(page.Results) != 2 || page.Next == nil {
		t.Errorf("ListFiles page 1 of 2 = %+v, %v", page, err)
	}
	if list, err := client.All(c.Files(t.Context(), other.ID)); err != nil || len(list) != 0 {
		t.Errorf("another patient's files = %+v, %v; want none", list, err)
	}
	_, err = c.File(t.Context(), other.ID, ids[0])
	if status, _ := refusal(err); status != 404 {
		t.Errorf("a file asked for under another patient: %v, want 404", err)
	}
}

func TestUploadRefusals(t *testing.T) {
	s := newServer(t)
	c := s.signIn(t, "drhouse")
	p := newPatient(t, c, "Zoé", "Lefèvre")

	text := strings.NewReader("plain text, not a PDF")
	_, err := c.UploadFile(t.Context(), p.ID, "notes.pdf", text, "", "")
	if status, field := refusal(err); status != 400 || field != "file" {
		t.Errorf("a text file named .pdf: %v, want 400 on file", err)
	}
	_, err = c.UploadFile(t.Context(), p.ID, "a.pdf", bytes.NewReader(samplePDF()), "x-ray", "")
	if status, field := refusal(err); status != 400 || field != "category" {
		t.Errorf("an unknown category: %v, want 400 on category", err)
	}

	// A file over the limit is read no further than one byte past it,
	// and the server refuses it.
	big := &countingReader{r: io.MultiReader(strings.NewReader("%PDF-1.7\n"), zeros{})}
	_, err = c.UploadFile(t.Context(), p.ID, "huge.pdf", big, "", "")
	if status, _ := refusal(err); status != 413 {
		t.Errorf("a file over 10 MiB: %v, want 413", err)
	}
	if big.n > clinic.MaxFileSize+1 {
		t.Errorf("read %d bytes of an endless file, want at most %d", big.n, clinic.MaxFileSize+1)
	}
}

// An upload refused for its access token is sent again, whole, once the
// token is renewed.
func TestUploadIsResentAfterARenewal(t *testing.T) {
	s := newServer(t)
	signed := s.signIn(t, "drhouse")
	p := newPatient(t, signed, "Zoé", "Lefèvre")
	_, refresh := signed.Tokens()
	c, _ := client.New(s.URL, client.WithTokens("not-a-token", refresh))
	data := samplePDF()
	f, err := c.UploadFile(t.Context(), p.ID, "a.pdf", bytes.NewReader(data), "", "")
	if err != nil || f.Size != int64(len(data)) {
		t.Fatalf("UploadFile with a refused access token = %+v, %v", f, err)
	}
	got, _, err := c.DownloadFile(t.Context(), p.ID, f.ID)
	if err != nil || !bytes.Equal(got, data) {
		t.Errorf("the file sent again: %d bytes, %v; want the %d bytes uploaded",
			len(got), err, len(data))
	}
}

// zeros is an endless file of zero bytes.
type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

// countingReader counts the bytes read from r.
type countingReader struct {
	r io.Reader
	n int
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += n
	return n, err
}
