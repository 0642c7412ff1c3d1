package client

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
)

// Ready reports whether the server is up and reaches its database: nil,
// or the reason it is not.
func (c *Client) Ready(ctx context.Context) error {
	resp, err := c.once(ctx, request{method: "GET", path: "/readyz", public: true})
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	io.Copy(io.Discard, resp.Body)
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("client: the server is not ready: %s", resp.Status)
	}
	return nil
}

// Schema returns the server's OpenAPI document.
func (c *Client) Schema(ctx context.Context) (json.RawMessage, error) {
	resp, err := c.send(ctx, request{method: "GET", path: "/api/schema/", public: true})
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	var doc json.RawMessage
	if err := json.NewDecoder(resp.Body).Decode(&doc); err != nil {
		return nil, fmt.Errorf("client: schema: %w", err)
	}
	return doc, nil
}
