package daemon

import (
	"net/http"

	"clinicflow/clinic"
)

// listTemplates: GET /api/prescriptions/templates/, by name, ?search= over
// both names and both descriptions.
func (s *Server) listTemplates(c *call) {
	terms := clinic.SearchTerms(c.query("search"))
	listPage(c, maxPageSize, func() (int, error) { return s.store.CountTemplates(c.ctx(), terms) },
		func(limit, offset int) ([]clinic.TemplateSummary, error) {
			list, err := s.store.ListTemplates(c.ctx(), terms, limit, offset)
			out := make([]clinic.TemplateSummary, len(list))
			for i := range list {
				out[i] = list[i].Summary()
			}
			return out, err
		})
}

// getTemplate: GET /api/prescriptions/templates/{id}/.
func (s *Server) getTemplate(c *call) {
	id, ok := c.id("template_id")
	if !ok {
		return
	}
	t, err := s.store.Template(c.ctx(), id)
	if err != nil {
		c.fail(err)
		return
	}
	c.json(http.StatusOK, t.Detail())
}

// templateInput reads a template, checking that its lines name active
// medications. On a store failure it has answered and returns false.
func (s *Server) templateInput(c *call, b body) (clinic.TemplateInput, itemList, bool) {
	list := b.items("items", false)
	in := clinic.TemplateInput{Name: b.str("name"), NameFr: b.str("name_fr"),
		Description: b.str("description"), DescriptionFr: b.str("description_fr"),
		IsActive: b.boolean("is_active"), Items: list.items}
	if list.given && in.Items == nil {
		in.Items = []clinic.Item{}
	}
	if err := s.checkMedications(c, b, "items", list); err != nil {
		c.fail(err)
		return in, list, false
	}
	return in, list, true
}

// createTemplate: POST /api/prescriptions/templates/.
func (s *Server) createTemplate(c *call) {
	b, ok := c.decode()
	if !ok {
		return
	}
	in, _, ok := s.templateInput(c, b)
	if !ok {
		return
	}
	t := clinic.Template{IsActive: true, Items: []clinic.Item{}}
	in.Apply(&t, false, b.probs)
	ev := c.audit("create", "template", 0, 0)
	if !b.probs.Empty() {
		c.problems(b.probs)
		return
	}
	ev.Status = http.StatusCreated
	if err := s.store.CreateTemplate(c.ctx(), &t, ev); err != nil {
		c.fail(err)
		return
	}
	c.committed()
	c.json(http.StatusCreated, t.Write())
}

// updateTemplate: PUT and PATCH /api/prescriptions/templates/{id}/; items,
// when given, replace every line.
func (s *Server) updateTemplate(c *call) {
	id, ok := c.id("template_id")
	if !ok {
		return
	}
	b, ok := c.decode()
	if !ok {
		return
	}
	in, list, ok := s.templateInput(c, b)
	if !ok {
		return
	}
	ev := c.audit("update", "template", id, 0)
	t, err := s.store.Template(c.ctx(), id)
	if err != nil {
		c.fail(err)
		return
	}
	in.Apply(t, c.r.Method == http.MethodPatch, b.probs)
	if !b.probs.Empty() {
		c.problems(b.probs)
		return
	}
	if err := s.store.UpdateTemplate(c.ctx(), t, list.given, ev); err != nil {
		c.fail(err)
		return
	}
	c.committed()
	c.json(http.StatusOK, t.Write())
}

// deleteTemplate: DELETE /api/prescriptions/templates/{id}/.
func (s *Server) deleteTemplate(c *call) {
	id, ok := c.id("template_id")
	if !ok {
		return
	}
	ev := c.audit("delete", "template", id, 0)
	ev.Status = http.StatusNoContent
	if err := s.store.DeleteTemplate(c.ctx(), id, ev); err != nil {
		c.fail(err)
		return
	}
	c.committed()
	c.noContent(http.StatusNoContent)
}
