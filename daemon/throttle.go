package daemon

import (
	"sync"
	"time"
)

// throttle counts failed sign-ins per key (a username, an address) in a
// fixed window, and refuses further tries once a key has failed too often.
// It lives in one daemon's memory.
type throttle struct {
	limit  int
	window time.Duration
	now    func() time.Time

	mu   sync.Mutex
	keys map[string]*failures
}

type failures struct {
	count int
	start time.Time
}

func newThrottle(limit int, window time.Duration) *throttle {
	return &throttle{limit: limit, window: window, now: time.Now, keys: map[string]*failures{}}
}

// blocked returns how long the key must wait, or 0 when it may try. limit
// scales the throttle's limit for this key.
func (t *throttle) blocked(key string, scale int) time.Duration {
	t.mu.Lock()
	defer t.mu.Unlock()
	f, ok := t.keys[key]
	if !ok {
		return 0
	}
	left := f.start.Add(t.window).Sub(t.now())
	if left <= 0 {
		delete(t.keys, key)
		return 0
	}
	if f.count < t.limit*scale {
		return 0
	}
	return left
}

// fail counts a failure against the key.
func (t *throttle) fail(key string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	now := t.now()
	f, ok := t.keys[key]
	if !ok || now.Sub(f.start) >= t.window {
		if len(t.keys) >= 100_000 {
			t.sweep(now)
		}
		t.keys[key] = &failures{count: 1, start: now}
		return
	}
	f.count++
}

// reset forgets the key's failures, after a successful sign-in.
func (t *throttle) reset(key string) {
	t.mu.Lock()
	delete(t.keys, key)
	t.mu.Unlock()
}

// sweep drops windows that have ended; the caller holds the lock.
func (t *throttle) sweep(now time.Time) {
	for k, f := range t.keys {
		if now.Sub(f.start) >= t.window {
			delete(t.keys, k)
		}
	}
}
