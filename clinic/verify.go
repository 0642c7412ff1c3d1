package clinic

import (
	"errors"
	"strconv"
	"strings"
	"time"
)

// A printed prescription carries a verification code: the prescription's
// id and the first bytes of the practice's Ed25519 signature over what the
// prescription says (SigningPayload). Ed25519 signs deterministically, so
// the daemon checks a code by signing the prescription as it stands and
// comparing: a code made up, cut short, or printed before an edit fails.

// VerifyMACSize is how many bytes of the signature a code keeps: 80 bits,
// far beyond guessing.
const VerifyMACSize = 10

// ErrVerifyCode is returned for a text that is not a verification code.
var ErrVerifyCode = errors.New("clinic: not a prescription verification code")

// crockford is Crockford's base32 alphabet: no I, L, O or U to misread.
const crockford = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

// SigningPayload is what a prescription's signature covers: its id, date,
// patient, prescriber, notes and every line, in a fixed form.
func (p *Prescription) SigningPayload() []byte {
	var b strings.Builder
	b.WriteString("clinicflow prescription v1\n")
	for _, v := range []string{
		strconv.FormatInt(p.ID, 10),
		p.CreatedAt.UTC().Format(time.RFC3339Nano),
		strconv.FormatInt(p.PatientID, 10),
		strconv.FormatInt(p.PrescriberID, 10),
		p.Notes,
	} {
		b.WriteString(v)
		b.WriteByte('\x1e')
	}
	for _, it := range p.Items {
		for _, v := range []string{strconv.FormatInt(it.MedicationID, 10), it.Dosage, it.Route,
			it.Frequency, it.Duration, it.Instructions, strconv.FormatBool(it.AllowOutsidePurchase)} {
			b.WriteString(v)
			b.WriteByte('\x1f')
		}
		b.WriteByte('\x1e')
	}
	return []byte(b.String())
}

// FormatVerifyCode writes a code: RX-<id>-<16 base32 characters>.
func FormatVerifyCode(id int64, mac []byte) string {
	var b strings.Builder
	b.WriteString("RX-")
	b.WriteString(strconv.FormatInt(id, 10))
	b.WriteByte('-')
	// 10 bytes are 80 bits: 16 characters of 5 bits.
	var acc uint64
	bits := 0
	for _, c := range mac[:VerifyMACSize] {
		acc = acc<<8 | uint64(c)
		bits += 8
		for bits >= 5 {
			bits -= 5
			b.WriteByte(crockford[(acc>>bits)&31])
		}
	}
	return b.String()
}

// ParseVerifyCode reads a code, forgiving case, spaces and the letters
// people mistake for digits (O for 0, I and L for 1).
func ParseVerifyCode(code string) (int64, []byte, error) {
	code = strings.ToUpper(strings.Join(strings.Fields(code), ""))
	rest, ok := strings.CutPrefix(code, "RX-")
	if !ok {
		return 0, nil, ErrVerifyCode
	}
	idText, sig, ok := strings.Cut(rest, "-")
	id, err := strconv.ParseInt(idText, 10, 64)
	if !ok || err != nil || id <= 0 || len(sig) != VerifyMACSize*8/5 {
		return 0, nil, ErrVerifyCode
	}
	mac := make([]byte, 0, VerifyMACSize)
	var acc uint64
	bits := 0
	for _, r := range strings.NewReplacer("O", "0", "I", "1", "L", "1").Replace(sig) {
		v := strings.IndexRune(crockford, r)
		if v < 0 {
			return 0, nil, ErrVerifyCode
		}
		acc = acc<<5 | uint64(v)
		bits += 5
		if bits >= 8 {
			bits -= 8
			mac = append(mac, byte(acc>>bits))
		}
	}
	return id, mac, nil
}

// PrescriberName is how a prescription names its doctor: the display
// name, else "Dr. First Last", else "Dr. username".
func (u *User) PrescriberName() string {
	if name := strings.TrimSpace(u.DisplayName); name != "" {
		return name
	}
	if name := strings.TrimSpace(u.FirstName + " " + u.LastName); name != "" {
		return "Dr. " + name
	}
	return "Dr. " + u.Username
}
