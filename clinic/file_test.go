package clinic

import (
	"archive/zip"
	"bytes"
	"reflect"
	"strings"
	"testing"
)

// zipOf returns a ZIP archive holding the named entries.
func zipOf(t *testing.T, names ...string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, name := range names {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte("<x/>"))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// ole2 returns an OLE2 compound file header followed by body.
func ole2(body []byte) []byte {
	return append(append([]byte{}, magicOLE2...), body...)
}

func TestSniffFileType(t *testing.T) {
	tests := []struct {
		name string
		data []byte
		want string // "" for refused
	}{
		{"pdf", []byte("%PDF-1.7\n%\xe2\xe3\n"), TypePDF},
		{"jpeg", []byte{0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, 'J', 'F', 'I', 'F'}, TypeJPEG},
		{"png", append(append([]byte{}, magicPNG...), 0, 0, 0, 0x0D), TypePNG},
		{"gif87a", []byte("GIF87a\x01\x00\x01\x00"), TypeGIF},
		{"gif89a", []byte("GIF89a\x01\x00\x01\x00"), TypeGIF},
		{"doc", ole2(append(make([]byte, 504), wordStream...)), TypeDOC},
		{"docx", zipOf(t, "[Content_Types].xml", "word/document.xml"), TypeDOCX},
		{"plain zip", zipOf(t, "notes.txt"), ""},
		{"zip named like a docx part elsewhere", zipOf(t, "x/word/document.xml"), ""},
		{"broken zip", []byte("PK\x03\x04garbage"), ""},
		{"ole2 without a Word stream (an installer)", ole2(make([]byte, 1024)), ""},
		{"text", []byte("hello\n"), ""},
		{"elf", []byte("\x7fELF\x02\x01\x01\x00"), ""},
		{"windows executable", []byte("MZ\x90\x00\x03\x00\x00\x00"), ""},
		{"script", []byte("#!/bin/sh\nrm -rf /\n"), ""},
		{"html", []byte("<html><script>alert(1)</script>"), ""},
		{"empty", nil, ""},
		{"pdf magic cut short", []byte("%PDF"), ""},
	}
	for _, tt := range tests {
		got, ok := SniffFileType(tt.data)
		if got != tt.want || ok != (tt.want != "") {
			t.Errorf("%s: SniffFileType = %q, %v; want %q, %v",
				tt.name, got, ok, tt.want, tt.want != "")
		}
	}
}

func TestFileUploadApply(t *testing.T) {
	pdf := []byte("%PDF-1.4\n")
	tests := []struct {
		name string
		up   *FileUpload
		want PatientFile // when no problem is expected
		msg  Message     // the problem expected on "file", if any
	}{
		{"a pdf", &FileUpload{Name: "cbc result.pdf", Data: pdf, Seen: "application/pdf"},
			PatientFile{OriginalFilename: "cbc result.pdf", Size: 9, Type: TypePDF}, Message{}},
		{"type from the bytes, not the name", &FileUpload{Name: "scan.pdf", Data: magicPNG},
			PatientFile{OriginalFilename: "scan.pdf", Size: 8, Type: TypePNG}, Message{}},
		{"a path keeps its last part", &FileUpload{Name: `C:\Users\zoe\cbc.pdf`, Data: pdf},
			PatientFile{OriginalFilename: "cbc.pdf", Size: 9, Type: TypePDF}, Message{}},
		{"control characters dropped", &FileUpload{Name: "a\r\nb\x00.pdf", Data: pdf},
			PatientFile{OriginalFilename: "ab.pdf", Size: 9, Type: TypePDF}, Message{}},
		{"no file", nil, PatientFile{}, Msg(MsgNoFile)},
		{"text, not a file", &FileUpload{}, PatientFile{}, Msg(MsgNotAFile)},
		{"empty", &FileUpload{Name: "x.pdf"}, PatientFile{}, Msg(MsgEmptyFile)},
		{"name too long", &FileUpload{Name: strings.Repeat("é", 252) + ".pdf", Data: pdf},
			PatientFile{}, Msg(MsgFilenameLength, "Max", 255, "Length", 256)},
		{"refused type", &FileUpload{Name: "notes.txt", Data: []byte("hello\n"),
			Seen: "text/plain"}, PatientFile{}, Msg(MsgFileType, "Type", "text/plain")},
	}
	for _, tt := range tests {
		var f PatientFile
		var probs Problems
		tt.up.Apply(&f, &probs)
		if tt.msg.ID != "" {
			got := probs.Messages("file")
			if len(got) != 1 || !reflect.DeepEqual(got[0], tt.msg) {
				t.Errorf("%s: problems %v, want %v", tt.name, got, tt.msg)
			}
			continue
		}
		if !probs.Empty() || f != tt.want {
			t.Errorf("%s: file %+v, problems %v; want %+v", tt.name, f, probs.Fields(), tt.want)
		}
	}
}

func TestFileInputApply(t *testing.T) {
	str := func(s string) *string { return &s }
	f := PatientFile{Category: CategoryOther, Description: "kept"}
	var probs Problems
	FileInput{Category: str(CategoryConsent)}.Apply(&f, &probs)
	if !probs.Empty() || f.Category != CategoryConsent || f.Description != "kept" {
		t.Errorf("category alone: %+v, problems %v", f, probs.Fields())
	}
	FileInput{Description: str("")}.Apply(&f, &probs)
	if !probs.Empty() || f.Description != "" {
		t.Errorf("empty description: %+v, problems %v", f, probs.Fields())
	}

	tests := []struct {
		in    FileInput
		field string
		want  Message
	}{
		{FileInput{Category: str("nonsense")}, "category",
			Msg(MsgInvalidChoice, "Value", "nonsense")},
		{FileInput{Category: str("")}, "category", Msg(MsgInvalidChoice, "Value", "")},
		{FileInput{Description: str("a\x00b")}, "description", Msg(MsgNotString)},
	}
	for _, tt := range tests {
		var probs Problems
		tt.in.Apply(&PatientFile{}, &probs)
		got := probs.Messages(tt.field)
		if len(got) != 1 || !reflect.DeepEqual(got[0], tt.want) {
			t.Errorf("%s %+v: problems %v, want %v", tt.field, tt.in, got, tt.want)
		}
	}
}
