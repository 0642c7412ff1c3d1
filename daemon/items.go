package daemon

import (
	"bytes"
	"encoding/json"
	"strconv"

	"clinicflow/clinic"
)

// itemList is a list of medication lines read from a body, with the
// problems of each line.
type itemList struct {
	given bool
	items []clinic.Item
	probs []*clinic.Problems
}

// items reads the medication lines of a list field. outside says whether
// the lines carry allow_outside_purchase (prescriptions do, templates not).
// A field that is not a list is a problem on the field.
func (b body) items(name string, outside bool) itemList {
	raw, ok := b.raw[name]
	if !ok {
		return itemList{}
	}
	var elems []json.RawMessage
	if err := json.Unmarshal(raw, &elems); err != nil || elems == nil {
		v, _, _ := b.value(name)
		if v == nil {
			b.probs.Add(name, clinic.Msg(clinic.MsgNull))
			return itemList{}
		}
		var sub clinic.Problems
		sub.Add("non_field_errors", clinic.Msg(clinic.MsgNotAList, "Type", jsonKind(v)))
		b.probs.AddObject(name, &sub)
		return itemList{}
	}
	list := itemList{given: true, items: make([]clinic.Item, len(elems)), probs: make([]*clinic.Problems, len(elems))}
	for i, elem := range elems {
		p := &clinic.Problems{}
		list.probs[i] = p
		fields := map[string]json.RawMessage{}
		if err := json.Unmarshal(elem, &fields); err != nil || bytes.Equal(bytes.TrimSpace(elem), []byte("null")) {
			var v any
			json.Unmarshal(elem, &v)
			p.Add("non_field_errors", clinic.Msg("http.not_an_object", "Type", jsonKind(v)))
			continue
		}
		item := body{raw: fields, probs: p}
		in := clinic.ItemInput{
			Medication:   item.pk("medication"),
			Dosage:       item.str("dosage"),
			Route:        item.str("route"),
			Frequency:    item.str("frequency"),
			Duration:     item.str("duration"),
			Instructions: item.str("instructions"),
		}
		if outside {
			in.AllowOutsidePurchase = item.boolean("allow_outside_purchase")
		}
		list.items[i] = in.Apply(p)
	}
	return list
}

// checkMedications makes sure every line names an active medication,
// reporting the others on their line, and records the lines' problems on
// the body's field when there are any.
func (s *Server) checkMedications(c *call, b body, name string, list itemList) error {
	if !list.given {
		return nil
	}
	ids := make([]int64, 0, len(list.items))
	for _, it := range list.items {
		if it.MedicationID != 0 {
			ids = append(ids, it.MedicationID)
		}
	}
	meds, err := s.store.Medications(c.ctx(), ids)
	if err != nil {
		return err
	}
	bad := false
	for i, it := range list.items {
		p := list.probs[i]
		switch m := meds[it.MedicationID]; {
		case p.Has("medication") || p.Has("non_field_errors"):
		case m == nil:
			p.Add("medication", clinic.Msg(clinic.MsgPKMissing, "ID", strconv.FormatInt(it.MedicationID, 10)))
		case !m.IsActive:
			p.Add("medication", clinic.Msg("medication.inactive", "Name", m.Display()))
		}
		bad = bad || !p.Empty()
	}
	if bad {
		b.probs.AddItems(name, list.probs)
	}
	return nil
}
