package daemon

import (
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"clinicflow/clinic"
	"clinicflow/store"
)

// authenticate signs the caller in from the Authorization header. On
// failure it has answered 401 and returns false.
func (s *Server) authenticate(c *call) (*clinic.User, bool) {
	header := c.r.Header.Get("Authorization")
	parts := strings.Fields(header)
	if len(parts) == 0 || !strings.EqualFold(parts[0], "Bearer") {
		c.unauthorized(map[string]any{"detail": c.p.T("auth.no_credentials", nil)})
		return nil, false
	}
	if len(parts) != 2 {
		c.unauthorized(map[string]any{
			"detail": c.p.T("auth.bad_header", nil),
			"code":   "bad_authorization_header",
		})
		return nil, false
	}
	cl, err := s.tokens.parse(parts[1], accessToken)
	if err != nil {
		c.tokenNotValid(err)
		return nil, false
	}
	u, err := s.store.User(c.ctx(), cl.UserID)
	switch {
	case errors.Is(err, store.ErrNotFound):
		c.tokenNotValid(errTokenInvalid)
		return nil, false
	case err != nil:
		c.fail(err)
		return nil, false
	case !u.IsActive || u.TokenGeneration != cl.Generation:
		c.tokenNotValid(errTokenInvalid)
		return nil, false
	}
	return u, true
}

// unauthorized answers 401 with the header that names the scheme.
func (c *call) unauthorized(body map[string]any) {
	c.w.Header().Set("WWW-Authenticate", `Bearer realm="api"`)
	c.json(http.StatusUnauthorized, body)
}

// tokenNotValid answers 401 for an access token that does not pass.
func (c *call) tokenNotValid(err error) {
	msg := "auth.token_invalid"
	if errors.Is(err, errTokenWrongType) {
		msg = "auth.token_wrong_type"
	}
	c.unauthorized(map[string]any{
		"detail": c.p.T("auth.token_not_valid", nil),
		"code":   "token_not_valid",
		"messages": []map[string]string{{
			"token_class": "AccessToken",
			"token_type":  accessToken,
			"message":     c.p.T(msg, nil),
		}},
	})
}

// refreshNotValid answers 401 for a refresh token that does not pass.
func (c *call) refreshNotValid(err error) {
	msg := "auth.token_invalid"
	if errors.Is(err, errTokenWrongType) {
		msg = "auth.token_wrong_type"
	}
	c.unauthorized(map[string]any{"detail": c.p.T(msg, nil), "code": "token_not_valid"})
}

// login: POST /api/auth/login/.
func (s *Server) login(c *call) {
	b, ok := c.decode()
	if !ok {
		return
	}
	username, password := b.str("username"), b.str("password")
	requireText(b, "username", username)
	requireText(b, "password", password)
	if !b.probs.Empty() {
		c.problems(b.probs)
		return
	}

	ev := c.audit("login", "session", 0, 0)
	ev.Username = *username
	ip := "ip:" + clientIP(c.r)
	userKey := "user:" + clinic.Fold(*username)
	// An address may fail ten times as often as one username: a practice's
	// staff often share one address.
	wait := max(s.throttle.blocked(userKey, 1), s.throttle.blocked(ip, 10))
	if wait > 0 {
		secs := int((wait + time.Second - 1) / time.Second)
		c.w.Header().Set("Retry-After", strconv.Itoa(secs))
		c.detail(http.StatusTooManyRequests, "auth.throttled", map[string]any{"Seconds": secs})
		return
	}

	u, err := s.store.UserByUsername(c.ctx(), *username)
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		c.fail(err)
		return
	}
	if u == nil || !u.IsActive {
		CheckPassword(decoyHash, *password)
		s.loginFailed(c, userKey, ip)
		return
	}
	match, rehash := CheckPassword(u.PasswordHash, *password)
	if !match {
		s.loginFailed(c, userKey, ip)
		return
	}
	s.throttle.reset(userKey)
	ev.UserID = &u.ID
	if rehash {
		if hash, err := HashPassword(*password); err == nil {
			if err := s.store.SetPassword(c.ctx(), u.ID, hash, false); err != nil {
				s.log.Warn("password rehash failed", "user_id", u.ID, "error", err)
			}
		}
	}
	s.issuePair(c, u)
}

// loginFailed counts a failed sign-in and answers 401.
func (s *Server) loginFailed(c *call, userKey, ip string) {
	s.throttle.fail(userKey)
	s.throttle.fail(ip)
	c.unauthorized(map[string]any{"detail": c.p.T("auth.login_failed", nil)})
}

// issuePair answers a fresh refresh and access token for u.
func (s *Server) issuePair(c *call, u *clinic.User) {
	refresh, _, err := s.tokens.issue(u, refreshToken)
	if err != nil {
		c.fail(err)
		return
	}
	access, _, err := s.tokens.issue(u, accessToken)
	if err != nil {
		c.fail(err)
		return
	}
	c.json(http.StatusOK, map[string]string{"refresh": refresh, "access": access})
}

// requireText reports a missing or blank required text field.
func requireText(b body, field string, v *string) {
	switch {
	case b.probs.Has(field):
	case v == nil:
		b.probs.Add(field, clinic.Msg(clinic.MsgRequired))
	case strings.TrimSpace(*v) == "":
		b.probs.Add(field, clinic.Msg(clinic.MsgBlank))
	}
}

// refreshUser checks a refresh token from the body: signature, type,
// revocation, and that its account is still active and unchanged. On
// failure it has answered and returns nil.
func (s *Server) refreshUser(c *call, b body) (*clinic.User, *claims) {
	raw := b.str("refresh")
	requireText(b, "refresh", raw)
	if !b.probs.Empty() {
		c.problems(b.probs)
		return nil, nil
	}
	cl, err := s.tokens.parse(*raw, refreshToken)
	if err != nil {
		c.refreshNotValid(err)
		return nil, nil
	}
	revoked, err := s.store.TokenRevoked(c.ctx(), cl.ID)
	if err != nil {
		c.fail(err)
		return nil, nil
	}
	u, err := s.store.User(c.ctx(), cl.UserID)
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		c.fail(err)
		return nil, nil
	}
	if revoked || u == nil || !u.IsActive || u.TokenGeneration != cl.Generation {
		c.refreshNotValid(errTokenInvalid)
		return nil, nil
	}
	return u, cl
}

// refresh: POST /api/auth/token/refresh/ and /api/auth/refresh/.
func (s *Server) refresh(c *call) {
	b, ok := c.decode()
	if !ok {
		return
	}
	u, _ := s.refreshUser(c, b)
	if u == nil {
		return
	}
	access, _, err := s.tokens.issue(u, accessToken)
	if err != nil {
		c.fail(err)
		return
	}
	c.json(http.StatusOK, map[string]string{"access": access})
}

// logout: POST /api/auth/logout/. The refresh token stops working.
func (s *Server) logout(c *call) {
	b, ok := c.decode()
	if !ok {
		return
	}
	u, cl := s.refreshUser(c, b)
	if u == nil {
		return
	}
	if u.ID != c.user.ID {
		c.refreshNotValid(errTokenInvalid)
		return
	}
	c.audit("logout", "session", 0, 0)
	if err := s.store.RevokeToken(c.ctx(), cl.ID, cl.ExpiresAt.Time); err != nil {
		c.fail(err)
		return
	}
	c.noContent(http.StatusResetContent)
}

// me: GET /api/auth/me/.
func (s *Server) me(c *call) { c.json(http.StatusOK, c.user.Me()) }

// updateProfile: PATCH /api/auth/profile/.
func (s *Server) updateProfile(c *call) {
	b, ok := c.decode()
	if !ok {
		return
	}
	in := clinic.ProfileInput{
		Email:          b.str("email"),
		FirstName:      b.str("first_name"),
		LastName:       b.str("last_name"),
		Phone:          b.str("phone"),
		Specialization: b.str("specialization"),
		LicenseNumber:  b.str("license_number"),
		Department:     b.str("department"),
		HireDate:       b.nullableStr("hire_date"),
		DisplayName:    b.str("display_name"),
		Bio:            b.str("bio"),
		ClinicAddress:  b.str("clinic_address"),
	}
	u := *c.user
	in.Apply(&u, b.probs)
	if !b.probs.Empty() {
		c.problems(b.probs)
		return
	}
	if err := s.store.UpdateProfile(c.ctx(), &u); err != nil {
		c.fail(err)
		return
	}
	c.json(http.StatusOK, u.Me())
}

// changePassword: POST /api/auth/change-password/. Every token the account
// holds stops working, this session's too.
func (s *Server) changePassword(c *call) {
	b, ok := c.decode()
	if !ok {
		return
	}
	current, next, confirm := b.str("current_password"), b.str("new_password"), b.str("confirm_password")
	for _, f := range []struct {
		name string
		v    *string
	}{{"current_password", current}, {"new_password", next}, {"confirm_password", confirm}} {
		requireText(b, f.name, f.v)
	}
	if !b.probs.Empty() {
		c.problems(b.probs)
		return
	}
	c.audit("change_password", "user", c.user.ID, 0)
	if ok, _ := CheckPassword(c.user.PasswordHash, *current); !ok {
		b.probs.Add("current_password", clinic.Msg("password.incorrect"))
	}
	for _, m := range clinic.PasswordProblems(*next) {
		b.probs.Add("new_password", m)
	}
	if *next != *confirm {
		b.probs.Add("confirm_password", clinic.Msg("password.mismatch"))
	}
	if !b.probs.Empty() {
		c.problems(b.probs)
		return
	}
	hash, err := HashPassword(*next)
	if err != nil {
		c.fail(err)
		return
	}
	if err := s.store.SetPassword(c.ctx(), c.user.ID, hash, true); err != nil {
		c.fail(err)
		return
	}
	c.json(http.StatusOK, map[string]string{"message": c.p.T("password.changed", nil)})
}
