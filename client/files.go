package client

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"iter"
	"mime/multipart"

	"clinicflow/clinic"
)

// ListFiles returns one page of a patient's files, newest first.
func (c *Client) ListFiles(ctx context.Context, patientID int64,
	o ListOptions) (*Page[clinic.PatientFile], error) {
	return getPage[clinic.PatientFile](ctx, c, filesPath(patientID), o.apply(nil))
}

// Files walks every file of a patient, newest first.
func (c *Client) Files(ctx context.Context, patientID int64) iter.Seq2[clinic.PatientFile, error] {
	return each[clinic.PatientFile](ctx, c, filesPath(patientID), nil)
}

// File returns one file's record (not its bytes: see DownloadFile).
func (c *Client) File(ctx context.Context, patientID, id int64) (*clinic.PatientFile, error) {
	var f clinic.PatientFile
	if err := c.do(ctx, "GET", filePath(patientID, id), nil, nil, &f); err != nil {
		return nil, err
	}
	return &f, nil
}

// UploadFile adds a document to a patient's record: the bytes of r, under
// filename. category is one of clinic.FileCategories, or "" for other.
// The server takes PDF, JPEG, PNG, GIF, DOC and DOCX files of at most
// 10 MiB, judging the type from the bytes. The file is read into memory
// before it is sent, no more than one byte past the limit: the server
// refuses a larger one with 413.
func (c *Client) UploadFile(ctx context.Context, patientID int64, filename string, r io.Reader,
	category, description string) (*clinic.PatientFile, error) {
	body, contentType, err := uploadForm(filename, r, category, description)
	if err != nil {
		return nil, err
	}
	req := request{method: "POST", path: filesPath(patientID), body: body, contentType: contentType}
	resp, err := c.send(ctx, req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	var f clinic.PatientFile
	if err := json.NewDecoder(resp.Body).Decode(&f); err != nil {
		return nil, fmt.Errorf("client: decode upload of %s: %w", filename, err)
	}
	return &f, nil
}

// uploadForm builds the multipart form of an upload. It is kept whole, so
// that the call can be sent again after the access token is renewed.
func uploadForm(filename string, r io.Reader,
	category, description string) ([]byte, string, error) {
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	part, err := mw.CreateFormFile("file", filename)
	if err != nil {
		return nil, "", fmt.Errorf("client: upload %s: %w", filename, err)
	}
	if _, err := io.Copy(part, io.LimitReader(r, clinic.MaxFileSize+1)); err != nil {
		return nil, "", fmt.Errorf("client: read %s: %w", filename, err)
	}
	for _, field := range [][2]string{{"category", category}, {"description", description}} {
		if field[1] == "" {
			continue
		}
		if err := mw.WriteField(field[0], field[1]); err != nil {
			return nil, "", fmt.Errorf("client: upload %s: %w", filename, err)
		}
	}
	if err := mw.Close(); err != nil {
		return nil, "", fmt.Errorf("client: upload %s: %w", filename, err)
	}
	return buf.Bytes(), mw.FormDataContentType(), nil
}

// FileFields are a file's writable fields; nil fields stay as they are.
type FileFields struct {
	Category    *string `json:"category,omitempty"`
	Description *string `json:"description,omitempty"`
}

// UpdateFile changes a file's category or description.
func (c *Client) UpdateFile(ctx context.Context, patientID, id int64,
	f FileFields) (*clinic.PatientFile, error) {
	var out clinic.PatientFile
	if err := c.do(ctx, "PATCH", filePath(patientID, id), nil, f, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// DeleteFile removes a file from a patient's record, bytes and all.
func (c *Client) DeleteFile(ctx context.Context, patientID, id int64) error {
	return c.do(ctx, "DELETE", filePath(patientID, id), nil, nil, nil)
}

// DownloadFile returns a file's bytes as they were uploaded, and its
// original name reduced to a bare file name ("" when the server gives
// none).
func (c *Client) DownloadFile(ctx context.Context, patientID, id int64) ([]byte, string, error) {
	d, err := c.download(ctx, filePath(patientID, id)+"download/", nil)
	if err != nil {
		return nil, "", err
	}
	defer d.Body.Close()
	data, err := io.ReadAll(d.Body)
	if err != nil {
		return nil, "", fmt.Errorf("client: download file %d: %w", id, err)
	}
	return data, d.Name, nil
}

func filesPath(patientID int64) string {
	return fmt.Sprintf("/api/patients/%d/files/", patientID)
}

func filePath(patientID, id int64) string {
	return fmt.Sprintf("/api/patients/%d/files/%d/", patientID, id)
}
