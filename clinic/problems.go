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
)

// Problems collects validation messages by field, keeping the order in which
// fields were first reported so that answers read like the request.
// The zero value is ready to use.
type Problems struct {
	order  []string
	fields map[string][]Message
}

// Add records a message against a field.
func (p *Problems) Add(field string, m Message) {
	if p.fields == nil {
		p.fields = make(map[string][]Message)
	}
	if _, seen := p.fields[field]; !seen {
		p.order = append(p.order, field)
	}
	p.fields[field] = append(p.fields[field], m)
}

// Has reports whether a field already has a problem.
func (p *Problems) Has(field string) bool {
	_, ok := p.fields[field]
	return ok
}

// Empty reports whether no problem was recorded.
func (p *Problems) Empty() bool { return len(p.order) == 0 }

// Fields returns the fields with problems, in the order first reported.
func (p *Problems) Fields() []string { return p.order }

// Messages returns the messages recorded against a field.
func (p *Problems) Messages(field string) []Message { return p.fields[field] }

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
