package daemon

import (
	"net/http"
	"net/url"
	"strconv"
)

// Page sizes: 10 by default; a larger request is capped.
const (
	defaultPageSize = 10
	maxPageSize     = 500
	maxPatientPage  = 100
)

// page is the envelope of a paged list.
type page[T any] struct {
	Count    int     `json:"count"`
	Next     *string `json:"next"`
	Previous *string `json:"previous"`
	Results  []T     `json:"results"`
}

// window is the slice of a list one request asks for.
type window struct {
	number, size int
	pages        int
}

func (w window) limit() int  { return w.size }
func (w window) offset() int { return (w.number - 1) * w.size }

// paginate reads ?page= and ?page_size= against a list of total rows. A
// page that is not a number, below 1 or past the end answers 404
// {"detail": "Invalid page."} and returns false; ?page=last is the last page.
func (c *call) paginate(total, capSize int) (window, bool) {
	size, err := strconv.Atoi(c.query("page_size"))
	if err != nil || size <= 0 {
		size = defaultPageSize
	}
	size = min(size, capSize)
	pages := max(1, (total+size-1)/size)
	w := window{size: size, pages: pages, number: 1}
	switch raw := c.query("page"); raw {
	case "":
	case "last":
		w.number = pages
	default:
		n, err := strconv.Atoi(raw)
		if err != nil || n < 1 || n > pages {
			c.detail(http.StatusNotFound, "http.invalid_page", nil)
			return w, false
		}
		w.number = n
	}
	return w, true
}

// respondPage answers the envelope, with next and previous as absolute URLs
// that keep the request's other parameters.
func respondPage[T any](c *call, w window, total int, results []T) {
	if results == nil {
		results = []T{}
	}
	p := page[T]{Count: total, Results: results}
	if w.number < w.pages {
		p.Next = c.pageURL(w.number + 1)
	}
	if w.number > 1 {
		p.Previous = c.pageURL(w.number - 1)
	}
	c.json(http.StatusOK, p)
}

// pageURL is the request's URL with another page number; page 1 drops the
// parameter, as the original API does.
func (c *call) pageURL(n int) *string {
	q := c.r.URL.Query()
	if n == 1 {
		q.Del("page")
	} else {
		q.Set("page", strconv.Itoa(n))
	}
	u := url.URL{Scheme: "http", Host: c.r.Host, Path: c.r.URL.Path, RawQuery: q.Encode()}
	if c.r.TLS != nil {
		u.Scheme = "https"
	}
	s := u.String()
	return &s
}

// listPage answers one page of a list: it counts the rows, checks the page
// asked for, reads it and answers the envelope.
func listPage[T any](c *call, capSize int, count func() (int, error), list func(limit, offset int) ([]T, error)) {
	total, err := count()
	if err != nil {
		c.fail(err)
		return
	}
	w, ok := c.paginate(total, capSize)
	if !ok {
		return
	}
	rows, err := list(w.limit(), w.offset())
	if err != nil {
		c.fail(err)
		return
	}
	respondPage(c, w, total, rows)
}
