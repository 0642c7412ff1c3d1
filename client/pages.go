package client

import (
	"context"
	"iter"
	"net/url"
	"strconv"
)

// Page is one page of a paged list.
type Page[T any] struct {
	Count    int     `json:"count"`
	Next     *string `json:"next"`
	Previous *string `json:"previous"`
	Results  []T     `json:"results"`
}

// ListOptions chooses a page; zero values take the server's defaults
// (page 1, 10 rows).
type ListOptions struct {
	Page     int
	PageSize int
}

func (o ListOptions) apply(q url.Values) url.Values {
	if q == nil {
		q = url.Values{}
	}
	if o.Page > 0 {
		q.Set("page", strconv.Itoa(o.Page))
	}
	if o.PageSize > 0 {
		q.Set("page_size", strconv.Itoa(o.PageSize))
	}
	return q
}

// getPage fetches one page of a list.
func getPage[T any](ctx context.Context, c *Client, path string, q url.Values) (*Page[T], error) {
	var p Page[T]
	if err := c.do(ctx, "GET", path, q, nil, &p); err != nil {
		return nil, err
	}
	return &p, nil
}

// pageSize is how many rows the iterators ask for at a time: the most
// every list allows.
const pageSize = 100

// each walks every row of a list, a page at a time, and stops at the first
// error, which it yields.
func each[T any](ctx context.Context, c *Client, path string, q url.Values) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		for n := 1; ; n++ {
			page := url.Values{}
			for k, v := range q {
				page[k] = v
			}
			page.Set("page", strconv.Itoa(n))
			page.Set("page_size", strconv.Itoa(pageSize))
			var p Page[T]
			if err := c.do(ctx, "GET", path, page, nil, &p); err != nil {
				var zero T
				yield(zero, err)
				return
			}
			for _, row := range p.Results {
				if !yield(row, nil) {
					return
				}
			}
			if p.Next == nil || len(p.Results) == 0 {
				return
			}
		}
	}
}

// All collects an iterator's rows, stopping at the first error.
func All[T any](seq iter.Seq2[T, error]) ([]T, error) {
	var out []T
	for row, err := range seq {
		if err != nil {
			return out, err
		}
		out = append(out, row)
	}
	return out, nil
}
