package clinic

import (
	"archive/zip"
	"bytes"
	"errors"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// File categories.
const (
	CategoryLabResult    = "lab_result"
	CategoryImaging      = "imaging"
	CategoryPrescription = "prescription"
	CategoryConsent      = "consent"
	CategoryInsurance    = "insurance"
	CategoryOther        = "other"
)

// FileCategories lists every category, in the order the API lists them.
var FileCategories = []string{CategoryLabResult, CategoryImaging,
	CategoryPrescription, CategoryConsent, CategoryInsurance, CategoryOther}

// MaxFileSize is the largest file a patient's record keeps: 10 MiB.
const MaxFileSize = 10 << 20

// MaxFilenameLength is the longest file name kept, in characters.
const MaxFilenameLength = 255

// The types a patient file may have, by what its bytes are.
const (
	TypePDF  = "application/pdf"
	TypeJPEG = "image/jpeg"
	TypePNG  = "image/png"
	TypeGIF  = "image/gif"
	TypeDOC  = "application/msword"
	TypeDOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
)

// FileTypes lists every type a patient file may have.
var FileTypes = []string{TypePDF, TypeJPEG, TypePNG, TypeGIF, TypeDOC, TypeDOCX}

// AllowedFileType reports whether a patient file may have the MIME type.
func AllowedFileType(mime string) bool { return slices.Contains(FileTypes, mime) }

// Message ids of the file rules.
const (
	MsgNoFile         = "file.required"
	MsgNotAFile       = "file.not_a_file"
	MsgEmptyFile      = "file.empty"
	MsgFilenameLength = "file.name_too_long"
	MsgFileType       = "file.type_not_allowed"
	MsgFileTooLarge   = "file.too_large"
)

// PatientFile is a document kept in a patient's record, as the API shows
// it. Its bytes travel apart: only a download reads them.
type PatientFile struct {
	ID        int64 `json:"id"`
	PatientID int64 `json:"patient"`
	// URL is the absolute address of the file's download route; the daemon
	// sets it, since only the request knows the host.
	URL              string `json:"file_url"`
	OriginalFilename string `json:"original_filename"`
	Size             int64  `json:"file_size"`
	Type             string `json:"file_type"`
	Category         string `json:"category"`
	Description      string `json:"description"`
	// UploadedBy is the uploader's account, nil once that account is gone;
	// UploadedByName is its full name, or "".
	UploadedBy     *int64    `json:"uploaded_by"`
	UploadedByName string    `json:"uploaded_by_name"`
	UploadedAt     time.Time `json:"uploaded_at"`
}

// FileUpload is a file as an upload brings it.
type FileUpload struct {
	// Name is the name the file had on the sender's machine; "" when the
	// form's file field held plain text instead of a file.
	Name string
	Data []byte
	// Seen is the type the file claimed or seemed to have, named when the
	// file is refused.
	Seen string
}

// Apply checks the upload and copies its name, size and type onto f; a nil
// upload is a missing file. The type is what the bytes are, whatever the
// name or the declared type say.
func (up *FileUpload) Apply(f *PatientFile, probs *Problems) {
	var name string
	if up != nil {
		name = cleanFilename(up.Name)
	}
	switch {
	case up == nil:
		probs.Add("file", Msg(MsgNoFile))
		return
	case name == "":
		probs.Add("file", Msg(MsgNotAFile))
		return
	case len(up.Data) == 0:
		probs.Add("file", Msg(MsgEmptyFile))
		return
	}
	if n := utf8.RuneCountInString(name); n > MaxFilenameLength {
		probs.Add("file", Msg(MsgFilenameLength, "Max", MaxFilenameLength, "Length", n))
		return
	}
	mime, ok := SniffFileType(up.Data)
	if !ok {
		probs.Add("file", Msg(MsgFileType, "Type", up.Seen))
		return
	}
	f.OriginalFilename, f.Size, f.Type = name, int64(len(up.Data)), mime
}

// cleanFilename keeps the last part of a path, Windows ones too, drops
// control characters and replaces bytes that are not UTF-8: no header or
// database text may carry them.
func cleanFilename(name string) string {
	name = name[strings.LastIndexAny(name, `/\`)+1:]
	name = strings.ToValidUTF8(name, "\uFFFD")
	name = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return -1
		}
		return r
	}, name)
	return strings.TrimSpace(name)
}

// FileInput is the writable fields of a patient file; nil means absent.
type FileInput struct {
	Category    *string
	Description *string
}

// Apply validates the input and copies what it gives onto f. Fields that
// already have a problem in probs are skipped. When probs is not empty
// afterwards, f must not be saved.
func (in FileInput) Apply(f *PatientFile, probs *Problems) {
	fl := fields{partial: true, probs: probs}
	if fl.given("category", in.Category != nil, false) {
		if !slices.Contains(FileCategories, *in.Category) {
			probs.Add("category", Msg(MsgInvalidChoice, "Value", *in.Category))
		}
		f.Category = *in.Category
	}
	if fl.given("description", in.Description != nil, false) {
		if strings.ContainsRune(*in.Description, 0) {
			// PostgreSQL cannot store a NUL character in text.
			probs.Add("description", Msg(MsgNotString))
		}
		f.Description = *in.Description
	}
}

// Magic numbers: how each allowed type's bytes begin.
var (
	magicPDF  = []byte("%PDF-")
	magicJPEG = []byte{0xFF, 0xD8, 0xFF}
	magicPNG  = []byte{0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'}
	magicGIF7 = []byte("GIF87a")
	magicGIF9 = []byte("GIF89a")
	magicOLE2 = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
	magicZIP  = []byte("PK\x03\x04")
)

// wordStream is the name of the stream every Word 97-2003 document holds,
// as an OLE2 directory writes it: UTF-16, little-endian.
var wordStream = []byte("W\x00o\x00r\x00d\x00D\x00o\x00c\x00u\x00m\x00e\x00n\x00t\x00")

// SniffFileType returns the MIME type of a file from its bytes alone, and
// whether it is one a patient file may have: PDF, JPEG, PNG, GIF, DOC or
// DOCX. Containers are looked into: an OLE2 file is a DOC only when it
// holds a WordDocument stream (an installer or a spreadsheet is not), and a
// ZIP is a DOCX only when it holds word/document.xml.
func SniffFileType(data []byte) (mime string, ok bool) {
	switch {
	case bytes.HasPrefix(data, magicPDF):
		return TypePDF, true
	case bytes.HasPrefix(data, magicJPEG):
		return TypeJPEG, true
	case bytes.HasPrefix(data, magicPNG):
		return TypePNG, true
	case bytes.HasPrefix(data, magicGIF7), bytes.HasPrefix(data, magicGIF9):
		return TypeGIF, true
	case bytes.HasPrefix(data, magicOLE2) && bytes.Contains(data, wordStream):
		return TypeDOC, true
	case bytes.HasPrefix(data, magicZIP) && isDOCX(data):
		return TypeDOCX, true
	}
	return "", false
}

// isDOCX reports whether a ZIP archive holds a Word document's main part.
// Only the archive's directory is read; nothing is decompressed.
func isDOCX(data []byte) bool {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil && !errors.Is(err, zip.ErrInsecurePath) {
		return false
	}
	for _, f := range zr.File {
		if f.Name == "word/document.xml" {
			return true
		}
	}
	return false
}
