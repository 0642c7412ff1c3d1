package daemon

import (
	"net/http"
	"sort"
	"strconv"
	"strings"
)

// op documents one route for the OpenAPI document.
type op struct {
	tag     string
	summary string
	// body names the request schema, if the route reads one.
	body string
	// status is the success status and schema its answer's schema ("" for
	// no body); paged lists wrap schema in the page envelope.
	status int
	schema string
	paged  bool
	// query lists the query parameters the route reads.
	query []string
	// multipart: the body is a multipart/form-data form, not JSON.
	multipart bool
	// download: the answer is a file's bytes, not JSON.
	download bool
	// pdf: the answer is a PDF document.
	pdf bool
}

// docs describes every route of the route table, keyed "METHOD path".
var docs = map[string]op{
	"GET /healthz":     {tag: "health", summary: "Liveness", status: 200, schema: "Status"},
	"GET /readyz":      {tag: "health", summary: "Readiness: the database answers", status: 200, schema: "Status"},
	"GET /api/schema/": {tag: "health", summary: "This OpenAPI document", status: 200, schema: "Object"},

	"POST /api/auth/login/":         {tag: "auth", summary: "Sign in", body: "Login", status: 200, schema: "TokenPair"},
	"POST /api/auth/token/refresh/": {tag: "auth", summary: "New access token", body: "Refresh", status: 200, schema: "Access"},
	"POST /api/auth/refresh/":       {tag: "auth", summary: "New access token (alias)", body: "Refresh", status: 200, schema: "Access"},
	"POST /api/auth/logout/":        {tag: "auth", summary: "Revoke a refresh token", body: "Refresh", status: 205},
	"GET /api/auth/me/":             {tag: "auth", summary: "The signed-in account", status: 200, schema: "Me"},
	"PATCH /api/auth/profile/":      {tag: "auth", summary: "Change the signed-in account's profile", body: "ProfileInput", status: 200, schema: "Me"},
	"POST /api/auth/change-password/": {tag: "auth", summary: "Change the password; ends every token",
		body: "ChangePassword", status: 200, schema: "Message"},

	"GET /api/patients/": {tag: "patients", summary: "List patients", status: 200, schema: "Patient", paged: true,
		query: []string{"page", "page_size", "search", "ordering", "archived"}},
	"POST /api/patients/":             {tag: "patients", summary: "Create a patient", body: "PatientInput", status: 201, schema: "Patient"},
	"GET /api/patients/:id/":          {tag: "patients", summary: "A patient", status: 200, schema: "Patient"},
	"PUT /api/patients/:id/":          {tag: "patients", summary: "Replace a patient", body: "PatientInput", status: 200, schema: "Patient"},
	"PATCH /api/patients/:id/":        {tag: "patients", summary: "Change a patient", body: "PatientInput", status: 200, schema: "Patient"},
	"DELETE /api/patients/:id/":       {tag: "patients", summary: "Archive a patient", status: 204},
	"POST /api/patients/:id/archive/": {tag: "patients", summary: "Archive a patient", status: 200, schema: "Detail"},
	"POST /api/patients/:id/restore/": {tag: "patients", summary: "Restore an archived patient (administrators)", status: 200, schema: "Detail"},

	// Patient files.
	"GET /api/patients/:id/files/": {tag: "files", summary: "List a patient's files, newest first", status: 200,
		schema: "PatientFile", paged: true, query: []string{"page", "page_size"}},
	"POST /api/patients/:id/files/": {tag: "files", summary: "Upload a file (PDF, JPEG, PNG, GIF, DOC, DOCX; 10 MiB)",
		body: "PatientFileUpload", multipart: true, status: 201, schema: "PatientFile"},
	"GET /api/patients/:id/files/:file_id/": {tag: "files", summary: "A patient's file", status: 200,
		schema: "PatientFile"},
	"PATCH /api/patients/:id/files/:file_id/": {tag: "files", summary: "Change a file's category and description",
		body: "PatientFileInput", status: 200, schema: "PatientFile"},
	"DELETE /api/patients/:id/files/:file_id/": {tag: "files", summary: "Delete a file and its bytes", status: 204},
	"GET /api/patients/:id/files/:file_id/download/": {tag: "files", summary: "A file's bytes, as uploaded",
		status: 200, download: true},

	"GET /api/visits/": {tag: "visits", summary: "List visits, newest first", status: 200, schema: "Visit",
		paged: true, query: []string{"page", "page_size", "patient", "search"}},
	"POST /api/visits/":      {tag: "visits", summary: "Record a visit", body: "VisitInput", status: 201, schema: "Visit"},
	"GET /api/visits/:id/":   {tag: "visits", summary: "A visit with its vital signs", status: 200, schema: "Visit"},
	"PUT /api/visits/:id/":   {tag: "visits", summary: "Replace a visit", body: "VisitInput", status: 200, schema: "Visit"},
	"PATCH /api/visits/:id/": {tag: "visits", summary: "Change a visit", body: "VisitInput", status: 200, schema: "Visit"},
	"GET /api/visits/:id/pdf/": {tag: "visits", summary: "The visit summary PDF, signed by the caller",
		status: 200, pdf: true, query: []string{"lang"}},
	"DELETE /api/visits/:id/": {tag: "visits", summary: "Delete a visit and its vital signs", status: 204},
	"GET /api/visits/vitals/": {tag: "visits", summary: "List vital signs, newest first", status: 200,
		schema: "VitalSigns", paged: true, query: []string{"page", "page_size", "visit"}},
	"POST /api/visits/vitals/": {tag: "visits", summary: "Record vital signs", body: "VitalSignsInput",
		status: 201, schema: "VitalSigns"},
	"GET /api/visits/vitals/:vitals_id/": {tag: "visits", summary: "A set of vital signs", status: 200,
		schema: "VitalSigns"},
	"PUT /api/visits/vitals/:vitals_id/": {tag: "visits", summary: "Replace a set of vital signs",
		body: "VitalSignsInput", status: 200, schema: "VitalSigns"},
	"PATCH /api/visits/vitals/:vitals_id/": {tag: "visits", summary: "Change a set of vital signs",
		body: "VitalSignsInput", status: 200, schema: "VitalSigns"},
	"DELETE /api/visits/vitals/:vitals_id/": {tag: "visits", summary: "Delete a set of vital signs", status: 204},

	// The agenda.
	"GET /api/appointments/": {tag: "appointments", summary: "List appointments, latest first", status: 200,
		schema: "Appointment", paged: true, query: []string{"page", "page_size", "patient", "status",
			"upcoming", "start_date", "end_date"}},
	"POST /api/appointments/": {tag: "appointments", summary: "Book an appointment", body: "AppointmentInput",
		status: 201, schema: "Appointment"},
	"GET /api/appointments/doctors/": {tag: "appointments", summary: "The doctors and nurses, by name",
		status: 200, schema: "ClinicianList"},
	"GET /api/appointments/:id/": {tag: "appointments", summary: "An appointment", status: 200, schema: "Appointment"},
	"PUT /api/appointments/:id/": {tag: "appointments", summary: "Replace an appointment", body: "AppointmentInput",
		status: 200, schema: "Appointment"},
	"PATCH /api/appointments/:id/": {tag: "appointments", summary: "Change an appointment", body: "AppointmentInput",
		status: 200, schema: "Appointment"},
	"DELETE /api/appointments/:id/": {tag: "appointments", summary: "Delete an appointment", status: 204},
	"GET /api/auth/availability/": {tag: "availability", summary: "The signed-in account's availability, by date",
		status: 200, schema: "AvailabilityList", query: []string{"year", "month"}},
	"POST /api/auth/availability/": {tag: "availability", summary: "Say what one day is (201 new, 200 replaced)",
		body: "AvailabilityInput", status: 201, schema: "Availability"},
	"DELETE /api/auth/availability/": {tag: "availability", summary: "Forget what one day was", status: 204,
		query: []string{"date"}},
	"POST /api/auth/availability/bulk/": {tag: "availability", summary: "Say what several days are, all or none",
		body: "AvailabilityBulk", status: 200, schema: "AvailabilityBulkReply"},
	"GET /api/auth/doctors/:id/availability/": {tag: "availability", summary: "An account's availability, by date",
		status: 200, schema: "AvailabilityList", query: []string{"year", "month"}},

	// Prescriptions, their medications and templates.
	"GET /api/prescriptions/": {tag: "prescriptions", summary: "List prescriptions, newest first", status: 200,
		schema: "PrescriptionSummary", paged: true, query: []string{"page", "page_size", "patient", "visit"}},
	"POST /api/prescriptions/": {tag: "prescriptions", summary: "Prescribe (doctors); the caller is the prescriber",
		body: "PrescriptionInput", status: 201, schema: "PrescriptionWrite"},
	"GET /api/prescriptions/:id/": {tag: "prescriptions", summary: "A prescription with its lines", status: 200,
		schema: "Prescription"},
	"PUT /api/prescriptions/:id/": {tag: "prescriptions", summary: "Replace a prescription (doctors)",
		body: "PrescriptionInput", status: 200, schema: "PrescriptionWrite"},
	"PATCH /api/prescriptions/:id/": {tag: "prescriptions", summary: "Change a prescription (doctors)",
		body: "PrescriptionInput", status: 200, schema: "PrescriptionWrite"},
	"GET /api/prescriptions/:id/pdf/": {tag: "prescriptions", summary: "The signed prescription PDF",
		status: 200, pdf: true, query: []string{"lang"}},
	"DELETE /api/prescriptions/:id/": {tag: "prescriptions", summary: "Delete a prescription (doctors)", status: 204},
	"GET /api/prescriptions/verify/:code/": {tag: "prescriptions", summary: "Check a printed prescription's code (no sign-in)",
		status: 200, schema: "Verification"},
	"GET /api/prescriptions/medications/": {tag: "prescriptions", summary: "List active medications by name",
		status: 200, schema: "Medication", paged: true, query: []string{"page", "page_size", "search"}},
	"POST /api/prescriptions/medications/": {tag: "prescriptions", summary: "Add a medication",
		body: "MedicationInput", status: 201, schema: "Medication"},
	"GET /api/prescriptions/medications/:medication_id/": {tag: "prescriptions", summary: "An active medication",
		status: 200, schema: "Medication"},
	"PUT /api/prescriptions/medications/:medication_id/": {tag: "prescriptions", summary: "Replace a medication",
		body: "MedicationInput", status: 200, schema: "Medication"},
	"PATCH /api/prescriptions/medications/:medication_id/": {tag: "prescriptions", summary: "Change a medication",
		body: "MedicationInput", status: 200, schema: "Medication"},
	"DELETE /api/prescriptions/medications/:medication_id/": {tag: "prescriptions",
		summary: "Deactivate a medication", status: 204},
	"GET /api/prescriptions/templates/": {tag: "prescriptions", summary: "List prescription templates by name",
		status: 200, schema: "TemplateSummary", paged: true, query: []string{"page", "page_size", "search"}},
	"POST /api/prescriptions/templates/": {tag: "prescriptions", summary: "Create a template",
		body: "TemplateInput", status: 201, schema: "TemplateWrite"},
	"GET /api/prescriptions/templates/:template_id/": {tag: "prescriptions", summary: "A template with its lines",
		status: 200, schema: "Template"},
	"PUT /api/prescriptions/templates/:template_id/": {tag: "prescriptions", summary: "Replace a template",
		body: "TemplateInput", status: 200, schema: "TemplateWrite"},
	"PATCH /api/prescriptions/templates/:template_id/": {tag: "prescriptions", summary: "Change a template",
		body: "TemplateInput", status: 200, schema: "TemplateWrite"},
	"DELETE /api/prescriptions/templates/:template_id/": {tag: "prescriptions", summary: "Delete a template",
		status: 204},

	"GET /api/audit/": {tag: "audit", summary: "The audit trail (administrators)", status: 200, schema: "AuditEvent",
		paged: true, query: []string{"page", "page_size", "patient", "user", "since"}},
}

// schema: GET /api/schema/.
func (s *Server) schema(c *call) { c.json(http.StatusOK, s.openAPI()) }

// openAPI builds the OpenAPI 3.1 document from the route table.
func (s *Server) openAPI() map[string]any {
	paths := map[string]map[string]any{}
	for _, rt := range s.routes {
		d, ok := docs[rt.method+" "+rt.path]
		if !ok {
			continue
		}
		path := openAPIPath(rt.path)
		if paths[path] == nil {
			paths[path] = map[string]any{}
		}
		paths[path][strings.ToLower(rt.method)] = operation(rt, d)
	}
	return map[string]any{
		"openapi": "3.1.0",
		"info": map[string]any{
			"title":       "ClinicFlow API",
			"version":     "1",
			"description": "The ClinicFlow REST API as clinicflow serves it.",
		},
		"paths": paths,
		"components": map[string]any{
			"schemas": schemas,
			"securitySchemes": map[string]any{
				"jwt": map[string]any{"type": "http", "scheme": "bearer", "bearerFormat": "JWT"},
			},
		},
	}
}

// openAPIPath writes httprouter's :name parameters as {name}.
func openAPIPath(p string) string {
	segs := strings.Split(p, "/")
	for i, s := range segs {
		if strings.HasPrefix(s, ":") {
			segs[i] = "{" + s[1:] + "}"
		}
	}
	return strings.Join(segs, "/")
}

func operation(rt route, d op) map[string]any {
	o := map[string]any{
		"tags":        []string{d.tag},
		"summary":     d.summary,
		"operationId": strings.ToLower(rt.method) + strings.NewReplacer("/", "_", ":", "", "-", "_").Replace(strings.TrimSuffix(rt.path, "/")),
		"responses":   responses(rt, d),
	}
	var params []any
	for _, seg := range strings.Split(rt.path, "/") {
		if strings.HasPrefix(seg, ":") {
			params = append(params, map[string]any{"name": seg[1:], "in": "path", "required": true,
				"schema": map[string]any{"type": "integer", "minimum": 1}})
		}
	}
	for _, q := range d.query {
		params = append(params, map[string]any{"name": q, "in": "query", "schema": map[string]any{"type": "string"}})
	}
	if params != nil {
		o["parameters"] = params
	}
	if d.body != "" {
		media := "application/json"
		if d.multipart {
			media = "multipart/form-data"
		}
		o["requestBody"] = map[string]any{"required": true, "content": map[string]any{
			media: map[string]any{"schema": ref(d.body)},
		}}
	}
	if !rt.public {
		o["security"] = []any{map[string]any{"jwt": []string{}}}
	}
	return o
}

func responses(rt route, d op) map[string]any {
	ok := map[string]any{"description": http.StatusText(d.status)}
	if d.schema != "" {
		sch := ref(d.schema)
		if d.paged {
			sch = map[string]any{"allOf": []any{ref("Page"), map[string]any{
				"properties": map[string]any{"results": map[string]any{"type": "array", "items": ref(d.schema)}},
			}}}
		}
		ok["content"] = map[string]any{"application/json": map[string]any{"schema": sch}}
	}
	if d.download {
		ok["content"] = map[string]any{"application/octet-stream": map[string]any{"schema": binary}}
	}
	if d.pdf {
		ok["content"] = map[string]any{"application/pdf": map[string]any{"schema": binary}}
	}
	out := map[string]any{strconv.Itoa(d.status): ok}
	errs := []int{}
	if d.body != "" || strings.Contains(rt.path, ":") || d.paged {
		errs = append(errs, 400)
	}
	if !rt.public {
		errs = append(errs, 401, 403)
	}
	if strings.Contains(rt.path, ":") || d.paged {
		errs = append(errs, 404)
	}
	if rt.path == "/api/auth/login/" {
		errs = append(errs, 401, 429)
	}
	if d.multipart {
		errs = append(errs, 413, 415)
	}
	sort.Ints(errs)
	for _, code := range errs {
		sch := ref("Detail")
		if code == 400 {
			sch = ref("ValidationError")
		}
		out[strconv.Itoa(code)] = map[string]any{"description": http.StatusText(code),
			"content": map[string]any{"application/json": map[string]any{"schema": sch}}}
	}
	return out
}

func arrayOf(name string) map[string]any {
	return map[string]any{"type": "array", "items": ref(name)}
}

func ref(name string) map[string]any {
	return map[string]any{"$ref": "#/components/schemas/" + name}
}

// Schema helpers.
func obj(props map[string]any, required ...string) map[string]any {
	o := map[string]any{"type": "object", "properties": props}
	if len(required) > 0 {
		o["required"] = required
	}
	return o
}

var (
	str      = map[string]any{"type": "string"}
	integer  = map[string]any{"type": "integer"}
	boolean  = map[string]any{"type": "boolean"}
	dateT    = map[string]any{"type": "string", "format": "date"}
	datetime = map[string]any{"type": "string", "format": "date-time"}
	// Vital-sign decimals: fixed-place strings out, a number or a numeric
	// string in.
	decimalOut = map[string]any{"type": []string{"string", "null"}, "pattern": `^-?\d+\.\d+$`}
	decimalIn  = map[string]any{"type": []string{"number", "string", "null"}}
)

// The agenda's enumerations and times of day.
var (
	appointmentStatus = map[string]any{"type": "string",
		"enum": []string{"SCHEDULED", "CONFIRMED", "CANCELLED", "COMPLETED", "NO_SHOW"}}
	availabilitySlot = map[string]any{"type": "string",
		"enum": []string{"morning", "afternoon", "evening", "full_day", "unavailable"}}
	timeOfDay = map[string]any{"type": []string{"string", "null"}, "pattern": `^\d\d:\d\d(:\d\d)?$`}
)

// schemaOrNull is a schema that also allows null.
func schemaOrNull(schema map[string]any) map[string]any {
	return map[string]any{"oneOf": []any{schema, map[string]any{"type": "null"}}}
}

func nullable(t string, format ...string) map[string]any {
	m := map[string]any{"type": []string{t, "null"}}
	if len(format) > 0 {
		m["format"] = format[0]
	}
	return m
}

// Patient files: their categories, and bytes as OpenAPI 3.1 writes them.
var (
	fileCategory = map[string]any{"type": "string",
		"enum": []string{"lab_result", "imaging", "prescription", "consent", "insurance", "other"}}
	binary = map[string]any{"type": "string", "contentMediaType": "application/octet-stream"}
)

var schemas = map[string]any{
	"Object":  map[string]any{"type": "object"},
	"Status":  obj(map[string]any{"status": str, "database": str}),
	"Detail":  obj(map[string]any{"detail": str}, "detail"),
	"Message": obj(map[string]any{"message": str}, "message"),
	"ValidationError": map[string]any{"type": "object", "description": "One key per bad field, each a list of messages",
		"additionalProperties": map[string]any{"type": "array", "items": str}},
	"Page": obj(map[string]any{"count": integer, "next": nullable("string", "uri"),
		"previous": nullable("string", "uri"), "results": map[string]any{"type": "array"}},
		"count", "next", "previous", "results"),
	"Login":     obj(map[string]any{"username": str, "password": str}, "username", "password"),
	"Refresh":   obj(map[string]any{"refresh": str}, "refresh"),
	"TokenPair": obj(map[string]any{"refresh": str, "access": str}, "refresh", "access"),
	"Access":    obj(map[string]any{"access": str}, "access"),
	"ChangePassword": obj(map[string]any{"current_password": str, "new_password": str, "confirm_password": str},
		"current_password", "new_password", "confirm_password"),
	"ProfileInput": obj(map[string]any{"email": str, "first_name": str, "last_name": str, "phone": str,
		"specialization": str, "license_number": str, "department": str, "hire_date": nullable("string", "date"),
		"display_name": str, "bio": str, "clinic_address": str}),
	"Me": obj(map[string]any{"id": integer, "username": str, "email": str, "first_name": str, "last_name": str,
		"full_name": str, "is_staff": boolean, "is_active": boolean, "date_joined": datetime,
		"profile": obj(map[string]any{"role": map[string]any{"type": "string", "enum": []string{"admin", "doctor", "nurse"}},
			"role_display": str, "phone": str, "specialization": str, "license_number": str, "department": str,
			"hire_date": nullable("string", "date"), "display_name": str, "bio": str, "clinic_address": str,
			"avatar": nullable("string"), "created_at": datetime, "updated_at": datetime})}),
	"PatientInput": obj(map[string]any{"first_name": str, "last_name": str,
		"sex": map[string]any{"type": "string", "enum": []string{"M", "F"}}, "date_of_birth": dateT,
		"phone": str, "email": str, "address": str, "is_active": boolean},
		"first_name", "last_name", "sex", "date_of_birth", "address"),
	"Patient": obj(map[string]any{"id": integer, "patient_code": str, "first_name": str, "last_name": str,
		"sex": str, "date_of_birth": dateT, "phone": str, "email": str, "address": str, "is_active": boolean,
		"created_at": datetime, "last_visit_date": nullable("string", "date-time"),
		"next_visit_date": nullable("string", "date-time"), "latest_weight_kg": nullable("number"),
		"last_visit_id": nullable("integer")}),
	"VisitInput": obj(map[string]any{"patient": integer, "visit_date": datetime,
		"visit_type":      map[string]any{"type": "string", "enum": []string{"CONSULTATION", "FOLLOW_UP"}},
		"chief_complaint": str, "medical_history": str, "history_of_present_illness": str,
		"physical_exam": str, "complementary_exam": str, "assessment": str, "plan": str,
		"treatment": str, "notes": str}, "patient"),
	"Visit": obj(map[string]any{"id": integer, "patient": integer, "patient_name": str,
		"visit_date": datetime, "visit_type": str, "chief_complaint": str, "medical_history": str,
		"history_of_present_illness": str, "physical_exam": str, "complementary_exam": str,
		"assessment": str, "plan": str, "treatment": str, "notes": str,
		"vital_signs": map[string]any{"type": "array", "items": ref("VitalSigns")},
		"created_at":  datetime, "updated_at": datetime}),
	"VitalSignsInput": obj(map[string]any{"visit": integer, "measured_at": datetime,
		"weight_kg": decimalIn, "height_cm": decimalIn, "temperature_c": decimalIn,
		"head_circumference_cm": decimalIn, "bp_systolic": nullable("integer"),
		"bp_diastolic": nullable("integer"), "heart_rate_bpm": nullable("integer"),
		"respiratory_rate_rpm": nullable("integer"), "oxygen_saturation_pct": nullable("integer"),
		"notes": str}, "visit"),
	"VitalSigns": obj(map[string]any{"id": integer, "visit": integer, "measured_at": datetime,
		"weight_kg": decimalOut, "height_cm": decimalOut, "temperature_c": decimalOut,
		"head_circumference_cm": decimalOut, "bp_systolic": nullable("integer"),
		"bp_diastolic": nullable("integer"), "heart_rate_bpm": nullable("integer"),
		"respiratory_rate_rpm": nullable("integer"), "oxygen_saturation_pct": nullable("integer"),
		"notes": str}),
	"AppointmentInput": obj(map[string]any{"patient_id": integer, "doctor": nullable("integer"),
		"scheduled_at": datetime, "status": appointmentStatus, "reason": str, "notes": str,
		"visit": nullable("integer")}, "patient_id", "scheduled_at"),
	"Appointment": obj(map[string]any{"id": integer, "patient": obj(map[string]any{"id": integer,
		"patient_code": str, "first_name": str, "last_name": str}), "doctor": nullable("integer"),
		"doctor_details": schemaOrNull(ref("Clinician")), "scheduled_at": datetime,
		"status": appointmentStatus, "reason": str, "notes": str, "visit": nullable("integer"),
		"created_at": datetime, "updated_at": datetime}),
	"Clinician": obj(map[string]any{"id": integer, "username": str, "first_name": str, "last_name": str,
		"full_name": str, "role": map[string]any{"type": "string", "enum": []string{"doctor", "nurse"}}}),
	"ClinicianList": map[string]any{"type": "array", "items": ref("Clinician")},
	"AvailabilityInput": obj(map[string]any{"date": dateT, "slot": availabilitySlot, "notes": str,
		"start_time": timeOfDay, "end_time": timeOfDay}, "date"),
	"Availability": obj(map[string]any{"id": integer, "doctor": integer, "date": dateT,
		"slot": availabilitySlot, "slot_display": str, "start_time": timeOfDay, "end_time": timeOfDay,
		"notes": str, "created_at": datetime, "updated_at": datetime}),
	"AvailabilityList": map[string]any{"type": "array", "items": ref("Availability")},
	"AvailabilityBulk": obj(map[string]any{"availabilities": map[string]any{"type": "array",
		"items": ref("AvailabilityInput")}}, "availabilities"),
	"AvailabilityBulkReply": obj(map[string]any{"updated": integer,
		"availabilities": map[string]any{"type": "array", "items": ref("Availability")}}),
	"Medication": obj(map[string]any{"id": integer, "name": str, "form": str, "strength": str,
		"is_active": boolean}),
	"MedicationInput": obj(map[string]any{"name": str, "form": str, "strength": str, "is_active": boolean},
		"name"),
	"ItemInput": obj(map[string]any{"medication": integer, "dosage": str, "route": str, "frequency": str,
		"duration": str, "instructions": str, "allow_outside_purchase": boolean}, "medication"),
	"TemplateSummary": obj(map[string]any{"id": integer, "name": str, "name_fr": str, "description": str,
		"description_fr": str, "is_active": boolean}),
	"TemplateInput": obj(map[string]any{"name": str, "name_fr": str, "description": str,
		"description_fr": str, "is_active": boolean, "items": arrayOf("ItemInput")}, "name"),
	"TemplateWrite": obj(map[string]any{"id": integer, "name": str, "name_fr": str, "description": str,
		"description_fr": str, "is_active": boolean, "items": arrayOf("ItemInput")}),
	"Template": obj(map[string]any{"id": integer, "name": str, "name_fr": str, "description": str,
		"description_fr": str, "is_active": boolean, "items": map[string]any{"type": "array",
			"items": obj(map[string]any{"id": integer, "medication": integer, "medication_display": str,
				"dosage": str, "route": str, "frequency": str, "duration": str, "instructions": str})}}),
	"PrescriptionSummary": obj(map[string]any{"id": integer, "visit_id": nullable("integer"),
		"patient_id": integer, "patient_name": str, "created_at": datetime, "updated_at": datetime}),
	"PrescriptionInput": obj(map[string]any{"patient": integer, "visit": nullable("integer"),
		"template_used": nullable("integer"), "notes": str, "items": arrayOf("ItemInput")}, "patient", "items"),
	"PrescriptionWrite": obj(map[string]any{"id": integer, "patient": integer, "visit": nullable("integer"),
		"template_used": nullable("integer"), "notes": str, "items": arrayOf("ItemInput"),
		"created_at": datetime, "updated_at": datetime}),
	"Prescription": obj(map[string]any{"id": integer,
		"patient": obj(map[string]any{"id": integer, "patient_code": str, "first_name": str, "last_name": str}),
		"visit": map[string]any{"type": []string{"object", "null"}, "properties": map[string]any{
			"id": integer, "visit_date": datetime, "visit_type": str}},
		"template_used": nullable("integer"), "notes": str, "items": map[string]any{"type": "array",
			"items": obj(map[string]any{"id": integer, "medication": ref("Medication"), "dosage": str,
				"route": str, "frequency": str, "duration": str, "instructions": str,
				"allow_outside_purchase": boolean})},
		"created_at": datetime, "updated_at": datetime}),
	"Verification": obj(map[string]any{"valid": boolean, "detail": str, "prescription": integer,
		"date": dateT, "prescriber": str, "items": integer}, "valid"),
	"PatientFileUpload": obj(map[string]any{"file": binary, "category": fileCategory,
		"description": str}, "file"),
	"PatientFileInput": obj(map[string]any{"category": fileCategory, "description": str}),
	"PatientFile": obj(map[string]any{"id": integer, "patient": integer,
		"file_url": map[string]any{"type": "string", "format": "uri"}, "original_filename": str,
		"file_size": integer, "file_type": str, "category": fileCategory, "description": str,
		"uploaded_by": nullable("integer"), "uploaded_by_name": str, "uploaded_at": datetime}),
	"AuditEvent": obj(map[string]any{"id": integer, "at": datetime, "user": nullable("integer"), "username": str,
		"action": str, "resource": str, "resource_id": str, "patient": nullable("integer"), "remote_addr": str,
		"request_id": str, "outcome": map[string]any{"type": "string",
			"enum": []string{"success", "denied", "invalid", "not_found", "error"}}, "status": integer}),
}
