package pdf

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"clinicflow/clinic"
)

func TestNamesInManyScripts(t *testing.T) {
	names := []Patient{
		{FirstName: "Zoé", LastName: "Lefèvre-Nguyễn"},
		{FirstName: "Hans Christian", LastName: "Ørsted"},
		{FirstName: "Łukasz", LastName: "Żółkiewski"},
		{FirstName: "Νικόλαος", LastName: "Παπαδόπουλος"},
		{FirstName: "Дмитрий", LastName: "Иванов"},
		{FirstName: "Zoe\u0301", LastName: "Lefe\u0300vre"}, // combining accents
	}
	for _, patient := range names {
		v := sampleVisit()
		v.Patient = patient
		text := pdfText(t, renderVisit(t, v, frOptions))
		want := clean(patient.FullName())
		if !strings.Contains(text, want) {
			t.Errorf("text lacks %q; got:\n%s", want, text)
		}
	}
}

func TestCharactersOutsideTheFont(t *testing.T) {
	p := samplePrescription()
	p.Notes = "Bon rétablissement 🌞\tà bientôt"
	text := pdfText(t, renderPrescription(t, p, frOptions))
	if !strings.Contains(text, "Bon rétablissement") || !strings.Contains(text, "à bientôt") {
		t.Errorf("notes around an emoji lost; got:\n%s", text)
	}
}

func TestPageSizeIsA4(t *testing.T) {
	docs := map[string][]byte{
		"prescription": renderPrescription(t, samplePrescription(), frOptions),
		"visit":        renderVisit(t, sampleVisit(), frOptions),
	}
	for name, doc := range docs {
		info := poppler(t, "pdfinfo", doc, "{}")
		if !regexp.MustCompile(`Page size:\s+595\.2\d x 841\.8\d pts \(A4\)`).MatchString(info) {
			t.Errorf("%s: want A4 pages; pdfinfo says:\n%s", name, info)
		}
	}
}

func TestFontsAreEmbeddedSubsets(t *testing.T) {
	doc := renderPrescription(t, samplePrescription(), frOptions)
	fonts := poppler(t, "pdffonts", doc, "{}")
	embedded := regexp.MustCompile(`CID TrueType\s+Identity-H\s+yes`)
	if n := len(embedded.FindAllString(fonts, -1)); n != 2 {
		t.Errorf("embedded Unicode fonts: got %d, want 2; pdffonts says:\n%s", n, fonts)
	}
	if max := 100 << 10; len(doc) > max {
		t.Errorf("one-page prescription: got %d bytes, want at most %d "+
			"(are the fonts subset?)", len(doc), max)
	}
}

func TestOutputIsReproducible(t *testing.T) {
	a := renderPrescription(t, samplePrescription(), frOptions)
	b := renderPrescription(t, samplePrescription(), frOptions)
	if !bytes.Equal(a, b) {
		t.Errorf("two renderings of one prescription differ (%d and %d bytes)", len(a), len(b))
	}
}

func TestDatesInClinicZone(t *testing.T) {
	p := samplePrescription() // written at 14:55 UTC, 15:55 in the clinic
	text := pdfText(t, renderPrescription(t, p, frOptions))
	if !strings.Contains(text, "03/11/2025 15:55") || strings.Contains(text, "14:55") {
		t.Errorf("want the clinic's 15:55, not UTC's 14:55; got:\n%s", text)
	}
}

func TestQRModules(t *testing.T) {
	small, err := qrModules("7K3Q-9XW2")
	if err != nil {
		t.Fatal(err)
	}
	large, err := qrModules("https://clinic.example/api/prescriptions/verify/7K3Q-9XW2/")
	if err != nil {
		t.Fatal(err)
	}
	if len(small) != 21 || len(small[0]) != 21 {
		t.Errorf("short code: got %d×%d modules, want 21×21 (version 1, no quiet zone)",
			len(small), len(small[0]))
	}
	if len(large) <= len(small) {
		t.Errorf("URL: got %d modules a side, want more than a short code's %d",
			len(large), len(small))
	}
	finder := []bool{true, true, true, true, true, true, true, false}
	if got := small[0][:8]; !slices.Equal(got, finder) {
		t.Errorf("first row starts %v, want the finder pattern %v", got, finder)
	}
}

// TestQRCodeDecodes reads the printed QR code back with zbarimg, where
// zbar-tools is installed.
func TestQRCodeDecodes(t *testing.T) {
	zbarimg, err := exec.LookPath("zbarimg")
	if err != nil {
		t.Skip("zbarimg not found: install zbar-tools to read the QR code back")
	}
	tests := []struct{ code, url, want string }{
		{"7K3Q-9XW2", "https://clinic.example/v/7K3Q-9XW2/", "https://clinic.example/v/7K3Q-9XW2/"},
		{"7K3Q-9XW2", "", "7K3Q-9XW2"},
	}
	for _, tt := range tests {
		p := samplePrescription()
		p.VerifyCode, p.VerifyURL = tt.code, tt.url
		doc := renderPrescription(t, p, frOptions)
		dir := t.TempDir()
		poppler(t, "pdftoppm", doc, "-png", "-r", "72", "-f", "1", "-l", "1",
			"{}", filepath.Join(dir, "page"))
		out, err := exec.Command(zbarimg, "-q", "--raw", filepath.Join(dir, "page-1.png")).Output()
		if err != nil {
			t.Fatalf("zbarimg: %v", err)
		}
		if got := strings.TrimSpace(string(out)); got != tt.want {
			t.Errorf("QR code reads %q, want %q", got, tt.want)
		}
	}
}

// TestCataloguesHaveEveryID checks that each pdf. message id this
// package uses is in both catalogues.
func TestCataloguesHaveEveryID(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	ids := []string{"pdf.visit_type.consultation", "pdf.visit_type.follow_up"}
	literal := regexp.MustCompile(`"(pdf\.[a-z_.]+[a-z_])"`)
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range literal.FindAllStringSubmatch(string(src), -1) {
			ids = append(ids, m[1])
		}
	}
	if len(ids) < 40 {
		t.Fatalf("found %d ids, want the 40 or more the package uses", len(ids))
	}
	for _, name := range []string{"en.json", "fr.json"} {
		b, err := os.ReadFile(filepath.Join("..", "locales", name))
		if err != nil {
			t.Fatal(err)
		}
		var messages map[string]string
		if err := json.Unmarshal(b, &messages); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for _, id := range ids {
			if messages[id] == "" {
				t.Errorf("%s lacks %q", name, id)
			}
		}
	}
}

// TestTextStaysInsideMargins checks that, but for the running line above
// and the page foot below, every word lies inside the 20 mm margins: no
// row, line or block runs past the bottom of a page.
func TestTextStaysInsideMargins(t *testing.T) {
	long := samplePrescription()
	long.Items = manyItems(40)
	wrapped := samplePrescription()
	for i := range 30 {
		wrapped.Items = append(wrapped.Items, Item{
			Medication: "Amoxicillin and clavulanic acid 875 mg/125 mg film-coated tablet",
			Dosage:     "one tablet in the morning and one in the evening",
			Frequency:  fmt.Sprintf("every twelve hours with a meal (%d)", i),
		})
	}
	longURL := samplePrescription()
	longURL.VerifyURL = "https://clinic.example/verify/" + strings.Repeat("7K3Q9XW2", 30)
	longVisit := sampleVisit()
	longVisit.PhysicalExam = strings.Repeat("Souffle systolique 2/6 au foyer mitral. ", 150)
	docs := map[string][]byte{
		"prescription":         renderPrescription(t, samplePrescription(), frOptions),
		"40 items":             renderPrescription(t, long, frOptions),
		"wrapped rows":         renderPrescription(t, wrapped, enOptions),
		"long verify URL":      renderPrescription(t, longURL, enOptions),
		"visit summary":        renderVisit(t, sampleVisit(), frOptions),
		"visit, long sections": renderVisit(t, longVisit, enOptions),
	}
	const slack = 1.0 // glyph boxes reach a little past their line
	for name, doc := range docs {
		for _, w := range words(t, doc) {
			if w.yMax < margin || w.yMin > footerTop-slack {
				continue // the running line and the page foot
			}
			if w.xMin < margin-slack || w.xMax > pageWidth-margin+slack ||
				w.yMin < margin-slack || w.yMax > bodyBottom+slack {
				t.Errorf("%s: page %d: %q at x %.1f–%.1f, y %.1f–%.1f mm is outside the margins",
					name, w.page, w.text, w.xMin, w.xMax, w.yMin, w.yMax)
			}
		}
	}
}

func TestOptionDefaults(t *testing.T) {
	// No language: French. No location: UTC. No time: now.
	p := samplePrescription()
	p.Patient.DateOfBirth = clinic.DateOf(time.Now().UTC().AddDate(-30, 0, 0))
	text := pdfText(t, renderPrescription(t, p, Options{}))
	for _, want := range []string{"ORDONNANCE MÉDICALE", "03/11/2025 14:55", "30 ans"} {
		if !strings.Contains(text, want) {
			t.Errorf("text lacks %q; got:\n%s", want, text)
		}
	}
}

func TestOtherLanguagesFallBackToEnglish(t *testing.T) {
	text := pdfText(t, renderVisit(t, sampleVisit(), Options{Lang: "de"}))
	if !strings.Contains(text, "VISIT SUMMARY") {
		t.Errorf("want the English title for German; got:\n%s", text)
	}
}

// TestConcurrentRenders renders from several goroutines at once, as the
// daemon does; run with -race it shows the shared fonts and catalogue are
// only read.
func TestConcurrentRenders(t *testing.T) {
	want := renderPrescription(t, samplePrescription(), frOptions)
	got := make([][]byte, 6)
	var wg sync.WaitGroup
	for i := range got {
		wg.Go(func() {
			var buf bytes.Buffer
			if err := RenderPrescription(&buf, samplePrescription(), frOptions); err != nil {
				t.Errorf("render %d: %v", i, err)
			}
			got[i] = buf.Bytes()
		})
	}
	wg.Wait()
	for i, doc := range got {
		if !bytes.Equal(doc, want) {
			t.Errorf("render %d: got %d bytes unlike the %d of a lone render",
				i, len(doc), len(want))
		}
	}
}
