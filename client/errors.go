package client

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
)

// Error is the API's refusal of a call.
type Error struct {
	// Status is the HTTP status: 400, 401, 403, 404, 413, 429...
	Status int
	// Detail is the body's "detail" (or "error") message, if any.
	Detail string
	// Code is the body's "code", such as token_not_valid.
	Code string
	// Fields are the messages of a 400, field by field, in the body's
	// order; list elements are named like items[1].medication.
	Fields []FieldError
	// RetryAfter is the seconds a 429 asks to wait, or 0.
	RetryAfter int
}

// FieldError is the messages about one field.
type FieldError struct {
	Field    string
	Messages []string
}

// Error reads like "400 Bad Request: first_name: This field is required."
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(strconv.Itoa(e.Status) + " " + http.StatusText(e.Status))
	if e.Detail != "" {
		b.WriteString(": " + e.Detail)
	}
	for _, f := range e.Fields {
		b.WriteString("; " + f.Field + ": " + strings.Join(f.Messages, " "))
	}
	return b.String()
}

// readError builds an *Error from a refusal.
func readError(resp *http.Response) *Error {
	e := &Error{Status: resp.StatusCode}
	e.RetryAfter, _ = strconv.Atoi(resp.Header.Get("Retry-After"))
	raw, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	dec := json.NewDecoder(bytes.NewReader(raw))
	var body ordered
	if err := dec.Decode(&body); err != nil {
		e.Detail = strings.TrimSpace(string(raw))
		if len(e.Detail) > 200 || e.Detail == "" {
			e.Detail = http.StatusText(resp.StatusCode)
		}
		return e
	}
	for _, kv := range body {
		switch kv.key {
		case "detail", "error":
			json.Unmarshal(kv.value, &e.Detail)
		case "code":
			json.Unmarshal(kv.value, &e.Code)
		case "messages", "valid":
		default:
			e.Fields = append(e.Fields, flatten(kv.key, kv.value)...)
		}
	}
	return e
}

// flatten turns a field's value (a list of messages, a list of objects for
// list elements, or an object) into field errors.
func flatten(name string, raw json.RawMessage) []FieldError {
	var msgs []string
	if json.Unmarshal(raw, &msgs) == nil {
		return []FieldError{{Field: name, Messages: msgs}}
	}
	var elems []json.RawMessage
	if json.Unmarshal(raw, &elems) == nil {
		var out []FieldError
		for i, el := range elems {
			var sub ordered
			if json.Unmarshal(el, &sub) == nil {
				for _, kv := range sub {
					out = append(out, flatten(fmt.Sprintf("%s[%d].%s", name, i, kv.key), kv.value)...)
				}
			}
		}
		return out
	}
	var sub ordered
	if json.Unmarshal(raw, &sub) == nil {
		var out []FieldError
		for _, kv := range sub {
			field := name + "." + kv.key
			if kv.key == "non_field_errors" {
				field = name
			}
			out = append(out, flatten(field, kv.value)...)
		}
		return out
	}
	var one string
	json.Unmarshal(raw, &one)
	return []FieldError{{Field: name, Messages: []string{one}}}
}

// ordered is a JSON object read in its keys' order.
type ordered []struct {
	key   string
	value json.RawMessage
}

// UnmarshalJSON reads an object keeping the order of its keys.
func (o *ordered) UnmarshalJSON(b []byte) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	tok, err := dec.Token()
	if err != nil || tok != json.Delim('{') {
		return fmt.Errorf("client: not an object")
	}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return err
		}
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return err
		}
		*o = append(*o, struct {
			key   string
			value json.RawMessage
		}{tok.(string), v})
	}
	return nil
}
