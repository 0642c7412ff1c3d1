package daemon

import (
	"crypto/pbkdf2"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"fmt"
	"strconv"
	"strings"

	"golang.org/x/crypto/argon2"
)

// argon2id parameters: 19 MiB, two passes, one lane (the OWASP baseline).
const (
	argonMemory  = 19 * 1024
	argonTime    = 2
	argonThreads = 1
	argonKeyLen  = 32
	argonSaltLen = 16
)

var b64 = base64.RawStdEncoding

// HashPassword returns the argon2id hash of pw in the PHC string format.
func HashPassword(pw string) (string, error) {
	salt := make([]byte, argonSaltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", fmt.Errorf("daemon: hash password: %w", err)
	}
	key := argon2.IDKey([]byte(pw), salt, argonTime, argonMemory, argonThreads, argonKeyLen)
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version,
		argonMemory, argonTime, argonThreads, b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

// CheckPassword reports whether pw matches hash, and whether the hash should
// be replaced by a fresh argon2id one: hashes imported from Django
// (pbkdf2_sha256$..., argon2$argon2id$...) verify, then upgrade.
func CheckPassword(hash, pw string) (ok, rehash bool) {
	switch {
	case strings.HasPrefix(hash, "$argon2id$"):
		ok, current := checkArgon2id(hash, pw)
		return ok, ok && !current
	case strings.HasPrefix(hash, "argon2$argon2id$"):
		ok, _ := checkArgon2id(strings.TrimPrefix(hash, "argon2"), pw)
		return ok, ok
	case strings.HasPrefix(hash, "pbkdf2_sha256$"):
		ok := checkDjangoPBKDF2(hash, pw)
		return ok, ok
	}
	return false, false
}

// checkArgon2id verifies a PHC argon2id hash and reports whether it was made
// with the current parameters.
func checkArgon2id(hash, pw string) (ok, current bool) {
	// "", "argon2id", "v=19", "m=..,t=..,p=..", salt, key
	parts := strings.Split(hash, "$")
	if len(parts) != 6 || parts[2] != fmt.Sprintf("v=%d", argon2.Version) {
		return false, false
	}
	var m, t uint32
	var p uint8
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &m, &t, &p); err != nil || p == 0 || t == 0 {
		return false, false
	}
	salt, err1 := b64.DecodeString(parts[4])
	want, err2 := b64.DecodeString(parts[5])
	if err1 != nil || err2 != nil || len(want) == 0 || m > 1<<21 {
		return false, false
	}
	got := argon2.IDKey([]byte(pw), salt, t, m, p, uint32(len(want)))
	ok = subtle.ConstantTimeCompare(got, want) == 1
	return ok, m == argonMemory && t == argonTime && p == argonThreads && len(want) == argonKeyLen
}

// checkDjangoPBKDF2 verifies Django's pbkdf2_sha256$ITER$SALT$B64 hash.
func checkDjangoPBKDF2(hash, pw string) bool {
	parts := strings.Split(hash, "$")
	if len(parts) != 4 {
		return false
	}
	iter, err := strconv.Atoi(parts[1])
	if err != nil || iter <= 0 || iter > 10_000_000 {
		return false
	}
	want, err := base64.StdEncoding.DecodeString(parts[3])
	if err != nil || len(want) == 0 {
		return false
	}
	got, err := pbkdf2.Key(sha256.New, pw, []byte(parts[2]), iter, len(want))
	if err != nil {
		return false
	}
	return subtle.ConstantTimeCompare(got, want) == 1
}

// decoyHash is checked against when a sign-in names no account, so that an
// unknown username takes as long to refuse as a wrong password.
var decoyHash, _ = HashPassword("decoy password never matches")
