package clinic

import (
	"errors"
	"strconv"
	"time"
)

// VitalSigns is one set of measurements taken during a visit. Every value
// is optional; decimals are exact (see Decimal).
type VitalSigns struct {
	ID                  int64     `json:"id"`
	VisitID             int64     `json:"visit"`
	MeasuredAt          time.Time `json:"measured_at"`
	WeightKg            *Decimal  `json:"weight_kg"`
	HeightCm            *Decimal  `json:"height_cm"`
	TemperatureC        *Decimal  `json:"temperature_c"`
	BPSystolic          *int64    `json:"bp_systolic"`
	BPDiastolic         *int64    `json:"bp_diastolic"`
	HeartRateBPM        *int64    `json:"heart_rate_bpm"`
	RespiratoryRateRPM  *int64    `json:"respiratory_rate_rpm"`
	OxygenSaturationPct *int64    `json:"oxygen_saturation_pct"`
	HeadCircumferenceCm *Decimal  `json:"head_circumference_cm"`
	Notes               string    `json:"notes"`
}

// VitalRange is what a measurement may be: the decimal places it is kept
// with, and the values a living patient, from the smallest premature
// newborn to the largest adult, can show. Values outside are typing
// mistakes or wrong units (pounds for kilograms, Fahrenheit for Celsius).
type VitalRange struct {
	Field  string
	Unit   string
	Places int // 0 for whole numbers
	Digits int // digits before the point, for decimals
	Min    int64
	Max    int64 // in units of the last place: 4500 is 45.00 with Places 2
}

// The accepted ranges, in one place.
//
//   - weight 0.20–650 kg: extremely premature newborns weigh from about
//     300 g; the heaviest recorded adults about 600 kg.
//   - height 20–275 cm: a 22-week newborn measures about 25 cm; the tallest
//     recorded adult 272 cm.
//   - temperature 25–45 °C: below 25 °C and above 44 °C are not survivable
//     (API.md fixes the bounds).
//   - head circumference 15–75 cm: about 20 cm at 24 weeks of gestation,
//     55–60 cm in adults, below 75 cm even in severe macrocephaly.
//   - systolic 40–300 mmHg, diastolic 10–200 mmHg, and diastolic below
//     systolic.
//   - heart rate 20–300 /min: profound bradycardia to neonatal
//     supraventricular tachycardia.
//   - respiratory rate 4–120 /min: agonal breathing to a premature newborn
//     in distress.
//   - SpO₂ 40–100 %: above 100 is impossible; 40 % is severe cyanosis.
var (
	WeightRange            = VitalRange{Field: "weight_kg", Unit: " kg", Places: 2, Digits: 3, Min: 20, Max: 65000}
	HeightRange            = VitalRange{Field: "height_cm", Unit: " cm", Places: 2, Digits: 3, Min: 2000, Max: 27500}
	TemperatureRange       = VitalRange{Field: "temperature_c", Unit: " °C", Places: 1, Digits: 3, Min: 250, Max: 450}
	HeadCircumferenceRange = VitalRange{Field: "head_circumference_cm", Unit: " cm", Places: 1, Digits: 3, Min: 150, Max: 750}
	SystolicRange          = VitalRange{Field: "bp_systolic", Unit: " mmHg", Min: 40, Max: 300}
	DiastolicRange         = VitalRange{Field: "bp_diastolic", Unit: " mmHg", Min: 10, Max: 200}
	HeartRateRange         = VitalRange{Field: "heart_rate_bpm", Unit: " /min", Min: 20, Max: 300}
	RespiratoryRateRange   = VitalRange{Field: "respiratory_rate_rpm", Unit: " /min", Min: 4, Max: 120}
	SaturationRange        = VitalRange{Field: "oxygen_saturation_pct", Unit: " %", Min: 40, Max: 100}
)

// MsgDiastolicAboveSystolic is reported when the diastolic pressure is not
// below the systolic one.
const MsgDiastolicAboveSystolic = "vitals.diastolic_not_below_systolic"

// bound formats a range bound for people: 4500 with Places 2 is "45.00".
func (r VitalRange) bound(v int64) string {
	if r.Places == 0 {
		return strconv.FormatInt(v, 10)
	}
	return Decimal{Units: v, Places: r.Places}.String()
}

// outOfRange is the message for a value outside r.
func (r VitalRange) outOfRange() Message {
	return Msg(MsgOutOfRange, "Min", r.bound(r.Min), "Max", r.bound(r.Max), "Unit", r.Unit)
}

// CheckDecimal parses a decimal measurement given as text (a JSON number's
// text or a string) and checks its places, digits and range.
func (r VitalRange) CheckDecimal(text string, probs *Problems) *Decimal {
	d, err := ParseDecimal(text, r.Places, r.Digits)
	switch {
	case errors.Is(err, ErrDecimalPlaces):
		probs.Add(r.Field, Msg(MsgDecimalPlaces, "Places", r.Places))
	case errors.Is(err, ErrDecimalDigits):
		probs.Add(r.Field, Msg(MsgDecimalDigits, "Digits", r.Digits))
	case err != nil:
		probs.Add(r.Field, Msg(MsgNotNumber))
	case d.Units < r.Min || d.Units > r.Max:
		probs.Add(r.Field, r.outOfRange())
	default:
		return &d
	}
	return nil
}

// CheckInt checks a whole-number measurement's range.
func (r VitalRange) CheckInt(v int64, probs *Problems) *int64 {
	if v < r.Min || v > r.Max {
		probs.Add(r.Field, r.outOfRange())
		return nil
	}
	return &v
}

// VitalsInput is a set of vital signs as a request gives it. Decimals are
// the text of the number or string sent; Clear lists fields sent as null.
type VitalsInput struct {
	Visit      *int64
	MeasuredAt *string
	Decimals   map[string]*string // weight_kg, height_cm, temperature_c, head_circumference_cm
	Ints       map[string]*int64  // bp_systolic, ... oxygen_saturation_pct
	Clear      map[string]bool
	Notes      *string
}

// Apply validates the input and copies it onto vs; see PatientInput.Apply
// for partial and probs. Measurements without a time are taken now.
func (in VitalsInput) Apply(vs *VitalSigns, partial bool, now time.Time, probs *Problems) {
	f := fields{partial: partial, probs: probs}
	if f.given("visit", in.Visit != nil, true) {
		vs.VisitID = *in.Visit
	}
	if f.given("measured_at", in.MeasuredAt != nil, false) {
		t, err := ParseDatetime(*in.MeasuredAt)
		if err != nil {
			probs.Add("measured_at", Msg(MsgDatetimeFormat, "Format", DatetimeFormat))
		}
		vs.MeasuredAt = t
	} else if vs.MeasuredAt.IsZero() {
		vs.MeasuredAt = now.UTC().Truncate(time.Microsecond)
	}
	for _, d := range []struct {
		r   VitalRange
		dst **Decimal
	}{
		{WeightRange, &vs.WeightKg}, {HeightRange, &vs.HeightCm},
		{TemperatureRange, &vs.TemperatureC}, {HeadCircumferenceRange, &vs.HeadCircumferenceCm},
	} {
		in.applyOne(d.r.Field, probs, func() { *d.dst = nil }, func() {
			*d.dst = d.r.CheckDecimal(*in.Decimals[d.r.Field], probs)
		})
	}
	for _, i := range []struct {
		r   VitalRange
		dst **int64
	}{
		{SystolicRange, &vs.BPSystolic}, {DiastolicRange, &vs.BPDiastolic},
		{HeartRateRange, &vs.HeartRateBPM}, {RespiratoryRateRange, &vs.RespiratoryRateRPM},
		{SaturationRange, &vs.OxygenSaturationPct},
	} {
		in.applyOne(i.r.Field, probs, func() { *i.dst = nil }, func() {
			*i.dst = i.r.CheckInt(*in.Ints[i.r.Field], probs)
		})
	}
	if vs.BPSystolic != nil && vs.BPDiastolic != nil && *vs.BPDiastolic >= *vs.BPSystolic &&
		!probs.Has("bp_diastolic") && !probs.Has("bp_systolic") {
		probs.Add("bp_diastolic", Msg(MsgDiastolicAboveSystolic))
	}
	f.text(textRule{field: "notes", max: 255}, in.Notes, &vs.Notes)
}

// applyOne clears a measurement sent as null and sets one sent with a
// value. One not sent keeps its value, on a full write too, as the
// original API does.
func (in VitalsInput) applyOne(field string, probs *Problems, clear, set func()) {
	if probs.Has(field) {
		return
	}
	switch {
	case in.Clear[field]:
		clear()
	case in.Decimals[field] != nil || in.Ints[field] != nil:
		set()
	}
}
