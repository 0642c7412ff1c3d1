package main

import (
	"strings"
	"testing"
)

func TestYesNoSpeaksTheReadersLanguageInTablesOnly(t *testing.T) {
	w := newCLIWorld(t, "drhouse")
	w.mustRun(t, "", "meds", "create", "--name", "Amoxicilline", "--strength", "250 mg", "--form", "gélule")
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"meds", "show", "1", "--lang", "fr"}, "ACTIF:   oui"},
		{[]string{"meds", "show", "1", "--lang", "en"}, "ACTIVE:    yes"},
		{[]string{"meds", "show", "1", "--lang", "fr", "-o", "csv"}, "1,Amoxicilline,250 mg,gélule,true"},
	}
	for _, tt := range tests {
		if out := w.mustRun(t, "", tt.args...); !strings.Contains(out, tt.want) {
			t.Errorf("clinicflow %s printed\n%s\nwant a line %q",
				strings.Join(tt.args, " "), out, tt.want)
		}
	}
}
