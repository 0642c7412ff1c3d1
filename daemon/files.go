package daemon

import (
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"clinicflow/clinic"
	"clinicflow/store"
)

// maxUploadBody is the largest upload body read: the largest file, and
// room for the rest of the form (boundaries, part headers, the category
// and the description).
const maxUploadBody = clinic.MaxFileSize + 256<<10

// fileInput reads a file's writable fields from a JSON or form body.
func fileInput(b body) clinic.FileInput {
	in := clinic.FileInput{Category: b.str("category"), Description: b.str("description")}
	if b.form {
		in.Category = formChoice(in.Category)
	}
	return in
}

// formChoice is the value of a form's choice field: an empty one counts as
// absent, as the original API took it (in JSON, "" is a bad choice).
func formChoice(v *string) *string {
	if v != nil && *v == "" {
		return nil
	}
	return v
}

// fileIDs reads the patient's id and the file's from the path.
func (c *call) fileIDs() (patientID, fileID int64, ok bool) {
	if patientID, ok = c.id("id"); !ok {
		return 0, 0, false
	}
	fileID, ok = c.id("file_id")
	return patientID, fileID, ok
}

// fileURL is the absolute address of a file's download route, on the host
// and scheme the request came by.
func (c *call) fileURL(f *clinic.PatientFile) string {
	u := url.URL{Scheme: "http", Host: c.r.Host,
		Path: fmt.Sprintf("/api/patients/%d/files/%d/download/", f.PatientID, f.ID)}
	if c.r.TLS != nil {
		u.Scheme = "https"
	}
	return u.String()
}

// listFiles: GET /api/patients/{id}/files/, newest first; an empty page
// for a patient that does not exist, as the original answers.
func (s *Server) listFiles(c *call) {
	pid, ok := c.id("id")
	if !ok {
		return
	}
	c.audit("list", "patient_file", 0, pid)
	count := func() (int, error) {
		n, err := s.store.CountPatientFiles(c.ctx(), pid)
		if errors.Is(err, store.ErrNotFound) {
			// The original answers an empty page for a patient that does
			// not exist, and the web frontend expects it.
			return 0, nil
		}
		return n, err
	}
	listPage(c, maxPageSize, count,
		func(limit, offset int) ([]clinic.PatientFile, error) {
			list, err := s.store.ListPatientFiles(c.ctx(), pid, limit, offset)
			for i := range list {
				list[i].URL = c.fileURL(&list[i])
			}
			return list, err
		})
}

// uploadFile: POST /api/patients/{id}/files/, a multipart form with the
// file, its category and its description.
func (s *Server) uploadFile(c *call) {
	pid, ok := c.id("id")
	if !ok {
		return
	}
	ev := c.audit("create", "patient_file", 0, pid)
	up, in, ok := c.readUpload()
	if !ok {
		return
	}

	f := clinic.PatientFile{PatientID: pid, Category: clinic.CategoryOther,
		UploadedBy: &c.user.ID}
	var probs clinic.Problems
	up.Apply(&f, &probs)
	in.Apply(&f, &probs)
	if !probs.Empty() {
		c.problems(&probs)
		return
	}

	ev.Status = http.StatusCreated
	if err := s.store.CreatePatientFile(c.ctx(), &f, up.Data, ev); err != nil {
		c.fail(err)
		return
	}
	c.committed()
	f.URL = c.fileURL(&f)
	c.json(http.StatusCreated, f)
}

// getFile: GET /api/patients/{id}/files/{file_id}/.
func (s *Server) getFile(c *call) {
	pid, fid, ok := c.fileIDs()
	if !ok {
		return
	}
	c.audit("read", "patient_file", fid, pid)
	f, err := s.store.PatientFile(c.ctx(), pid, fid)
	if err != nil {
		c.fail(err)
		return
	}
	f.URL = c.fileURL(f)
	c.json(http.StatusOK, f)
}

// updateFile: PATCH /api/patients/{id}/files/{file_id}/ changes the
// category and the description, sent as JSON or as form fields.
func (s *Server) updateFile(c *call) {
	pid, fid, ok := c.fileIDs()
	if !ok {
		return
	}
	b, ok := c.decode()
	if !ok {
		return
	}
	ev := c.audit("update", "patient_file", fid, pid)
	f, err := s.store.PatientFile(c.ctx(), pid, fid)
	if err != nil {
		c.fail(err)
		return
	}
	fileInput(b).Apply(f, b.probs)
	if !b.probs.Empty() {
		c.problems(b.probs)
		return
	}
	if err := s.store.UpdatePatientFile(c.ctx(), f, ev); err != nil {
		c.fail(err)
		return
	}
	c.committed()
	f.URL = c.fileURL(f)
	c.json(http.StatusOK, f)
}

// deleteFile: DELETE /api/patients/{id}/files/{file_id}/; the bytes go too.
func (s *Server) deleteFile(c *call) {
	pid, fid, ok := c.fileIDs()
	if !ok {
		return
	}
	ev := c.audit("delete", "patient_file", fid, pid)
	ev.Status = http.StatusNoContent
	if err := s.store.DeletePatientFile(c.ctx(), pid, fid, ev); err != nil {
		c.fail(err)
		return
	}
	c.committed()
	c.noContent(http.StatusNoContent)
}

// downloadFile: GET /api/patients/{id}/files/{file_id}/download/ answers
// the bytes as they were uploaded, with their type and the file's name.
func (s *Server) downloadFile(c *call) {
	pid, fid, ok := c.fileIDs()
	if !ok {
		return
	}
	c.audit("download", "patient_file", fid, pid)
	f, data, err := s.store.PatientFileContent(c.ctx(), pid, fid)
	if err != nil {
		c.fail(err)
		return
	}
	h := c.w.Header()
	h.Set("Content-Type", f.Type)
	h.Set("Content-Length", strconv.Itoa(len(data)))
	h.Set("Content-Disposition", attachment(f.OriginalFilename))
	c.w.WriteHeader(http.StatusOK)
	c.w.Write(data)
}

// attachment is the Content-Disposition of a download named name: a quoted
// ASCII filename every client reads, and, when the name is not plain
// ASCII, its exact UTF-8 form as an RFC 5987 filename*.
func attachment(name string) string {
	var ascii strings.Builder
	plain := true
	for _, r := range name {
		switch {
		case r == '"' || r == '\\':
			ascii.WriteByte('\\')
			ascii.WriteRune(r)
		case r < 0x20 || r >= 0x7F:
			ascii.WriteByte('_')
			plain = false
		default:
			ascii.WriteRune(r)
		}
	}
	v := `attachment; filename="` + ascii.String() + `"`
	if !plain {
		v += "; filename*=UTF-8''" + rfc5987(name)
	}
	return v
}

// rfc5987 percent-encodes every byte of s but RFC 5987's attr-chars.
func rfc5987(s string) string {
	const attrChars = "!#$&+-.^_`|~"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		ch := s[i]
		if 'a' <= ch && ch <= 'z' || 'A' <= ch && ch <= 'Z' || '0' <= ch && ch <= '9' ||
			strings.IndexByte(attrChars, ch) >= 0 {
			b.WriteByte(ch)
			continue
		}
		fmt.Fprintf(&b, "%%%02X", ch)
	}
	return b.String()
}

// readUpload reads an upload's multipart form as it streams in: the file
// (nil when the form has none) and the other fields. No more than the
// largest file allowed, plus one byte, is held. On failure it has answered
// (400, 413 or 415) and returns false.
func (c *call) readUpload() (*clinic.FileUpload, clinic.FileInput, bool) {
	var up *clinic.FileUpload
	var in clinic.FileInput
	mr := c.uploadForm()
	if mr == nil {
		return nil, in, false
	}
	for {
		part, err := mr.NextPart()
		if err == io.EOF { // the closing boundary; a body cut short wraps io.EOF
			return up, in, true
		}
		if err != nil {
			return nil, in, c.uploadUnreadable(err)
		}
		switch name := part.FormName(); {
		case name == "file" && up == nil:
			up, err = readFilePart(part, c.r.ContentLength)
			if up != nil && len(up.Data) > clinic.MaxFileSize {
				return nil, in, c.uploadTooLarge()
			}
		case name == "category" && in.Category == nil:
			in.Category, err = readField(part)
			in.Category = formChoice(in.Category)
		case name == "description" && in.Description == nil:
			in.Description, err = readField(part)
		}
		if err != nil {
			return nil, in, c.uploadUnreadable(err)
		}
	}
}

// uploadForm opens the request's body as a multipart form no larger than
// maxUploadBody. On failure it has answered (400, 413 or 415) and returns
// nil.
func (c *call) uploadForm() *multipart.Reader {
	ct := c.r.Header.Get("Content-Type")
	if media, _, err := mime.ParseMediaType(ct); err != nil || media != "multipart/form-data" {
		c.detail(http.StatusUnsupportedMediaType, "http.unsupported_media_type",
			map[string]any{"Type": ct})
		return nil
	}
	if c.r.ContentLength > maxUploadBody {
		c.uploadTooLarge()
		return nil
	}
	c.r.Body = http.MaxBytesReader(c.w, c.r.Body, maxUploadBody)
	mr, err := c.r.MultipartReader()
	if err != nil {
		c.uploadUnreadable(err)
		return nil
	}
	return mr
}

// readFilePart reads the file part of an upload, or as much of it as
// shows it is too large. size, the body's length when the client gave it,
// sizes the buffer at once. A part without a file name is text, not a
// file; a file input left empty, which browsers send with an empty name,
// is no file at all (nil).
func readFilePart(part *multipart.Part, size int64) (*clinic.FileUpload, error) {
	_, params, _ := mime.ParseMediaType(part.Header.Get("Content-Disposition"))
	name, isFile := params["filename"]
	if !isFile || name == "" {
		_, err := io.Copy(io.Discard, part)
		if !isFile {
			return &clinic.FileUpload{}, err
		}
		return nil, err
	}
	limit := int64(clinic.MaxFileSize + 1)
	if size <= 0 || size > limit {
		size = limit
	}
	data, err := readAll(io.LimitReader(part, limit), int(size))
	if err != nil {
		return nil, err
	}
	seen := seenType(part.Header.Get("Content-Type"), data)
	return &clinic.FileUpload{Name: name, Data: data, Seen: seen}, nil
}

// readAll is io.ReadAll into a buffer sized for hint bytes, so that a
// file of known size is read with one allocation.
func readAll(r io.Reader, hint int) ([]byte, error) {
	buf := make([]byte, 0, hint+1)
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		n, err := r.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return nil, err
		}
	}
}

// readField reads a text field of the form, as valid UTF-8.
func readField(part *multipart.Part) (*string, error) {
	data, err := io.ReadAll(part)
	if err != nil {
		return nil, err
	}
	s := strings.ToValidUTF8(string(data), "\uFFFD")
	return &s, nil
}

// seenType is the type a refused file is named by: the type it declared,
// unless it declared none or claimed one of the allowed types, which its
// bytes belie; then what the bytes look like.
func seenType(declared string, data []byte) string {
	if media, _, err := mime.ParseMediaType(declared); err == nil {
		if !clinic.AllowedFileType(media) {
			return media
		}
	}
	media, _, _ := mime.ParseMediaType(http.DetectContentType(data))
	return media
}

// uploadTooLarge answers 413 for a file over the limit.
func (c *call) uploadTooLarge() bool {
	c.detail(http.StatusRequestEntityTooLarge, clinic.MsgFileTooLarge,
		map[string]any{"Limit": "10 MiB"})
	return false
}

// uploadUnreadable answers 413 when the body outgrew the limit, and 400
// when it is not a well-formed multipart form.
func (c *call) uploadUnreadable(err error) bool {
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		return c.uploadTooLarge()
	}
	c.detail(http.StatusBadRequest, "http.multipart_parse",
		map[string]any{"Error": multipartProblem(err)})
	return false
}

// multipartProblem says in a few words what is wrong with a multipart
// body, without echoing the body.
func multipartProblem(err error) string {
	switch {
	case errors.Is(err, http.ErrMissingBoundary):
		return "no boundary in the Content-Type header"
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return "the body ends before its closing boundary"
	}
	return "malformed multipart body"
}
