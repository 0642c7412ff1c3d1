package daemon

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"net/http"
	"sync"

	"clinicflow/clinic"
	"clinicflow/store"
)

// signer holds the practice's Ed25519 key, made by the first daemon that
// needed it and kept in the database, so that every daemon sharing the
// database signs and verifies alike.
type signer struct {
	mu  sync.Mutex
	key ed25519.PrivateKey
}

const signingKeySetting = "prescriptions.signing_key"

// signingKey returns the practice's key, loading or making it once.
func (s *Server) signingKey(ctx context.Context) (ed25519.PrivateKey, error) {
	s.signer.mu.Lock()
	defer s.signer.mu.Unlock()
	if s.signer.key != nil {
		return s.signer.key, nil
	}
	seed := make([]byte, ed25519.SeedSize)
	if _, err := rand.Read(seed); err != nil {
		return nil, fmt.Errorf("daemon: make signing key: %w", err)
	}
	kept, err := s.store.EnsureSetting(ctx, signingKeySetting, base64.StdEncoding.EncodeToString(seed))
	if err != nil {
		return nil, fmt.Errorf("daemon: signing key: %w", err)
	}
	seed, err = base64.StdEncoding.DecodeString(kept)
	if err != nil || len(seed) != ed25519.SeedSize {
		return nil, errors.New("daemon: the stored signing key is damaged")
	}
	s.signer.key = ed25519.NewKeyFromSeed(seed)
	return s.signer.key, nil
}

// verifyCode is the code printed on p as it stands.
func (s *Server) verifyCode(ctx context.Context, p *clinic.Prescription) (string, error) {
	key, err := s.signingKey(ctx)
	if err != nil {
		return "", err
	}
	return clinic.FormatVerifyCode(p.ID, ed25519.Sign(key, p.SigningPayload())), nil
}

// verifyPrescription: GET /api/prescriptions/verify/{code}/, no sign-in.
func (s *Server) verifyPrescription(c *call) {
	ev := c.audit("verify", "prescription", 0, 0)
	id, mac, err := clinic.ParseVerifyCode(c.params.ByName("code"))
	if err != nil {
		c.json(http.StatusBadRequest, clinic.Verification{Detail: c.p.T("prescription.code_malformed", nil)})
		return
	}
	ev.ResourceID = fmt.Sprint(id)
	p, err := s.store.Prescription(c.ctx(), id)
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		c.fail(err)
		return
	}
	if p == nil || !s.macMatches(c, p, mac) {
		c.json(http.StatusNotFound, clinic.Verification{Detail: c.p.T("prescription.code_not_genuine", nil)})
		return
	}
	prescriber := ""
	if u, err := s.store.User(c.ctx(), p.PrescriberID); err == nil {
		prescriber = u.PrescriberName()
	}
	c.json(http.StatusOK, clinic.Verification{Valid: true, Prescription: p.ID, Prescriber: prescriber,
		Date: clinic.DateOf(p.CreatedAt.In(s.loc)).String(), Items: len(p.Items)})
}

// macMatches signs p as it stands and compares with the code's bytes.
func (s *Server) macMatches(c *call, p *clinic.Prescription, mac []byte) bool {
	key, err := s.signingKey(c.ctx())
	if err != nil {
		c.state.cause = err
		return false
	}
	want := ed25519.Sign(key, p.SigningPayload())[:clinic.VerifyMACSize]
	return subtle.ConstantTimeCompare(want, mac) == 1
}
