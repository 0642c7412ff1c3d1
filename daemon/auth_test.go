package daemon

import (
	"encoding/base64"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"clinicflow/clinic"
	"clinicflow/store"
	"clinicflow/store/storetest"
)

const (
	loginFailed   = `{"detail": "No active account found with the given credentials"}`
	noCredentials = `{"detail": "Authentication credentials were not provided."}`
	refreshBad    = `{"detail": "Token is invalid or expired", "code": "token_not_valid"}`
	accessBad     = `{"detail": "Given token not valid for any token type",
		"code": "token_not_valid", "messages": [{"token_class": "AccessToken",
		"token_type": "access", "message": "Token is invalid or expired"}]}`
)

// tokenClaims decodes a JWT's payload without checking it.
func tokenClaims(tb testing.TB, token string) map[string]any {
	tb.Helper()
	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		tb.Fatalf("token %q has %d parts, want 3", token, len(parts))
	}
	payload, err := base64.RawURLEncoding.DecodeString(parts[1])
	if err != nil {
		tb.Fatalf("token payload: %v", err)
	}
	return decode[map[string]any](tb, payload)
}

// forge signs the claims the server would put in a token of u's, with the
// given method and key, expiring at exp.
func forge(tb testing.TB, method jwt.SigningMethod, key any, u *clinic.User,
	typ string, exp time.Time) string {
	tb.Helper()
	cl := jwt.MapClaims{
		"token_type": typ,
		"user_id":    u.ID,
		"gen":        u.TokenGeneration,
		"jti":        "forged-" + typ,
		"iat":        exp.Add(-15 * time.Minute).Unix(),
		"exp":        exp.Unix(),
	}
	signed, err := jwt.NewWithClaims(method, cl).SignedString(key)
	if err != nil {
		tb.Fatalf("sign token: %v", err)
	}
	return signed
}

func TestLoginIssuesTokenPair(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st)
		status, _, raw := ts.do(t, "POST", "/api/auth/login/", "",
			kv{"username": "drhouse", "password": testPassword})
		wantShapeOf(t, status, raw, "auth_login_ok")

		pair := decode[map[string]string](t, raw)
		lifetimes := map[string]time.Duration{
			"access":  15 * time.Minute,
			"refresh": 7 * 24 * time.Hour,
		}
		for typ, ttl := range lifetimes {
			token := pair[typ]
			_, err := jwt.Parse(token, func(*jwt.Token) (any, error) { return testSecret, nil },
				jwt.WithValidMethods([]string{"HS256"}))
			if err != nil {
				t.Errorf("%s token does not verify as HS256 with the secret: %v", typ, err)
			}
			cl := tokenClaims(t, token)
			for claim, want := range map[string]string{"token_type": "string", "exp": "number",
				"iat": "number", "jti": "string", "user_id": "number"} {
				if got := jsonType(cl[claim]); got != want {
					t.Errorf("%s token: claim %s is %s, want %s", typ, claim, got, want)
				}
			}
			if cl["token_type"] != typ {
				t.Errorf("%s token: token_type %v, want %q", typ,
					cl["token_type"], typ)
			}
			if got, _ := cl["user_id"].(float64); int64(got) != ts.doctor.user.ID {
				t.Errorf("%s token: user_id %v, want %d", typ, cl["user_id"],
					ts.doctor.user.ID)
			}
			exp, _ := cl["exp"].(float64)
			iat, _ := cl["iat"].(float64)
			if got := time.Duration(exp-iat) * time.Second; got != ttl {
				t.Errorf("%s token lives %v, want %v", typ, got, ttl)
			}
		}
	})
}

func TestLoginRefused(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st)
		gone := testUser("gone", clinic.RoleDoctor)
		gone.IsActive = false
		if err := st.CreateUser(t.Context(), gone); err != nil {
			t.Fatal(err)
		}
		tests := []struct {
			name, username, password string
			fixture                  string
		}{
			{"wrong password", "drhouse", "wrong", "auth_login_bad_password"},
			{"unknown user", "nobody", testPassword, "auth_login_unknown_user"},
			{"inactive account", "gone", testPassword, ""},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				status, h, raw := ts.do(t, "POST", "/api/auth/login/", "",
					kv{"username": tt.username, "password": tt.password})
				wantReply(t, status, raw, http.StatusUnauthorized, loginFailed)
				if tt.fixture != "" {
					wantBodyOf(t, status, raw, tt.fixture)
				}
				if got := h.Get("WWW-Authenticate"); got == "" {
					t.Errorf("WWW-Authenticate header missing on a 401")
				}
			})
		}
	})
}

func TestLoginValidation(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st)
		tests := []struct {
			name    string
			body    string
			fixture string
			want    string
		}{
			{"missing fields", `{}`, "auth_login_missing_fields", ""},
			{"blank password", `{"username": "drhouse", "password": ""}`,
				"auth_login_empty_password", ""},
			{"null username", `{"username": null, "password": "x"}`, "",
				`{"username": ["This field may not be null."]}`},
			{"object password", `{"username": "drhouse", "password": {}}`, "",
				`{"password": ["Not a valid string."]}`},
			{"NUL in username", `{"username": "dr\u0000house", "password": "x"}`, "",
				`{"username": ["Not a valid string."]}`},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				status, _, raw := ts.do(t, "POST", "/api/auth/login/", "", tt.body)
				if tt.fixture != "" {
					wantBodyOf(t, status, raw, tt.fixture)
					return
				}
				wantReply(t, status, raw, http.StatusBadRequest, tt.want)
			})
		}
	})
}

func TestLoginFormEncoded(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st)
		form := "username=drhouse&password=" + testPassword
		req := ts.request(t, "POST", "/api/auth/login/", "", form)
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		status, _, raw := ts.send(t, req)
		wantShapeOf(t, status, raw, "auth_login_form_encoded")

		access := decode[map[string]string](t, raw)["access"]
		status, _, raw = ts.do(t, "GET", "/api/auth/me/", access, nil)
		wantReply(t, status, raw, http.StatusOK, "")
	})
}

func TestRefresh(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st)
		paths := map[string]string{
			"/api/auth/token/refresh/": "auth_token_refresh_ok",
			"/api/auth/refresh/":       "auth_refresh_ok",
		}
		for path, fixture := range paths {
			t.Run(path, func(t *testing.T) {
				status, _, raw := ts.do(t, "POST", path, "",
					kv{"refresh": ts.doctor.refresh})
				wantShapeOf(t, status, raw, fixture)
				access := decode[map[string]string](t, raw)["access"]
				if got := tokenClaims(t, access)["token_type"]; got != "access" {
					t.Errorf("token_type %v, want access", got)
				}
				status, _, raw = ts.do(t, "GET", "/api/auth/me/", access, nil)
				wantReply(t, status, raw, http.StatusOK, "")
			})
		}

		tests := []struct {
			name    string
			body    any
			fixture string
		}{
			{"not a token", kv{"refresh": "not-a-token"}, "auth_token_refresh_bad_token"},
			{"access token", kv{"refresh": ts.doctor.access},
				"auth_token_refresh_with_access_token"},
			{"missing", kv{}, "auth_token_refresh_missing"},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				status, _, raw := ts.do(t, "POST", "/api/auth/token/refresh/", "", tt.body)
				wantBodyOf(t, status, raw, tt.fixture)
			})
		}
		t.Run("expired", func(t *testing.T) {
			old := forge(t, jwt.SigningMethodHS256, testSecret, ts.doctor.user,
				"refresh", time.Now().Add(-time.Minute))
			status, _, raw := ts.do(t, "POST", "/api/auth/refresh/", "",
				kv{"refresh": old})
			wantReply(t, status, raw, http.StatusUnauthorized, refreshBad)
		})
	})
}

func TestLogout(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st)
		_, other := ts.login(t, "drhouse", testPassword)

		status, _, raw := ts.do(t, "POST", "/api/auth/logout/", ts.doctor.access,
			kv{"refresh": ts.doctor.refresh})
		wantReply(t, status, raw, http.StatusResetContent, "")
		if len(raw) != 0 {
			t.Errorf("205 body %q, want none", raw)
		}

		status, _, raw = ts.do(t, "POST", "/api/auth/token/refresh/", "",
			kv{"refresh": ts.doctor.refresh})
		wantReply(t, status, raw, http.StatusUnauthorized, refreshBad)

		status, _, raw = ts.do(t, "POST", "/api/auth/token/refresh/", "",
			kv{"refresh": other})
		wantReply(t, status, raw, http.StatusOK, "")

		// One account cannot end another's session.
		status, _, raw = ts.do(t, "POST", "/api/auth/logout/", ts.nurse.access,
			kv{"refresh": other})
		wantReply(t, status, raw, http.StatusUnauthorized, refreshBad)
		status, _, raw = ts.do(t, "POST", "/api/auth/token/refresh/", "",
			kv{"refresh": other})
		wantReply(t, status, raw, http.StatusOK, "")

		status, _, raw = ts.do(t, "POST", "/api/auth/logout/", "",
			kv{"refresh": other})
		wantReply(t, status, raw, http.StatusUnauthorized, noCredentials)
	})
}

func TestMe(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st)
		tests := []struct {
			who     account
			fixture string
			role    string
			display string
			staff   bool
		}{
			{ts.doctor, "auth_me_doctor", "doctor", "Doctor", false},
			{ts.nurse, "auth_me_nurse", "nurse", "Nurse", false},
			{ts.admin, "auth_me_admin", "admin", "Administrator", true},
		}
		for _, tt := range tests {
			t.Run(tt.who.user.Username, func(t *testing.T) {
				status, _, raw := ts.do(t, "GET", "/api/auth/me/",
					tt.who.access, nil)
				wantShapeOf(t, status, raw, tt.fixture)
				me := decode[clinic.Me](t, raw)
				u := tt.who.user
				full := u.FirstName + " " + u.LastName
				if me.ID != u.ID || me.Username != u.Username ||
					me.IsStaff != tt.staff || me.FullName != full {
					t.Errorf("me = %d %s staff=%v %q, want %d %s staff=%v %q",
						me.ID, me.Username, me.IsStaff, me.FullName,
						u.ID, u.Username, tt.staff, full)
				}
				role := me.Profile
				if string(role.Role) != tt.role || role.RoleDisplay != tt.display {
					t.Errorf("role %s %q, want %s %q",
						role.Role, role.RoleDisplay, tt.role, tt.display)
				}
				body := decode[map[string]any](t, raw)
				wantUTC(t, "date_joined", body["date_joined"].(string))
			})
		}
	})
}

func TestAccessTokenRefused(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st)
		u := ts.doctor.user
		later, past := time.Now().Add(10*time.Minute), time.Now().Add(-time.Minute)
		other := []byte("another-secret-of-thirty-two-by!")
		tests := []struct {
			name    string
			header  string
			fixture string
			want    string
		}{
			{"no header", "", "auth_me_no_token", ""},
			{"bearer without value", "Bearer", "auth_me_bearer_no_value", ""},
			{"three values", "Bearer a b", "", `{"detail": "Authorization header ` +
				`must contain two space-delimited values",
				"code": "bad_authorization_header"}`},
			{"other scheme", "Token " + ts.doctor.access, "auth_me_wrong_scheme", ""},
			{"not a jwt", "Bearer not.a.jwt", "auth_me_bad_token", ""},
			{"garbage", "Bearer abc", "auth_me_garbage_token", ""},
			{"expired", "Bearer " + forge(t, jwt.SigningMethodHS256, testSecret, u, "access", past),
				"auth_me_expired_token", ""},
			{"wrong signature", "Bearer " + forge(t, jwt.SigningMethodHS256,
				other, u, "access", later), "", accessBad},
			{"alg none", "Bearer " + forge(t, jwt.SigningMethodNone,
				jwt.UnsafeAllowNoneSignatureType, u, "access", later), "", accessBad},
			{"refresh token", "Bearer " + ts.doctor.refresh, "auth_me_refresh_token_as_access", ""},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				req := ts.request(t, "GET", "/api/auth/me/", "", nil)
				if tt.header != "" {
					req.Header.Set("Authorization", tt.header)
				}
				status, h, raw := ts.send(t, req)
				if tt.fixture != "" {
					wantBodyOf(t, status, raw, tt.fixture)
				} else {
					wantReply(t, status, raw, http.StatusUnauthorized, tt.want)
				}
				if h.Get("WWW-Authenticate") == "" {
					t.Errorf("WWW-Authenticate header missing on a 401")
				}
			})
		}
		// The forged tokens above fail for the reason they name only: the
		// same claims, signed right, pass.
		good := forge(t, jwt.SigningMethodHS256, testSecret, u, "access", later)
		status, _, raw := ts.do(t, "GET", "/api/auth/me/", good, nil)
		wantReply(t, status, raw, http.StatusOK, "")
	})
}

func TestRefusalsMatchReference(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st)
		tests := []struct {
			method, path, token string
			body                any
			fixture             string
		}{
			{"GET", "/api/patients/", "", nil, "patients_list_no_token"},
			{"GET", "/api/patients/", "not.a.jwt", nil, "patients_list_bad_token"},
			{"POST", "/api/patients/", "", zoe(nil), "patients_create_no_token"},
			{"PATCH", "/api/auth/profile/", "", kv{"phone": "1"}, "auth_profile_no_token"},
		}
		for _, tt := range tests {
			status, _, raw := ts.do(t, tt.method, tt.path, tt.token, tt.body)
			wantBodyOf(t, status, raw, tt.fixture)
		}
		if n := countPatients(t, st); n != 0 {
			t.Errorf("%d patients after a refused creation, want 0", n)
		}
	})
}

func TestTokensOfAnAccountTurnedOff(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st)
		if err := st.SetActive(t.Context(), ts.nurse.user.ID, false); err != nil {
			t.Fatal(err)
		}
		status, _, raw := ts.do(t, "GET", "/api/auth/me/", ts.nurse.access, nil)
		wantReply(t, status, raw, http.StatusUnauthorized, accessBad)
		status, _, raw = ts.do(t, "POST", "/api/auth/refresh/", "",
			kv{"refresh": ts.nurse.refresh})
		wantReply(t, status, raw, http.StatusUnauthorized, refreshBad)
		status, _, raw = ts.do(t, "POST", "/api/auth/login/", "",
			kv{"username": "nurse1", "password": testPassword})
		wantReply(t, status, raw, http.StatusUnauthorized, loginFailed)
	})
}
