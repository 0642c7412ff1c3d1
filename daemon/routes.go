package daemon

// routeTable is every route the daemon serves. The OpenAPI document
// describes each one (openapi.go); a test fails when one is missing there.
func (s *Server) routeTable() []route {
	return []route{
		{method: "GET", path: "/healthz", public: true, handle: s.healthz},
		{method: "GET", path: "/readyz", public: true, handle: s.readyz},
		{method: "GET", path: "/api/schema/", public: true, handle: s.schema},

		{method: "POST", path: "/api/auth/login/", public: true, handle: s.login},
		{method: "POST", path: "/api/auth/token/refresh/", public: true, handle: s.refresh},
		{method: "POST", path: "/api/auth/refresh/", public: true, handle: s.refresh},
		{method: "POST", path: "/api/auth/logout/", handle: s.logout},
		{method: "GET", path: "/api/auth/me/", handle: s.me},
		{method: "PATCH", path: "/api/auth/profile/", handle: s.updateProfile},
		{method: "POST", path: "/api/auth/change-password/", handle: s.changePassword},

		{method: "GET", path: "/api/patients/", handle: s.listPatients},
		{method: "POST", path: "/api/patients/", handle: s.createPatient},
		{method: "GET", path: "/api/patients/:id/", handle: s.getPatient},
		{method: "PUT", path: "/api/patients/:id/", handle: s.updatePatient},
		{method: "PATCH", path: "/api/patients/:id/", handle: s.updatePatient},
		{method: "DELETE", path: "/api/patients/:id/", handle: s.deletePatient},
		{method: "POST", path: "/api/patients/:id/archive/", handle: s.archivePatient},
		{method: "POST", path: "/api/patients/:id/restore/", handle: s.restorePatient},

		{method: "GET", path: "/api/visits/", handle: s.listVisits},
		{method: "POST", path: "/api/visits/", handle: s.createVisit},
		{method: "GET", path: "/api/visits/:id/", handle: s.getVisit},
		{method: "PUT", path: "/api/visits/:id/", handle: s.updateVisit},
		{method: "PATCH", path: "/api/visits/:id/", handle: s.updateVisit},
		{method: "DELETE", path: "/api/visits/:id/", handle: s.deleteVisit},
		{method: "GET", path: "/api/visits/vitals/", handle: s.listVitals},
		{method: "POST", path: "/api/visits/vitals/", handle: s.createVitals},
		{method: "GET", path: "/api/visits/vitals/:vitals_id/", handle: s.getVitals},
		{method: "PUT", path: "/api/visits/vitals/:vitals_id/", handle: s.updateVitals},
		{method: "PATCH", path: "/api/visits/vitals/:vitals_id/", handle: s.updateVitals},
		{method: "DELETE", path: "/api/visits/vitals/:vitals_id/", handle: s.deleteVitals},

		{method: "GET", path: "/api/audit/", handle: s.listAudit},
	}
}
