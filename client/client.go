package client

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"
)

// Client calls one clinicflow server. It is safe for concurrent use.
type Client struct {
	base *url.URL
	http *http.Client
	lang string

	mu      sync.Mutex
	access  string
	refresh string
	// onTokens is told of every new token pair, so that a caller can keep
	// the refresh token (the terminal client saves it).
	onTokens func(access, refresh string)
}

// Option configures a Client.
type Option func(*Client)

// WithHTTPClient makes requests through h (tests inject a transport).
func WithHTTPClient(h *http.Client) Option { return func(c *Client) { c.http = h } }

// WithTimeout bounds each request; 30 seconds by default.
func WithTimeout(d time.Duration) Option { return func(c *Client) { c.http.Timeout = d } }

// WithTokens starts from tokens saved earlier; the access token may be
// empty or expired when the refresh token is good.
func WithTokens(access, refresh string) Option {
	return func(c *Client) { c.access, c.refresh = access, refresh }
}

// WithLanguage asks for the server's messages in lang ("en" or "fr").
func WithLanguage(lang string) Option { return func(c *Client) { c.lang = lang } }

// WithTokenHook calls fn with each new token pair the client receives.
func WithTokenHook(fn func(access, refresh string)) Option {
	return func(c *Client) { c.onTokens = fn }
}

// New returns a client of the server at baseURL (http://host:port).
func New(baseURL string, opts ...Option) (*Client, error) {
	u, err := url.Parse(strings.TrimRight(baseURL, "/"))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("client: server %q: want http://host:port or https://host", baseURL)
	}
	c := &Client{base: u, http: &http.Client{Timeout: 30 * time.Second}}
	for _, opt := range opts {
		opt(c)
	}
	return c, nil
}

// Server is the base URL the client calls.
func (c *Client) Server() string { return c.base.String() }

// Tokens returns the current access and refresh tokens.
func (c *Client) Tokens() (access, refresh string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.access, c.refresh
}

// ErrNotSignedIn is returned by calls that need a session when the client
// has no refresh token.
var ErrNotSignedIn = errors.New("client: not signed in")

// request is one call: its method, path under the server, query and body.
type request struct {
	method      string
	path        string
	query       url.Values
	body        []byte
	contentType string
	// public calls send no token.
	public bool
}

// jsonRequest encodes in (nil for no body) as a JSON request.
func jsonRequest(method, path string, query url.Values, in any) (request, error) {
	r := request{method: method, path: path, query: query}
	if in != nil {
		b, err := json.Marshal(in)
		if err != nil {
			return r, fmt.Errorf("client: encode %s %s: %w", method, path, err)
		}
		r.body, r.contentType = b, "application/json"
	}
	return r, nil
}

// do makes a JSON call and decodes the answer into out (nil to ignore it).
func (c *Client) do(ctx context.Context, method, path string, query url.Values, in, out any) error {
	r, err := jsonRequest(method, path, query, in)
	if err != nil {
		return err
	}
	resp, err := c.send(ctx, r)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if out == nil {
		io.Copy(io.Discard, resp.Body)
		return nil
	}
	if err := json.NewDecoder(resp.Body).Decode(out); err != nil {
		return fmt.Errorf("client: decode %s %s: %w", method, path, err)
	}
	return nil
}

// send makes a call, renewing the access token first when there is none
// and once more when the server refuses it, and turns an answer of 400 or
// more into *Error. The caller closes the body of a successful answer.
func (c *Client) send(ctx context.Context, r request) (*http.Response, error) {
	access, _ := c.Tokens()
	if !r.public && access == "" {
		if err := c.renew(ctx); err != nil {
			return nil, err
		}
	}
	resp, err := c.once(ctx, r)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode == http.StatusUnauthorized && !r.public && tokenRefused(resp) {
		resp.Body.Close()
		if err := c.renew(ctx); err != nil {
			return nil, err
		}
		if resp, err = c.once(ctx, r); err != nil {
			return nil, err
		}
	}
	if resp.StatusCode >= 400 {
		defer resp.Body.Close()
		return nil, readError(resp)
	}
	return resp, nil
}

// tokenRefused reports whether a 401 is about the access token, peeking at
// the body and leaving it readable.
func tokenRefused(resp *http.Response) bool {
	b, _ := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
	resp.Body = io.NopCloser(bytes.NewReader(b))
	var body struct{ Code string }
	json.Unmarshal(b, &body)
	return body.Code == "token_not_valid"
}

// once makes one HTTP request.
func (c *Client) once(ctx context.Context, r request) (*http.Response, error) {
	u := *c.base
	u.Path = strings.TrimRight(c.base.Path, "/") + r.path
	u.RawQuery = r.query.Encode()
	var body io.Reader
	if r.body != nil {
		body = bytes.NewReader(r.body)
	}
	req, err := http.NewRequestWithContext(ctx, r.method, u.String(), body)
	if err != nil {
		return nil, fmt.Errorf("client: %s %s: %w", r.method, r.path, err)
	}
	if r.contentType != "" {
		req.Header.Set("Content-Type", r.contentType)
	}
	req.Header.Set("Accept", "application/json")
	if c.lang != "" {
		req.Header.Set("Accept-Language", c.lang)
	}
	if access, _ := c.Tokens(); access != "" && !r.public {
		req.Header.Set("Authorization", "Bearer "+access)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, fmt.Errorf("client: %s %s: %w", r.method, r.path, err)
	}
	return resp, nil
}

// setTokens keeps a new pair and tells the hook.
func (c *Client) setTokens(access, refresh string) {
	c.mu.Lock()
	c.access, c.refresh = access, refresh
	hook := c.onTokens
	c.mu.Unlock()
	if hook != nil {
		hook(access, refresh)
	}
}

// renew trades the refresh token for a new access token.
func (c *Client) renew(ctx context.Context) error {
	_, refresh := c.Tokens()
	if refresh == "" {
		return ErrNotSignedIn
	}
	var out struct {
		Access string `json:"access"`
	}
	r, _ := jsonRequest("POST", "/api/auth/token/refresh/", nil, map[string]string{"refresh": refresh})
	r.public = true
	resp, err := c.once(ctx, r)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		apiErr := readError(resp)
		if resp.StatusCode == http.StatusUnauthorized {
			return fmt.Errorf("%w: the session has ended (%v)", ErrNotSignedIn, apiErr)
		}
		return apiErr
	}
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil || out.Access == "" {
		return fmt.Errorf("client: refresh: unreadable answer")
	}
	c.setTokens(out.Access, refresh)
	return nil
}

// Login signs in and keeps the token pair.
func (c *Client) Login(ctx context.Context, username, password string) error {
	var out struct {
		Access  string `json:"access"`
		Refresh string `json:"refresh"`
	}
	r, err := jsonRequest("POST", "/api/auth/login/", nil,
		map[string]string{"username": username, "password": password})
	if err != nil {
		return err
	}
	r.public = true
	resp, err := c.send(ctx, r)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		return fmt.Errorf("client: login: %w", err)
	}
	c.setTokens(out.Access, out.Refresh)
	return nil
}

// Logout revokes the refresh token on the server and forgets both tokens.
func (c *Client) Logout(ctx context.Context) error {
	_, refresh := c.Tokens()
	if refresh == "" {
		return nil
	}
	err := c.do(ctx, "POST", "/api/auth/logout/", nil, map[string]string{"refresh": refresh}, nil)
	c.setTokens("", "")
	return err
}
