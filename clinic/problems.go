package clinic

// Message is a text for people, named by its catalogue id and carrying the
// values its template needs.
type Message struct {
	ID   string
	Args map[string]any
}

// Msg returns the message id with its arguments given as name, value pairs.
func Msg(id string, pairs ...any) Message {
	m := Message{ID: id}
	if len(pairs) > 1 {
		m.Args = make(map[string]any, len(pairs)/2)
		for i := 0; i+1 < len(pairs); i += 2 {
			if name, ok := pairs[i].(string); ok {
				m.Args[name] = pairs[i+1]
			}
		}
	}
	return m
}

// Message ids shared by every record's validation. Their texts live in the
// locales catalogues.
const (
	MsgRequired       = "field.required"
	MsgBlank          = "field.blank"
	MsgNull           = "field.null"
	MsgNotString      = "field.not_string"
	MsgNotBoolean     = "field.not_boolean"
	MsgNotInteger     = "field.not_integer"
	MsgMaxLength      = "field.max_length"
	MsgInvalidChoice  = "field.invalid_choice"
	MsgDateFormat     = "field.date_format"
	MsgDatetimeFormat = "field.datetime_format"
	MsgEmail          = "field.email"
	MsgDateInFuture   = "field.date_in_future"
	MsgPKType         = "field.pk_type"
	MsgPKMissing      = "field.pk_missing"
	MsgNotNumber      = "field.not_number"
	MsgDecimalPlaces  = "field.decimal_places"
	MsgDecimalDigits  = "field.decimal_digits"
	MsgOutOfRange     = "field.out_of_range"
	MsgNotAList       = "field.not_a_list"
)

// Problems collects validation messages by field, keeping the order in which
// fields were first reported so that answers read like the request. A field
// holds messages, or the problems of each element of a list (Items), or the
// problems of one nested object (Object). The zero value is ready to use.
type Problems struct {
	order   []string
	fields  map[string][]Message
	items   map[string][]*Problems
	objects map[string]*Problems
}

func (p *Problems) note(field string) {
	if !p.Has(field) {
		p.order = append(p.order, field)
	}
}

// Add records a message against a field.
func (p *Problems) Add(field string, m Message) {
	p.note(field)
	if p.fields == nil {
		p.fields = make(map[string][]Message)
	}
	p.fields[field] = append(p.fields[field], m)
}

// AddItems records the problems of each element of a list field, one
// (possibly empty) Problems per element, in order.
func (p *Problems) AddItems(field string, items []*Problems) {
	p.note(field)
	if p.items == nil {
		p.items = make(map[string][]*Problems)
	}
	p.items[field] = items
}

// AddObject records the problems of a field that is itself an object, such
// as a list field that was not a list.
func (p *Problems) AddObject(field string, sub *Problems) {
	p.note(field)
	if p.objects == nil {
		p.objects = make(map[string]*Problems)
	}
	p.objects[field] = sub
}

// Has reports whether a field already has a problem.
func (p *Problems) Has(field string) bool {
	_, msgs := p.fields[field]
	_, items := p.items[field]
	_, object := p.objects[field]
	return msgs || items || object
}

// Empty reports whether no problem was recorded.
func (p *Problems) Empty() bool { return len(p.order) == 0 }

// Fields returns the fields with problems, in the order first reported.
func (p *Problems) Fields() []string { return p.order }

// Messages returns the messages recorded against a field.
func (p *Problems) Messages(field string) []Message { return p.fields[field] }

// Items returns the per-element problems of a list field, or nil.
func (p *Problems) Items(field string) []*Problems { return p.items[field] }

// Object returns the problems of an object field, or nil.
func (p *Problems) Object(field string) *Problems { return p.objects[field] }

// Error makes Problems usable as an error; it names the fields only.
func (p *Problems) Error() string {
	s := "clinic: invalid"
	for i, f := range p.order {
		if i == 0 {
			s += " "
		} else {
			s += ", "
		}
		s += f
	}
	return s
}
