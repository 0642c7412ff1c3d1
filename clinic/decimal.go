package clinic

import (
	"errors"
	"strconv"
	"strings"
)

// Decimal is an exact decimal number with a fixed count of places, kept as
// a whole count of its smallest unit: 12.35 kg with two places is 1235.
// It never passes through floating point, so 12.35 stays 12.35.
type Decimal struct {
	Units  int64
	Places int
}

// Errors of ParseDecimal.
var (
	ErrDecimalSyntax = errors.New("clinic: not a decimal number")
	ErrDecimalPlaces = errors.New("clinic: too many decimal places")
	ErrDecimalDigits = errors.New("clinic: too many digits before the point")
)

// ParseDecimal reads a plain decimal number ("12", "-3.5", "12.35") with at
// most places digits after the point and intDigits before it.
func ParseDecimal(s string, places, intDigits int) (Decimal, error) {
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(strings.TrimPrefix(s, "-"), "+")
	whole, frac, _ := strings.Cut(s, ".")
	if whole == "" && frac == "" || !allDigits(whole) || !allDigits(frac) {
		return Decimal{}, ErrDecimalSyntax
	}
	frac = strings.TrimRight(frac, "0")
	if len(frac) > places {
		return Decimal{}, ErrDecimalPlaces
	}
	whole = strings.TrimLeft(whole, "0")
	if len(whole) > intDigits {
		return Decimal{}, ErrDecimalDigits
	}
	digits := whole + frac + strings.Repeat("0", places-len(frac))
	units, err := strconv.ParseInt("0"+digits, 10, 64)
	if err != nil {
		return Decimal{}, ErrDecimalSyntax
	}
	if neg {
		units = -units
	}
	return Decimal{Units: units, Places: places}, nil
}

func allDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// String formats d with exactly its places: "12.50".
func (d Decimal) String() string {
	units := d.Units
	sign := ""
	if units < 0 {
		sign, units = "-", -units
	}
	s := strconv.FormatInt(units, 10)
	if d.Places == 0 {
		return sign + s
	}
	if len(s) <= d.Places {
		s = strings.Repeat("0", d.Places-len(s)+1) + s
	}
	cut := len(s) - d.Places
	return sign + s[:cut] + "." + s[cut:]
}

// MarshalJSON writes d as a fixed-place string, the vital signs' form.
func (d Decimal) MarshalJSON() ([]byte, error) {
	return []byte(`"` + d.String() + `"`), nil
}

// Number is a Decimal written as a JSON number (56.36) rather than a
// string, as the patient's latest weight is.
type Number struct{ Decimal }

// MarshalJSON writes n as a JSON number with no trailing zeros beyond one
// place: 56.36, 14.0.
func (n Number) MarshalJSON() ([]byte, error) {
	s := n.String()
	if strings.Contains(s, ".") {
		s = strings.TrimRight(s, "0")
		if strings.HasSuffix(s, ".") {
			s += "0"
		}
	}
	return []byte(s), nil
}

// UnmarshalJSON reads a decimal written as a string ("12.50") or a number
// (12.5), keeping the places it was written with.
func (d *Decimal) UnmarshalJSON(b []byte) error {
	s := strings.Trim(string(b), `"`)
	_, frac, _ := strings.Cut(s, ".")
	v, err := ParseDecimal(s, len(frac), 18)
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// UnmarshalJSON reads a number such as 56.36.
func (n *Number) UnmarshalJSON(b []byte) error { return n.Decimal.UnmarshalJSON(b) }
