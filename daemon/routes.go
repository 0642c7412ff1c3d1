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

		// Patient files: documents kept, bytes and all, in a patient's record.
		{method: "GET", path: "/api/patients/:id/files/", handle: s.listFiles},
		{method: "POST", path: "/api/patients/:id/files/", handle: s.uploadFile},
		{method: "GET", path: "/api/patients/:id/files/:file_id/", handle: s.getFile},
		{method: "PATCH", path: "/api/patients/:id/files/:file_id/", handle: s.updateFile},
		{method: "DELETE", path: "/api/patients/:id/files/:file_id/", handle: s.deleteFile},
		{method: "GET", path: "/api/patients/:id/files/:file_id/download/", handle: s.downloadFile},

		{method: "GET", path: "/api/visits/", handle: s.listVisits},
		{method: "POST", path: "/api/visits/", handle: s.createVisit},
		{method: "GET", path: "/api/visits/:id/", handle: s.getVisit},
		{method: "PUT", path: "/api/visits/:id/", handle: s.updateVisit},
		{method: "PATCH", path: "/api/visits/:id/", handle: s.updateVisit},
		{method: "DELETE", path: "/api/visits/:id/", handle: s.deleteVisit},
		{method: "GET", path: "/api/visits/:id/pdf/", handle: s.visitPDF},
		{method: "GET", path: "/api/visits/vitals/", handle: s.listVitals},
		{method: "POST", path: "/api/visits/vitals/", handle: s.createVitals},
		{method: "GET", path: "/api/visits/vitals/:vitals_id/", handle: s.getVitals},
		{method: "PUT", path: "/api/visits/vitals/:vitals_id/", handle: s.updateVitals},
		{method: "PATCH", path: "/api/visits/vitals/:vitals_id/", handle: s.updateVitals},
		{method: "DELETE", path: "/api/visits/vitals/:vitals_id/", handle: s.deleteVitals},

		// The agenda: appointments, and each account's availability.
		{method: "GET", path: "/api/appointments/", handle: s.listAppointments},
		{method: "POST", path: "/api/appointments/", handle: s.createAppointment},
		{method: "GET", path: "/api/appointments/doctors/", handle: s.listDoctors},
		{method: "GET", path: "/api/appointments/:id/", handle: s.getAppointment},
		{method: "PUT", path: "/api/appointments/:id/", handle: s.updateAppointment},
		{method: "PATCH", path: "/api/appointments/:id/", handle: s.updateAppointment},
		{method: "DELETE", path: "/api/appointments/:id/", handle: s.deleteAppointment},
		{method: "GET", path: "/api/auth/availability/", handle: s.listAvailability},
		{method: "POST", path: "/api/auth/availability/", handle: s.saveAvailability},
		{method: "DELETE", path: "/api/auth/availability/", handle: s.deleteAvailability},
		{method: "POST", path: "/api/auth/availability/bulk/", handle: s.bulkAvailability},
		{method: "GET", path: "/api/auth/doctors/:id/availability/", handle: s.doctorAvailability},

		// Prescriptions, their medications and templates.
		{method: "GET", path: "/api/prescriptions/", handle: s.listPrescriptions},
		{method: "POST", path: "/api/prescriptions/", handle: s.createPrescription},
		{method: "GET", path: "/api/prescriptions/:id/", handle: s.getPrescription},
		{method: "PUT", path: "/api/prescriptions/:id/", handle: s.updatePrescription},
		{method: "PATCH", path: "/api/prescriptions/:id/", handle: s.updatePrescription},
		{method: "DELETE", path: "/api/prescriptions/:id/", handle: s.deletePrescription},
		{method: "GET", path: "/api/prescriptions/:id/pdf/", handle: s.prescriptionPDF},
		{method: "GET", path: "/api/prescriptions/verify/:code/", public: true, handle: s.verifyPrescription},
		{method: "GET", path: "/api/prescriptions/medications/", handle: s.listMedications},
		{method: "POST", path: "/api/prescriptions/medications/", handle: s.createMedication},
		{method: "GET", path: "/api/prescriptions/medications/:medication_id/", handle: s.getMedication},
		{method: "PUT", path: "/api/prescriptions/medications/:medication_id/", handle: s.updateMedication},
		{method: "PATCH", path: "/api/prescriptions/medications/:medication_id/", handle: s.updateMedication},
		{method: "DELETE", path: "/api/prescriptions/medications/:medication_id/", handle: s.deleteMedication},
		{method: "GET", path: "/api/prescriptions/templates/", handle: s.listTemplates},
		{method: "POST", path: "/api/prescriptions/templates/", handle: s.createTemplate},
		{method: "GET", path: "/api/prescriptions/templates/:template_id/", handle: s.getTemplate},
		{method: "PUT", path: "/api/prescriptions/templates/:template_id/", handle: s.updateTemplate},
		{method: "PATCH", path: "/api/prescriptions/templates/:template_id/", handle: s.updateTemplate},
		{method: "DELETE", path: "/api/prescriptions/templates/:template_id/", handle: s.deleteTemplate},

		{method: "GET", path: "/api/audit/", handle: s.listAudit},
	}
}
