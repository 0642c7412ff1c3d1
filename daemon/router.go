package daemon

import (
	"net/http"
	"slices"
	"sort"
	"strings"

	"github.com/julienschmidt/httprouter"
)

// httprouter (v1.3) refuses a static segment beside a parameter at the same
// place, such as /api/visits/vitals/ next to /api/visits/:id/, which the
// ClinicFlow API needs. The router below registers such siblings under the
// parameter and picks the route by the parameter's value when a request
// comes: a static segment wins over a parameter.

// candidate is one route registered under a shared, normalized pattern.
type candidate struct {
	rt route
	// want are the values some parameters must have: the route's own static
	// segments.
	want map[string]string
	// names maps the normalized parameter names back to the route's own.
	names map[string]string
	h     httprouter.Handle
}

// matches reports whether the request's parameters fit the candidate. A
// parameter the candidate takes as is never matches a value that names a
// static sibling (statics), whatever its method: PUT /appointments/doctors/
// is a method the doctors route lacks, not appointment "doctors".
func (c candidate) matches(ps httprouter.Params, statics map[string]bool) bool {
	for _, p := range ps {
		want, static := c.want[p.Key]
		if static && p.Value != want || !static && statics[p.Key+"/"+p.Value] {
			return false
		}
	}
	return true
}

// params rewrites the normalized parameters under the route's own names,
// leaving out those that stood for static segments.
func (c candidate) params(ps httprouter.Params) httprouter.Params {
	out := make(httprouter.Params, 0, len(ps))
	for _, p := range ps {
		if _, static := c.want[p.Key]; static {
			continue
		}
		if own, ok := c.names[p.Key]; ok {
			p.Key = own
		}
		out = append(out, p)
	}
	return out
}

// router registers the route table on a fresh httprouter.
func (s *Server) router() *httprouter.Router {
	r := httprouter.New()
	r.RedirectTrailingSlash = false
	r.RedirectFixedPath = false
	r.HandleMethodNotAllowed = true
	r.HandleOPTIONS = true
	r.NotFound = http.HandlerFunc(s.notFound)
	r.MethodNotAllowed = http.HandlerFunc(s.methodNotAllowed)
	r.PanicHandler = s.panicked

	routes := withHead(s.routes)
	patterns, cands := normalize(routes)
	// statics names, per normalized pattern, the values of a parameter that
	// stand for a static segment of some route: "id/doctors".
	statics := map[string]map[string]bool{}
	for i, c := range cands {
		if statics[patterns[i]] == nil {
			statics[patterns[i]] = map[string]bool{}
		}
		for name, v := range c.want {
			statics[patterns[i]][name+"/"+v] = true
		}
	}
	byPattern := map[string][]*candidate{} // "METHOD pattern"
	var order []string
	for i, rt := range routes {
		key := rt.method + " " + patterns[i]
		if byPattern[key] == nil {
			order = append(order, key)
		}
		c := cands[i]
		c.h = s.serve(rt)
		byPattern[key] = append(byPattern[key], &c)
	}
	for _, key := range order {
		list := byPattern[key]
		// The most specific route first: the one with the most static segments.
		sort.SliceStable(list, func(i, j int) bool { return len(list[i].want) > len(list[j].want) })
		method, pattern, _ := strings.Cut(key, " ")
		r.Handle(method, pattern, s.dispatch(pattern, list, patterns, cands, statics[pattern]))
	}
	return r
}

// withHead adds a HEAD route beside every GET route: monitors and proxies
// probe with HEAD, and the original API answers it. net/http sends no body
// in a HEAD answer.
func withHead(routes []route) []route {
	out := slices.Clone(routes)
	for _, rt := range routes {
		if rt.method == http.MethodGet {
			rt.method = http.MethodHead
			out = append(out, rt)
		}
	}
	return out
}

// dispatch serves one normalized pattern for one method. When no route of
// the method fits the parameters, it answers 405 naming the methods that
// do, or 404.
func (s *Server) dispatch(pattern string, list []*candidate, patterns []string, all []candidate,
	statics map[string]bool) httprouter.Handle {
	if len(list) == 1 && len(list[0].want) == 0 && len(list[0].names) == 0 && len(statics) == 0 {
		return list[0].h
	}
	return func(w http.ResponseWriter, r *http.Request, ps httprouter.Params) {
		for _, c := range list {
			if c.matches(ps, statics) {
				c.h(w, r, c.params(ps))
				return
			}
		}
		var allow []string
		for i, c := range all {
			if patterns[i] == pattern && c.matches(ps, statics) {
				allow = append(allow, c.rt.method)
			}
		}
		if len(allow) == 0 {
			s.notFound(w, r)
			return
		}
		w.Header().Set("Allow", strings.Join(append(allow, "OPTIONS"), ", "))
		s.methodNotAllowed(w, r)
	}
}

// normalize rewrites every route's path so that, wherever routes sharing a
// prefix disagree between a static segment and a parameter, all of them use
// the parameter (the first name seen there). It returns the normalized
// pattern of each route and what its static segments and parameter names
// became.
func normalize(routes []route) ([]string, []candidate) {
	segs := make([][]string, len(routes))
	norm := make([][]string, len(routes))
	cands := make([]candidate, len(routes))
	for i, rt := range routes {
		trimmed := strings.Trim(rt.path, "/")
		if trimmed != "" {
			segs[i] = strings.Split(trimmed, "/")
		}
		cands[i] = candidate{rt: rt, want: map[string]string{}, names: map[string]string{}}
	}
	for level := 0; ; level++ {
		groups := map[string][]int{}
		for i := range routes {
			if level < len(segs[i]) {
				prefix := strings.Join(norm[i], "/")
				groups[prefix] = append(groups[prefix], i)
			}
		}
		if len(groups) == 0 {
			break
		}
		for _, members := range groups {
			param := ""
			for _, i := range members {
				if strings.HasPrefix(segs[i][level], ":") {
					param = segs[i][level][1:]
					break
				}
			}
			for _, i := range members {
				seg := segs[i][level]
				switch {
				case param == "":
					norm[i] = append(norm[i], seg)
				case strings.HasPrefix(seg, ":"):
					norm[i] = append(norm[i], ":"+param)
					if seg[1:] != param {
						cands[i].names[param] = seg[1:]
					}
				default:
					norm[i] = append(norm[i], ":"+param)
					cands[i].want[param] = seg
				}
			}
		}
	}
	patterns := make([]string, len(routes))
	for i, rt := range routes {
		p := "/" + strings.Join(norm[i], "/")
		if strings.HasSuffix(rt.path, "/") && p != "/" {
			p += "/"
		}
		patterns[i] = p
	}
	return patterns, cands
}
