package client

import (
	"context"
	"fmt"
	"iter"
	"net/url"

	"clinicflow/clinic"
)

// templatesPath is the prescription templates' route.
const templatesPath = "/api/prescriptions/templates/"

// TemplateQuery filters the templates.
type TemplateQuery struct {
	// Search keeps templates matching every word in their names or
	// descriptions, English or French.
	Search string
}

func (q TemplateQuery) values() url.Values {
	v := url.Values{}
	if q.Search != "" {
		v.Set("search", q.Search)
	}
	return v
}

// ListTemplates returns one page of templates, by name, without their
// lines.
func (c *Client) ListTemplates(ctx context.Context, q TemplateQuery,
	o ListOptions) (*Page[clinic.TemplateSummary], error) {
	return getPage[clinic.TemplateSummary](ctx, c, templatesPath, o.apply(q.values()))
}

// Templates walks every template the query keeps.
func (c *Client) Templates(ctx context.Context,
	q TemplateQuery) iter.Seq2[clinic.TemplateSummary, error] {
	return each[clinic.TemplateSummary](ctx, c, templatesPath, q.values())
}

// Template returns one template with its lines.
func (c *Client) Template(ctx context.Context, id int64) (*clinic.TemplateDetail, error) {
	var t clinic.TemplateDetail
	if err := c.do(ctx, "GET", templatePath(id), nil, nil, &t); err != nil {
		return nil, err
	}
	return &t, nil
}

// TemplateFields are a template's writable fields. For an update, nil
// fields stay as they are; a create needs the name. Items, when not nil,
// replace every line (a pointer to an empty list removes them all); a
// template's lines leave AllowOutsidePurchase nil.
type TemplateFields struct {
	Name          *string             `json:"name,omitempty"`
	NameFr        *string             `json:"name_fr,omitempty"`
	Description   *string             `json:"description,omitempty"`
	DescriptionFr *string             `json:"description_fr,omitempty"`
	IsActive      *bool               `json:"is_active,omitempty"`
	Items         *[]clinic.ItemWrite `json:"items,omitempty"`
}

// CreateTemplate adds a template; the answer names each line's
// medication by id.
func (c *Client) CreateTemplate(ctx context.Context, f TemplateFields) (*clinic.TemplateWrite,
	error) {
	var t clinic.TemplateWrite
	if err := c.do(ctx, "POST", templatesPath, nil, f, &t); err != nil {
		return nil, err
	}
	return &t, nil
}

// UpdateTemplate changes the given fields of a template (PATCH).
func (c *Client) UpdateTemplate(ctx context.Context, id int64,
	f TemplateFields) (*clinic.TemplateWrite, error) {
	var t clinic.TemplateWrite
	if err := c.do(ctx, "PATCH", templatePath(id), nil, f, &t); err != nil {
		return nil, err
	}
	return &t, nil
}

// DeleteTemplate deletes a template; the prescriptions made from it stay,
// their template_used cleared.
func (c *Client) DeleteTemplate(ctx context.Context, id int64) error {
	return c.do(ctx, "DELETE", templatePath(id), nil, nil, nil)
}

func templatePath(id int64) string { return fmt.Sprintf("%s%d/", templatesPath, id) }
