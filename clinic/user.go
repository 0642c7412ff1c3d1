package clinic

import (
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Role is what an account may do in the practice.
type Role string

// The three roles of API.md.
const (
	RoleAdmin  Role = "admin"
	RoleDoctor Role = "doctor"
	RoleNurse  Role = "nurse"
)

// Roles lists every role, in the order they are offered to people.
var Roles = []Role{RoleAdmin, RoleDoctor, RoleNurse}

// Valid reports whether r is one of the known roles.
func (r Role) Valid() bool {
	return r == RoleAdmin || r == RoleDoctor || r == RoleNurse
}

// Display returns the label the API shows for the role.
func (r Role) Display() string {
	switch r {
	case RoleAdmin:
		return "Administrator"
	case RoleDoctor:
		return "Doctor"
	case RoleNurse:
		return "Nurse"
	}
	return string(r)
}

// User is an account with its profile.
type User struct {
	ID           int64
	Username     string
	PasswordHash string
	Email        string
	FirstName    string
	LastName     string
	IsStaff      bool
	IsSuperuser  bool
	IsActive     bool
	DateJoined   time.Time
	// TokenGeneration grows whenever the account's existing tokens must
	// stop working: a password change or a deactivation.
	TokenGeneration int64

	Role           Role
	Phone          string
	Specialization string
	LicenseNumber  string
	Department     string
	HireDate       *Date
	DisplayName    string
	Bio            string
	ClinicAddress  string
	CreatedAt      time.Time
	UpdatedAt      time.Time
}

// FullName is the first and last name, or the username when both are blank.
func (u *User) FullName() string {
	name := strings.TrimSpace(u.FirstName + " " + u.LastName)
	if name == "" {
		return u.Username
	}
	return name
}

// IsAdmin reports whether the account passes the administrator checks:
// the admin role, or a superuser of any role.
func (u *User) IsAdmin() bool { return u.IsSuperuser || u.Role == RoleAdmin }

// Password strength message ids.
const (
	MsgPasswordShort   = "password.too_short"
	MsgPasswordUpper   = "password.no_upper"
	MsgPasswordLower   = "password.no_lower"
	MsgPasswordDigit   = "password.no_digit"
	MsgPasswordSpecial = "password.no_special"
)

// MinPasswordLength is the shortest password accepted.
const MinPasswordLength = 8

// PasswordProblems returns every strength rule the password breaks, in a
// fixed order; none means the password is strong enough.
func PasswordProblems(pw string) []Message {
	var upper, lower, digit, special bool
	for _, r := range pw {
		switch {
		case unicode.IsUpper(r):
			upper = true
		case unicode.IsLower(r):
			lower = true
		case unicode.IsDigit(r):
			digit = true
		default:
			special = true
		}
	}
	var out []Message
	if utf8.RuneCountInString(pw) < MinPasswordLength {
		out = append(out, Msg(MsgPasswordShort, "Min", MinPasswordLength))
	}
	if !upper {
		out = append(out, Msg(MsgPasswordUpper))
	}
	if !lower {
		out = append(out, Msg(MsgPasswordLower))
	}
	if !digit {
		out = append(out, Msg(MsgPasswordDigit))
	}
	if !special {
		out = append(out, Msg(MsgPasswordSpecial))
	}
	return out
}

// ValidUsername reports whether name can name an account: 1 to 150
// letters, digits and @ . + - _ (the rule of the original backend).
func ValidUsername(name string) bool {
	if name == "" || utf8.RuneCountInString(name) > 150 {
		return false
	}
	for _, r := range name {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && !strings.ContainsRune("@.+-_", r) {
			return false
		}
	}
	return true
}

// ProfileInput is a partial change of the signed-in account's profile;
// nil fields are left as they are.
type ProfileInput struct {
	Email          *string
	FirstName      *string
	LastName       *string
	Phone          *string
	Specialization *string
	LicenseNumber  *string
	Department     *string
	HireDate       *string
	DisplayName    *string
	Bio            *string
	ClinicAddress  *string
}

// Apply validates the input and copies it onto u. Fields that already have
// a problem in probs (a wrong JSON type, say) are skipped. When probs is not
// empty afterwards, u must not be saved.
func (in ProfileInput) Apply(u *User, probs *Problems) {
	f := fields{partial: true, probs: probs}
	f.email("email", in.Email, &u.Email)
	f.text(textRule{field: "first_name", max: 150}, in.FirstName, &u.FirstName)
	f.text(textRule{field: "last_name", max: 150}, in.LastName, &u.LastName)
	f.text(textRule{field: "phone", max: 30}, in.Phone, &u.Phone)
	f.text(textRule{field: "specialization", max: 100}, in.Specialization, &u.Specialization)
	f.text(textRule{field: "license_number", max: 50}, in.LicenseNumber, &u.LicenseNumber)
	f.text(textRule{field: "department", max: 100}, in.Department, &u.Department)
	if f.given("hire_date", in.HireDate != nil, false) {
		u.HireDate = nil
		if *in.HireDate != "" {
			d, err := ParseDate(*in.HireDate)
			if err != nil {
				probs.Add("hire_date", Msg(MsgDateFormat, "Format", "YYYY-MM-DD"))
			}
			u.HireDate = &d
		}
	}
	f.text(textRule{field: "display_name", max: 150}, in.DisplayName, &u.DisplayName)
	f.text(textRule{field: "bio"}, in.Bio, &u.Bio)
	f.text(textRule{field: "clinic_address"}, in.ClinicAddress, &u.ClinicAddress)
}
