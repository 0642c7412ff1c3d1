package daemon

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"clinicflow/clinic"
)

// maxJSONBody is the largest JSON or form body a route reads.
const maxJSONBody = 1 << 20

// body is a request's object, field by field, and the problems its values
// have shown so far.
type body struct {
	raw   map[string]json.RawMessage
	probs *clinic.Problems
	// form is true when the values came from a form, where every value is
	// text.
	form bool
}

// decode reads the request's object from JSON or a form. On failure it has
// answered (400, 413 or 415) and returns false.
func (c *call) decode() (body, bool) {
	b := body{raw: map[string]json.RawMessage{}, probs: &clinic.Problems{}}
	media, _, err := mime.ParseMediaType(c.r.Header.Get("Content-Type"))
	if c.r.Header.Get("Content-Type") == "" {
		media, err = "application/json", nil
	}
	switch {
	case err == nil && (media == "application/json" || strings.HasSuffix(media, "+json")):
		return b, c.decodeJSON(&b)
	case err == nil && (media == "application/x-www-form-urlencoded" || media == "multipart/form-data"):
		return b, c.decodeForm(&b)
	}
	c.detail(http.StatusUnsupportedMediaType, "http.unsupported_media_type",
		map[string]any{"Type": c.r.Header.Get("Content-Type")})
	return b, false
}

func (c *call) decodeJSON(b *body) bool {
	data, err := io.ReadAll(http.MaxBytesReader(c.w, c.r.Body, maxJSONBody))
	if err != nil {
		return c.bodyReadFailed(err)
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return true
	}
	var v any
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if err := dec.Decode(&v); err != nil {
		c.detail(http.StatusBadRequest, "http.json_parse", map[string]any{"Error": jsonErrorText(err)})
		return false
	}
	if _, ok := v.(map[string]any); !ok {
		var probs clinic.Problems
		probs.Add("non_field_errors", clinic.Msg("http.not_an_object", "Type", jsonKind(v)))
		c.problems(&probs)
		return false
	}
	if err := json.Unmarshal(data, &b.raw); err != nil {
		c.detail(http.StatusBadRequest, "http.json_parse", map[string]any{"Error": jsonErrorText(err)})
		return false
	}
	return true
}

func (c *call) decodeForm(b *body) bool {
	b.form = true
	c.r.Body = http.MaxBytesReader(c.w, c.r.Body, maxJSONBody)
	var err error
	if strings.HasPrefix(c.r.Header.Get("Content-Type"), "multipart/") {
		err = c.r.ParseMultipartForm(maxJSONBody)
	} else {
		err = c.r.ParseForm()
	}
	if err != nil {
		return c.bodyReadFailed(err)
	}
	var values url.Values = c.r.PostForm
	if c.r.MultipartForm != nil {
		values = c.r.MultipartForm.Value
	}
	for k, vs := range values {
		if len(vs) > 0 {
			b.raw[k], _ = json.Marshal(vs[0])
		}
	}
	return true
}

// bodyReadFailed answers 413 for a body over the limit and 400 otherwise.
func (c *call) bodyReadFailed(err error) bool {
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		c.detail(http.StatusRequestEntityTooLarge, "http.too_large", map[string]any{"Limit": "1 MiB"})
		return false
	}
	c.detail(http.StatusBadRequest, "http.json_parse", map[string]any{"Error": "the body could not be read"})
	return false
}

// jsonErrorText describes a JSON syntax error with its offset.
func jsonErrorText(err error) string {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return se.Error() + " (char " + strconv.FormatInt(se.Offset, 10) + ")"
	}
	return strings.TrimPrefix(err.Error(), "json: ")
}

// jsonKind names a decoded JSON value the way the original API does.
func jsonKind(v any) string {
	switch v.(type) {
	case []any:
		return "list"
	case string:
		return "str"
	case json.Number:
		return "int"
	case bool:
		return "bool"
	case nil:
		return "NoneType"
	}
	return "dict"
}

// str returns a text field, nil when absent. A null, an object or a list
// is a problem on the field; a number or a boolean is taken as its text.
func (b body) str(name string) *string {
	raw, ok := b.raw[name]
	if !ok {
		return nil
	}
	var v any
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if err := dec.Decode(&v); err != nil {
		b.probs.Add(name, clinic.Msg(clinic.MsgNotString))
		return nil
	}
	switch t := v.(type) {
	case string:
		if strings.ContainsRune(t, 0) {
			// PostgreSQL cannot store a NUL character in text.
			b.probs.Add(name, clinic.Msg(clinic.MsgNotString))
			return nil
		}
		return &t
	case json.Number:
		s := t.String()
		return &s
	case nil:
		b.probs.Add(name, clinic.Msg(clinic.MsgNull))
		return nil
	}
	b.probs.Add(name, clinic.Msg(clinic.MsgNotString))
	return nil
}

// nullableStr is str for a field whose null means empty.
func (b body) nullableStr(name string) *string {
	if raw, ok := b.raw[name]; ok && string(bytes.TrimSpace(raw)) == "null" {
		empty := ""
		return &empty
	}
	return b.str(name)
}

// boolean returns a true/false field, nil when absent; form values "true",
// "false", "1" and "0" count too.
func (b body) boolean(name string) *bool {
	raw, ok := b.raw[name]
	if !ok {
		return nil
	}
	var v any
	if err := json.Unmarshal(raw, &v); err == nil {
		switch t := v.(type) {
		case bool:
			return &t
		case string:
			if p, err := strconv.ParseBool(t); err == nil {
				return &p
			}
		case float64:
			if t == 0 || t == 1 {
				p := t == 1
				return &p
			}
		}
	}
	b.probs.Add(name, clinic.Msg(clinic.MsgNotBoolean))
	return nil
}

// value decodes a field with its numbers kept as written; present is false
// when the field is absent and err non-nil when it is not JSON.
func (b body) value(name string) (v any, present bool, err error) {
	raw, ok := b.raw[name]
	if !ok {
		return nil, false, nil
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	err = dec.Decode(&v)
	return v, true, err
}

// integer returns a whole-number field, nil when absent. A null, a
// fraction, or text that is not a number is a problem on the field; a
// numeric string ("12") counts, as forms send one.
func (b body) integer(name string) *int64 {
	v, present, err := b.value(name)
	if !present {
		return nil
	}
	if v == nil && err == nil {
		b.probs.Add(name, clinic.Msg(clinic.MsgNull))
		return nil
	}
	text := fmt.Sprint(v)
	if n, err := strconv.ParseInt(strings.TrimSpace(text), 10, 64); err == nil {
		return &n
	}
	b.probs.Add(name, clinic.Msg(clinic.MsgNotInteger))
	return nil
}

// pk returns the id of a record the field points at, nil when absent. A
// value that is not a whole number is a problem on the field, worded as
// the original API words it; text counts only when it came from a form.
func (b body) pk(name string) *int64 {
	v, present, err := b.value(name)
	if !present {
		return nil
	}
	switch t := v.(type) {
	case nil:
		if err == nil {
			b.probs.Add(name, clinic.Msg(clinic.MsgNull))
			return nil
		}
	case json.Number:
		if n, err := strconv.ParseInt(t.String(), 10, 64); err == nil {
			return &n
		}
	case string:
		if n, err := strconv.ParseInt(t, 10, 64); err == nil && b.form {
			return &n
		}
	}
	b.probs.Add(name, clinic.Msg(clinic.MsgPKType, "Type", jsonKind(v)))
	return nil
}

// isNull reports whether the field was sent as null.
func (b body) isNull(name string) bool {
	v, present, err := b.value(name)
	return present && err == nil && v == nil
}

// number returns a numeric field as written (a JSON number or a string),
// nil when absent. Anything else is a problem on the field.
func (b body) number(name string) *string {
	v, present, _ := b.value(name)
	if !present {
		return nil
	}
	switch t := v.(type) {
	case json.Number:
		s := t.String()
		return &s
	case string:
		return &t
	}
	b.probs.Add(name, clinic.Msg(clinic.MsgNotNumber))
	return nil
}
