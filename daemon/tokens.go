package daemon

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"strconv"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"clinicflow/clinic"
)

// Token types, as the token_type claim carries them.
const (
	accessToken  = "access"
	refreshToken = "refresh"
)

// Token errors.
var (
	errTokenInvalid   = errors.New("daemon: token is invalid or expired")
	errTokenWrongType = errors.New("daemon: token has wrong type")
)

// claims are a token's contents: the claims the web frontend reads
// (token_type, exp, iat, jti, user_id) and the account's token generation,
// which ends every older token when it grows.
type claims struct {
	TokenType  string `json:"token_type"`
	UserID     int64  `json:"user_id"`
	Generation int64  `json:"gen"`
	jwt.RegisteredClaims
}

// tokens issues and checks HS256 JWTs.
type tokens struct {
	secret     []byte
	accessTTL  time.Duration
	refreshTTL time.Duration
}

// issue signs a token of the given type for u.
func (t tokens) issue(u *clinic.User, kind string) (string, *claims, error) {
	ttl := t.accessTTL
	if kind == refreshToken {
		ttl = t.refreshTTL
	}
	id := make([]byte, 16)
	if _, err := rand.Read(id); err != nil {
		return "", nil, err
	}
	now := time.Now()
	cl := &claims{
		TokenType:  kind,
		UserID:     u.ID,
		Generation: u.TokenGeneration,
		RegisteredClaims: jwt.RegisteredClaims{
			ID:        hex.EncodeToString(id),
			Subject:   strconv.FormatInt(u.ID, 10),
			IssuedAt:  jwt.NewNumericDate(now),
			ExpiresAt: jwt.NewNumericDate(now.Add(ttl)),
		},
	}
	signed, err := jwt.NewWithClaims(jwt.SigningMethodHS256, cl).SignedString(t.secret)
	if err != nil {
		return "", nil, err
	}
	return signed, cl, nil
}

// parse checks a token's signature, algorithm, expiry and type. Only HS256
// is accepted, so a token whose alg is "none" never passes.
func (t tokens) parse(raw, kind string) (*claims, error) {
	cl := &claims{}
	_, err := jwt.ParseWithClaims(raw, cl, func(*jwt.Token) (any, error) {
		return t.secret, nil
	}, jwt.WithValidMethods([]string{"HS256"}), jwt.WithExpirationRequired(),
		jwt.WithIssuedAt())
	if err != nil || cl.ID == "" || cl.UserID <= 0 {
		return nil, errTokenInvalid
	}
	if cl.TokenType != kind {
		return nil, errTokenWrongType
	}
	return cl, nil
}
