package daemon

import (
	"crypto/pbkdf2"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"clinicflow/clinic"
	"clinicflow/store"
	"clinicflow/store/storetest"
)

const newPassword = "Another-pass-2"

func changePassword(current, next, confirm string) kv {
	return kv{"current_password": current, "new_password": next, "confirm_password": confirm}
}

func TestChangePasswordRefused(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st)
		tests := []struct {
			name    string
			body    any
			fixture string
			want    string
		}{
			{"missing fields", kv{}, "auth_change_password_missing_fields", ""},
			{"wrong current", changePassword("nope", newPassword, newPassword),
				"auth_change_password_wrong_current", ""},
			{"mismatch", changePassword(testPassword, newPassword, "Another-pass-3"),
				"auth_change_password_mismatch", ""},
			{"weak", changePassword(testPassword, "abc", "abc"), "auth_change_password_weak", ""},
			{"only a symbol", changePassword(testPassword, "€", "€"), "", `{"new_password": [
				"Password must be at least 8 characters long.",
				"Password must contain at least one uppercase letter.",
				"Password must contain at least one lowercase letter.",
				"Password must contain at least one digit."]}`},
			{"no lower case nor special", changePassword(testPassword, "ABCDEFG1", "ABCDEFG1"), "",
				`{"new_password": ["Password must contain at least one lowercase letter.",
				"Password must contain at least one special character (!@#$%^&*(),.?\":{}|<>)."]}`},
			{"all at once", changePassword("nope", "abc", "abd"), "", `{
				"current_password": ["Current password is incorrect."],
				"new_password": ["Password must be at least 8 characters long.",
				"Password must contain at least one uppercase letter.",
				"Password must contain at least one digit.",
				"Password must contain at least one special character (!@#$%^&*(),.?\":{}|<>)."],
				"confirm_password": ["New passwords do not match."]}`},
			{"blank", changePassword(" ", newPassword, newPassword), "",
				`{"current_password": ["This field may not be blank."]}`},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				status, _, raw := ts.do(t, "POST", "/api/auth/change-password/",
					ts.nurse.access, tt.body)
				if tt.fixture != "" {
					wantBodyOf(t, status, raw, tt.fixture)
					return
				}
				wantReply(t, status, raw, http.StatusBadRequest, tt.want)
			})
		}
		// None of the refusals changed anything.
		ts.login(t, "nurse1", testPassword)
		status, _, raw := ts.do(t, "GET", "/api/auth/me/", ts.nurse.access, nil)
		wantReply(t, status, raw, http.StatusOK, "")
	})
}

func TestChangePasswordEndsEveryToken(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st)
		status, _, raw := ts.do(t, "POST", "/api/auth/change-password/", ts.nurse.access,
			changePassword(testPassword, newPassword, newPassword))
		wantBodyOf(t, status, raw, "auth_change_password_ok")

		status, _, raw = ts.do(t, "POST", "/api/auth/login/", "",
			kv{"username": "nurse1", "password": testPassword})
		wantBodyOf(t, status, raw, "auth_login_old_password_after_change")
		access, _ := ts.login(t, "nurse1", newPassword)

		status, _, raw = ts.do(t, "GET", "/api/auth/me/", ts.nurse.access, nil)
		wantReply(t, status, raw, http.StatusUnauthorized, accessBad)
		status, _, raw = ts.do(t, "POST", "/api/auth/token/refresh/", "",
			kv{"refresh": ts.nurse.refresh})
		wantReply(t, status, raw, http.StatusUnauthorized, refreshBad)
		status, _, raw = ts.do(t, "GET", "/api/auth/me/", access, nil)
		wantReply(t, status, raw, http.StatusOK, "")

		// Other accounts keep their sessions.
		status, _, raw = ts.do(t, "GET", "/api/auth/me/", ts.doctor.access, nil)
		wantReply(t, status, raw, http.StatusOK, "")
	})
}

func TestProfilePatch(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st)
		status, _, raw := ts.do(t, "PATCH", "/api/auth/profile/", ts.doctor.access,
			kv{"phone": "+243 810 000 002", "department": "Paediatrics"})
		wantShapeOf(t, status, raw, "auth_profile_patch_ok")
		me := decode[clinic.Me](t, raw)
		if me.Profile.Phone != "+243 810 000 002" || me.Profile.Department != "Paediatrics" {
			t.Errorf("answer shows phone %q department %q, want the new values",
				me.Profile.Phone, me.Profile.Department)
		}
		if me.Email != ts.doctor.user.Email || me.Username != "drhouse" {
			t.Errorf("answer shows email %q username %q, want them unchanged",
				me.Email, me.Username)
		}
		status, _, raw = ts.do(t, "GET", "/api/auth/me/", ts.doctor.access, nil)
		wantReply(t, status, raw, http.StatusOK, "")
		if got := decode[clinic.Me](t, raw); got.Profile.Phone != "+243 810 000 002" {
			t.Errorf("me after the change: phone %q, want the new one",
				got.Profile.Phone)
		}

		status, _, raw = ts.do(t, "PATCH", "/api/auth/profile/", ts.nurse.access,
			kv{"first_name": "Nora", "last_name": "Nightingale", "hire_date": "2024-02-01"})
		wantShapeOf(t, status, raw, "auth_profile_patch_nurse_names")
		if me := decode[clinic.Me](t, raw); me.FullName != "Nora Nightingale" {
			t.Errorf("full_name %q after a change of names, want %q",
				me.FullName, "Nora Nightingale")
		}
	})
}

func TestProfileHireDate(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st)
		tests := []struct {
			hire any
			want string // "" for null
		}{
			{"2024-02-01", "2024-02-01"},
			{nil, ""},
			{"2023-05-06", "2023-05-06"},
			{"", ""},
		}
		for _, tt := range tests {
			status, _, raw := ts.do(t, "PATCH", "/api/auth/profile/", ts.doctor.access,
				kv{"hire_date": tt.hire})
			wantReply(t, status, raw, http.StatusOK, "")
			got := decode[struct{ Profile map[string]any }](t, raw).Profile["hire_date"]
			if (tt.want == "" && got != nil) || (tt.want != "" && got != tt.want) {
				t.Errorf("hire_date %v: answer %v, want %q (empty for null)",
					tt.hire, got, tt.want)
			}
		}
	})
}

func TestProfilePatchRefused(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st)
		tests := []struct {
			name    string
			body    string
			fixture string
			want    string
		}{
			{"invalid email", `{"email": "not-an-email"}`, "auth_profile_patch_invalid_email", ""},
			{"bad hire date", `{"hire_date": "2024-13-45"}`,
				"auth_profile_patch_bad_hire_date", ""},
			{"impossible hire date", `{"hire_date": "2024-02-30"}`,
				"auth_profile_patch_bad_hire_date", ""},
			{"first name too long", `{"first_name": "` + strings.Repeat("a", 151) + `"}`, "",
				`{"first_name": ["Ensure this field has no more than 150 characters."]}`},
			{"null first name", `{"first_name": null}`, "",
				`{"first_name": ["This field may not be null."]}`},
			{"NUL in bio", `{"bio": "a\u0000b"}`, "", `{"bio": ["Not a valid string."]}`},
			{"good field beside a bad one", `{"phone": "+1 555", "email": "nope"}`, "",
				`{"email": ["Enter a valid email address."]}`},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				status, _, raw := ts.do(t, "PATCH", "/api/auth/profile/",
					ts.doctor.access, tt.body)
				if tt.fixture != "" {
					wantBodyOf(t, status, raw, tt.fixture)
					return
				}
				wantReply(t, status, raw, http.StatusBadRequest, tt.want)
			})
		}
		u, err := st.User(t.Context(), ts.doctor.user.ID)
		if err != nil {
			t.Fatal(err)
		}
		if u.Phone != "" || u.Email != ts.doctor.user.Email || u.HireDate != nil ||
			u.FirstName != "Test" {
			t.Errorf("after refused changes: phone %q email %q hire %v first %q, "+
				"want all unchanged", u.Phone, u.Email, u.HireDate, u.FirstName)
		}
	})
}

// djangoHash is pw hashed the way Django's PBKDF2PasswordHasher stores it.
func djangoHash(tb testing.TB, pw, salt string, iter int) string {
	tb.Helper()
	key, err := pbkdf2.Key(sha256.New, pw, []byte(salt), iter, 32)
	if err != nil {
		tb.Fatal(err)
	}
	return fmt.Sprintf("pbkdf2_sha256$%d$%s$%s", iter, salt, base64.StdEncoding.EncodeToString(key))
}

func TestDjangoHashSignsInAndUpgrades(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st)
		legacy := testUser("legacy", clinic.RoleDoctor)
		legacy.PasswordHash = djangoHash(t, "Django-pass-1", "aSaltOfDjango", 1000)
		if err := st.CreateUser(t.Context(), legacy); err != nil {
			t.Fatal(err)
		}

		status, _, raw := ts.do(t, "POST", "/api/auth/login/", "",
			kv{"username": "legacy", "password": "Django-pass-2"})
		wantReply(t, status, raw, http.StatusUnauthorized, loginFailed)
		if u, _ := st.User(t.Context(), legacy.ID); u.PasswordHash != legacy.PasswordHash {
			t.Errorf("a wrong password changed the stored hash to %q", u.PasswordHash)
		}

		ts.login(t, "legacy", "Django-pass-1")
		u, err := st.User(t.Context(), legacy.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(u.PasswordHash, "$argon2id$") {
			t.Errorf("hash after sign-in %q, want it upgraded to $argon2id$", u.PasswordHash)
		}
		ts.login(t, "legacy", "Django-pass-1")
	})
}

// fakeClock is a settable clock for the sign-in throttle.
type fakeClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

func TestLoginThrottled(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st)
		clock := &fakeClock{now: time.Now()}
		ts.srv.throttle.mu.Lock()
		ts.srv.throttle.now = clock.Now
		ts.srv.throttle.mu.Unlock()
		wrong := kv{"username": "drhouse", "password": "wrong"}
		right := kv{"username": "drhouse", "password": testPassword}

		for i := range 5 {
			status, _, raw := ts.do(t, "POST", "/api/auth/login/", "", wrong)
			if status != http.StatusUnauthorized {
				t.Fatalf("failed sign-in %d: status %d, want 401; body %s", i+1, status, raw)
			}
		}
		status, h, raw := ts.do(t, "POST", "/api/auth/login/", "", right)
		if status != http.StatusTooManyRequests {
			t.Fatalf("sign-in after 5 failures: status %d, want 429; body %s", status, raw)
		}
		secs, err := strconv.Atoi(h.Get("Retry-After"))
		if err != nil || secs <= 0 || secs > 15*60 {
			t.Errorf("Retry-After %q, want whole seconds within the 15-minute window",
				h.Get("Retry-After"))
		}
		want := fmt.Sprintf(`{"detail": "Too many failed sign-in attempts. `+
			`Try again in %d seconds."}`, secs)
		wantReply(t, status, raw, http.StatusTooManyRequests, want)

		// The throttle is per username: another account signs in.
		ts.login(t, "nurse1", testPassword)

		clock.Add(15*time.Minute + time.Second)
		ts.login(t, "drhouse", testPassword)
	})
}
