package daemon

import (
	"bytes"
	"encoding/json"
	"errors"
	"net/http"
	"strconv"

	"clinicflow/clinic"
	"clinicflow/store"
)

// JSON answers and error bodies all go through this file.

// json answers status with v encoded as JSON.
func (c *call) json(status int, v any) {
	writeJSON(c.w, status, v)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		http.Error(w, `{"detail": "Internal server error."}`, http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Content-Length", strconv.Itoa(buf.Len()))
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

// noContent answers 204 (or 205) with no body.
func (c *call) noContent(status int) { c.w.WriteHeader(status) }

// detail answers {"detail": message} in the reader's language.
func (c *call) detail(status int, id string, args map[string]any) {
	c.json(status, map[string]string{"detail": c.p.T(id, args)})
}

// problems answers 400 with one key per bad field, each a list of
// messages in the reader's language, keys in the order reported.
func (c *call) problems(probs *clinic.Problems) {
	c.json(http.StatusBadRequest, c.renderProblems(probs))
}

// renderProblems turns problems into an ordered JSON object: a list of
// messages per field, a list of objects for the elements of a list field,
// an object for an object field.
func (c *call) renderProblems(probs *clinic.Problems) json.RawMessage {
	var buf bytes.Buffer
	buf.WriteByte('{')
	for i, field := range probs.Fields() {
		if i > 0 {
			buf.WriteString(", ")
		}
		key, _ := json.Marshal(field)
		buf.Write(key)
		buf.WriteString(": ")
		switch items, sub := probs.Items(field), probs.Object(field); {
		case items != nil:
			buf.WriteByte('[')
			for j, item := range items {
				if j > 0 {
					buf.WriteString(", ")
				}
				buf.Write(c.renderProblems(item))
			}
			buf.WriteByte(']')
		case sub != nil:
			buf.Write(c.renderProblems(sub))
		default:
			msgs := probs.Messages(field)
			texts := make([]string, len(msgs))
			for j, m := range msgs {
				texts[j] = c.p.T(m.ID, m.Args)
			}
			val, _ := marshalNoEscape(texts)
			buf.Write(val)
		}
	}
	buf.WriteByte('}')
	return buf.Bytes()
}

func marshalNoEscape(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	err := enc.Encode(v)
	return bytes.TrimRight(buf.Bytes(), "\n"), err
}

// fieldError answers 400 with one message on one field.
func (c *call) fieldError(field string, m clinic.Message) {
	var probs clinic.Problems
	probs.Add(field, m)
	c.problems(&probs)
}

// notFound answers 404 {"detail": "Not found."}.
func (c *call) notFound() { c.detail(http.StatusNotFound, "http.not_found", nil) }

// forbidden answers 403 with the generic permission message.
func (c *call) forbidden() { c.detail(http.StatusForbidden, "http.permission_denied", nil) }

// fail answers for an error from below: 404 for a missing record, 500 for
// anything unexpected, whose cause goes to the log and never to the client.
func (c *call) fail(err error) {
	if errors.Is(err, store.ErrNotFound) {
		c.notFound()
		return
	}
	c.state.cause = err
	c.detail(http.StatusInternalServerError, "http.internal", nil)
}

// isNotFound reports whether err means the record does not exist.
func isNotFound(err error) bool { return errors.Is(err, store.ErrNotFound) }
