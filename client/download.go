package client

import (
	"context"
	"io"
	"mime"
	"net/url"
	"strings"
	"unicode"
)

// Download is a document the server sends as an attachment: a PDF or a
// patient's file.
type Download struct {
	// Name is the file name the server suggests (Content-Disposition),
	// reduced to a bare name with no folder, or "" when it gives none.
	Name string
	// ContentType is the document's media type, such as application/pdf.
	ContentType string
	// Size is the length in bytes the server announced, or -1.
	Size int64
	// Body is the document's bytes; the caller must close it.
	Body io.ReadCloser
}

// download fetches the document at path as it comes, for the routes that
// answer a file rather than JSON (the PDFs and patient files). Refusals
// come back as *Error, like every other call.
func (c *Client) download(ctx context.Context, path string, query url.Values) (*Download, error) {
	resp, err := c.send(ctx, request{method: "GET", path: path, query: query})
	if err != nil {
		return nil, err
	}
	return &Download{
		Name:        attachmentName(resp.Header.Get("Content-Disposition")),
		ContentType: resp.Header.Get("Content-Type"),
		Size:        resp.ContentLength,
		Body:        resp.Body,
	}, nil
}

// attachmentName reads the file name of a Content-Disposition header,
// preferring the exact UTF-8 filename* to the ASCII filename, and keeps
// only its last path element so that a server cannot name a file outside
// the folder it is saved in; a name with control characters is dropped.
func attachmentName(header string) string {
	_, params, err := mime.ParseMediaType(header)
	if err != nil {
		return ""
	}
	name := params["filename"]
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		name = name[i+1:]
	}
	if name == "." || name == ".." || strings.ContainsFunc(name, unicode.IsControl) {
		return ""
	}
	return name
}
