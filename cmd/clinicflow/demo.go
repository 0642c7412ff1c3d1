package main

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strconv"
	"time"

	"github.com/spf13/cobra"

	"clinicflow/client"
	"clinicflow/clinic"
)

// demoOptions are the flags of demo.
type demoOptions struct {
	patients int
	seed     uint64
}

func newDemoCmd(a *app) *cobra.Command {
	var o demoOptions
	cmd := &cobra.Command{
		Use:   "demo",
		Short: "Fill a server with plainly fictitious data to try clinicflow",
		Long: `Create, through the API, a practice to try clinicflow with: patients with
French and English names (babies and children among them, with their
growth measured at each visit), a formulary, common prescription templates
in both languages, prescriptions made from them, and a week of
appointments. Every name, address and number is made up. Run it signed in
as a doctor: only doctors prescribe.`,
		Example: "  clinicflow demo\n  clinicflow demo --patients 200 --seed 7",
		Args:    exactArgs(0),
		PreRunE: a.prepare,
		RunE: func(cmd *cobra.Command, args []string) error {
			if o.patients < 1 || o.patients > 100_000 {
				return usageError{fmt.Errorf("--patients %d: want 1 to 100000", o.patients)}
			}
			c, err := a.apiClient()
			if err != nil {
				return err
			}
			d := &demo{a: a, c: c, ctx: a.ctx(cmd), rnd: rand.New(rand.NewPCG(o.seed, 2026))}
			return d.run(o.patients)
		},
	}
	cmd.Flags().IntVar(&o.patients, "patients", 40, "how many patients")
	cmd.Flags().Uint64Var(&o.seed, "seed", 1, "seed of the made-up data: the same seed makes the same practice")
	return cmd
}

// demo is one run of the demo command.
type demo struct {
	a         *app
	c         *client.Client
	ctx       context.Context
	rnd       *rand.Rand
	meds      map[string]int64
	templates []clinic.TemplateWrite
	counts    struct{ patients, visits, vitals, prescriptions, appointments int }
	// booked spans the days of the appointments booked, in the clinic's
	// time zone.
	booked struct{ first, last time.Time }
}

var (
	demoFirstF = []string{"Zoé", "Léa", "Chloé", "Inès", "Amélie", "Olivia", "Emily", "Sophie", "Maëlle", "Hélène"}
	demoFirstM = []string{"Hugo", "Théo", "Noah", "Lucas", "Jack", "Oliver", "Gaspard", "Mathis", "Rémi", "Liam"}
	demoLast   = []string{"Martin", "Lefèvre", "Dubois", "Nguyễn", "Smith", "Johnson", "Brown", "Moreau",
		"Girard", "Ørsted", "Fontaine", "Taylor", "Rousseau", "O'Brien", "Lemaître"}
	demoStreets = []string{"rue des Exemples", "avenue Imaginaire", "chemin de la Démonstration", "Sample Lane"}
)

func (d *demo) run(n int) error {
	steps := []struct {
		name string
		fn   func() error
	}{
		{"formulary", d.formulary},
		{"templates", d.makeTemplates},
		{"patients", func() error { return d.practice(n) }},
		{"agenda", d.agenda},
	}
	for _, s := range steps {
		if err := s.fn(); err != nil {
			return fmt.Errorf("demo %s: %w", s.name, err)
		}
	}
	fmt.Fprintln(d.a.io.err, d.a.t("cli.demo_done", map[string]any{
		"Patients": d.counts.patients, "Visits": d.counts.visits, "Vitals": d.counts.vitals,
		"Prescriptions": d.counts.prescriptions, "Appointments": d.counts.appointments}))
	if !d.booked.first.IsZero() {
		fmt.Fprintln(d.a.io.err, d.a.t("cli.demo_agenda", map[string]any{
			"From": d.booked.first.Format(time.DateOnly),
			"To":   d.booked.last.Format(time.DateOnly)}))
	}
	return nil
}

// formulary adds the medications the templates use.
func (d *demo) formulary() error {
	d.meds = map[string]int64{}
	for _, m := range [][3]string{
		{"paracetamol", "Paracétamol", "120 mg/5 mL|suspension buvable"},
		{"amoxicillin", "Amoxicilline", "250 mg/5 mL|suspension buvable"},
		{"ibuprofen", "Ibuprofène", "100 mg/5 mL|suspension buvable"},
		{"ors", "Soluté de réhydratation orale", "|sachet"},
		{"zinc", "Zinc", "20 mg|comprimé dispersible"},
		{"salbutamol", "Salbutamol", "100 µg/dose|aérosol doseur"},
		{"cetirizine", "Cétirizine", "1 mg/mL|solution buvable"},
		{"vitd", "Cholécalciférol (vitamine D3)", "1000 UI/goutte|gouttes buvables"},
	} {
		strength, form := split2(m[2])
		med, err := d.c.CreateMedication(d.ctx, client.MedicationFields{Name: &m[1], Strength: &strength, Form: &form})
		if err != nil {
			return err
		}
		d.meds[m[0]] = med.ID
	}
	return nil
}

func split2(s string) (string, string) {
	for i := 0; i < len(s); i++ {
		if s[i] == '|' {
			return s[:i], s[i+1:]
		}
	}
	return s, ""
}

// line is a template line: medication key, dosage, route, frequency,
// duration, instructions.
type line [6]string

func (d *demo) makeTemplates() error {
	for _, t := range []struct {
		name, nameFr, desc, descFr string
		lines                      []line
	}{
		{"Uncomplicated fever", "Fièvre simple", "Antipyretic for a fever without sign of severity.",
			"Antipyrétique pour une fièvre sans signe de gravité.",
			[]line{{"paracetamol", "15 mg/kg", "orale", "toutes les 6 h si fièvre", "3 jours", "Ne pas dépasser 4 prises par jour."}}},
		{"Acute otitis media", "Otite moyenne aiguë", "First-line antibiotic course.", "Antibiothérapie de première intention.",
			[]line{{"amoxicillin", "80 mg/kg/j", "orale", "2 fois par jour", "8 jours", "Bien agiter le flacon."},
				{"paracetamol", "15 mg/kg", "orale", "toutes les 6 h si douleur", "3 jours", ""}}},
		{"Acute gastroenteritis", "Gastro-entérite aiguë", "Rehydration and zinc.", "Réhydratation et zinc.",
			[]line{{"ors", "1 sachet dans 200 mL d'eau", "orale", "après chaque selle liquide", "3 jours", "Proposer souvent, par petites quantités."},
				{"zinc", "20 mg", "orale", "1 fois par jour", "10 jours", ""}}},
		{"Asthma attack", "Crise d'asthme", "Reliever with a spacer.", "Bronchodilatateur avec chambre d'inhalation.",
			[]line{{"salbutamol", "2 bouffées", "inhalée", "toutes les 20 min la première heure", "puis à la demande", "Avec chambre d'inhalation."}}},
	} {
		items := make([]clinic.ItemWrite, len(t.lines))
		for i, l := range t.lines {
			items[i] = clinic.ItemWrite{Medication: d.meds[l[0]], Dosage: l[1], Route: l[2], Frequency: l[3],
				Duration: l[4], Instructions: l[5]}
		}
		tw, err := d.c.CreateTemplate(d.ctx, client.TemplateFields{Name: &t.name, NameFr: &t.nameFr,
			Description: &t.desc, DescriptionFr: &t.descFr, Items: &items})
		if err != nil {
			return err
		}
		d.templates = append(d.templates, *tw)
	}
	return nil
}

// practice creates the patients with their visits, growth and
// prescriptions.
func (d *demo) practice(n int) error {
	me, err := d.c.Me(d.ctx)
	if err != nil {
		return err
	}
	prescribes := me.Profile.Role == clinic.RoleDoctor
	now := time.Now()
	for i := 0; i < n; i++ {
		p, ageMonths, err := d.patient(i, now)
		if err != nil {
			return err
		}
		if err := d.history(p, ageMonths, now, prescribes); err != nil {
			return err
		}
		if isTerminal(d.a.io.err) {
			fmt.Fprintf(d.a.io.err, "\r%d/%d", i+1, n)
		}
	}
	if isTerminal(d.a.io.err) {
		fmt.Fprintln(d.a.io.err)
	}
	return nil
}

// patient creates the i-th patient: six in ten are children, a third of
// those babies under two.
func (d *demo) patient(i int, now time.Time) (*clinic.Patient, int, error) {
	r := d.rnd
	sex, first := "F", demoFirstF[r.IntN(len(demoFirstF))]
	if r.IntN(2) == 0 {
		sex, first = "M", demoFirstM[r.IntN(len(demoFirstM))]
	}
	var months int
	switch k := r.IntN(10); {
	case k < 2:
		months = 1 + r.IntN(23)
	case k < 6:
		months = 24 + r.IntN(12*14)
	default:
		months = 12 * (18 + r.IntN(70))
	}
	born := now.AddDate(0, -months, -r.IntN(28)).Format(time.DateOnly)
	last := demoLast[r.IntN(len(demoLast))]
	f := client.PatientFields{FirstName: &first, LastName: &last, Sex: &sex, DateOfBirth: &born,
		Address: client.String(fmt.Sprintf("%d %s, Demoville", 1+r.IntN(180), demoStreets[r.IntN(len(demoStreets))])),
		Phone:   client.String(fmt.Sprintf("+33 1 00 00 %02d %02d", i/100%100, i%100)),
		Email:   client.String(fmt.Sprintf("patient%d@example.org", i+1))}
	p, err := d.c.CreatePatient(d.ctx, f)
	if err != nil {
		return nil, 0, err
	}
	d.counts.patients++
	return p, months, nil
}

// history records one to three visits, each with a set of vital signs
// (a child's growth among them), and a prescription from a template at
// half of them.
func (d *demo) history(p *clinic.Patient, ageMonths int, now time.Time, prescribes bool) error {
	visits := 1 + d.rnd.IntN(3)
	for k := visits; k >= 1; k-- {
		back := k * (1 + d.rnd.IntN(3)) // months ago
		if back >= ageMonths {
			back = ageMonths / (k + 1)
		}
		at := now.AddDate(0, -back, -d.rnd.IntN(20)).Truncate(15 * time.Minute)
		complaint := []string{"Fièvre", "Toux", "Diarrhée", "Otalgie", "Contrôle de croissance", "Sifflements"}[d.rnd.IntN(6)]
		v, err := d.c.CreateVisit(d.ctx, client.VisitFields{Patient: &p.ID, VisitDate: &at,
			ChiefComplaint: &complaint, PhysicalExam: client.String("Examen clinique sans particularité.")})
		if err != nil {
			return err
		}
		d.counts.visits++
		if err := d.vitals(v.ID, at.Add(10*time.Minute), ageMonths-back); err != nil {
			return err
		}
		if prescribes && d.rnd.IntN(2) == 0 {
			if err := d.prescribe(p.ID, v.ID); err != nil {
				return err
			}
		}
	}
	return nil
}

// vitals measures a patient of ageMonths, roughly along the growth curves.
func (d *demo) vitals(visit int64, at time.Time, ageMonths int) error {
	m := float64(max(ageMonths, 0))
	var weight, height float64
	switch {
	case m < 12:
		weight, height = 3.4+0.55*m, 50+2.1*m
	case m < 12*15:
		weight, height = 9.6+0.18*(m-12), 75+0.55*(m-12)
	default:
		weight, height = 55+d.rnd.Float64()*30, 155+d.rnd.Float64()*30
	}
	weight *= 0.9 + d.rnd.Float64()*0.2
	f := client.VitalsFields{Visit: &visit, MeasuredAt: &at,
		WeightKg:     client.String(strconv.FormatFloat(weight, 'f', 2, 64)),
		HeightCm:     client.String(strconv.FormatFloat(height, 'f', 1, 64)),
		TemperatureC: client.String(strconv.FormatFloat(36.5+d.rnd.Float64()*2.5, 'f', 1, 64)),
		HeartRateBPM: new(int64(70 + d.rnd.IntN(60))),
	}
	if m < 36 {
		head := 35 + 10*(1-1/(1+m/6))
		f.HeadCircumferenceCm = client.String(strconv.FormatFloat(head, 'f', 1, 64))
	} else {
		f.BPSystolic, f.BPDiastolic = new(int64(100+d.rnd.IntN(30))), new(int64(60+d.rnd.IntN(20)))
	}
	if _, err := d.c.CreateVitals(d.ctx, f); err != nil {
		return err
	}
	d.counts.vitals++
	return nil
}

// prescribe makes a prescription from one of the templates.
func (d *demo) prescribe(patient, visit int64) error {
	t := d.templates[d.rnd.IntN(len(d.templates))]
	_, err := d.c.CreatePrescription(d.ctx, client.PrescriptionFields{Patient: &patient, Visit: &visit,
		TemplateUsed: &t.ID, Items: &t.Items})
	if err == nil {
		d.counts.prescriptions++
	}
	return err
}

// agenda books the coming week's working days, 9:00 to 12:00, with the
// patients created, in the clinic's time zone.
func (d *demo) agenda() error {
	var ids []int64
	for p, err := range d.c.Patients(d.ctx, client.PatientQuery{Ordering: []string{"-created_at"}}) {
		if err != nil {
			return err
		}
		ids = append(ids, p.ID)
		if len(ids) == d.counts.patients {
			break
		}
	}
	day := time.Now().In(d.a.loc)
	booked := 0
	for days := 1; days <= 7; days++ {
		date := day.AddDate(0, 0, days)
		if date.Weekday() == time.Saturday || date.Weekday() == time.Sunday {
			continue
		}
		for slot := 0; slot < 6 && booked < len(ids); slot++ {
			at := time.Date(date.Year(), date.Month(), date.Day(), 9, 30*slot, 0, 0, d.a.loc)
			status := []string{"SCHEDULED", "CONFIRMED"}[d.rnd.IntN(2)]
			reason := []string{"Contrôle", "Vaccination", "Suivi de croissance", "Renouvellement"}[d.rnd.IntN(4)]
			if _, err := d.c.CreateAppointment(d.ctx, client.AppointmentFields{PatientID: &ids[booked], ScheduledAt: &at,
				Status: &status, Reason: &reason}); err != nil {
				return err
			}
			booked++
			d.counts.appointments++
			if d.booked.first.IsZero() {
				d.booked.first = at
			}
			d.booked.last = at
		}
	}
	return nil
}
