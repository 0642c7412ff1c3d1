package daemon

import (
	"context"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"clinicflow/clinic"
	"clinicflow/store"
)

// auditor writes audit events that no change carried (reads, refusals,
// sign-ins) in the background, in batches, so that recording a read costs
// the request almost nothing.
type auditor struct {
	store *store.Store
	log   *slog.Logger
	queue chan *clinic.AuditEvent
	done  sync.WaitGroup
	// mu guards closed: record sends under a read lock, close takes the
	// write lock before it closes the queue.
	mu     sync.RWMutex
	closed bool
	// pending counts events queued and not yet written.
	pending atomic.Int64
}

func newAuditor(s *store.Store, log *slog.Logger) *auditor {
	a := &auditor{store: s, log: log, queue: make(chan *clinic.AuditEvent, 4096)}
	a.done.Add(1)
	go a.run()
	return a
}

// record queues an event. When the queue is full it waits: an audit trail
// with holes would be worth little. After close (a request that outlived
// the shutdown's grace), it writes the event itself.
func (a *auditor) record(ev *clinic.AuditEvent) {
	a.mu.RLock()
	defer a.mu.RUnlock()
	a.pending.Add(1)
	if a.closed {
		a.write([]*clinic.AuditEvent{ev})
		return
	}
	a.queue <- ev
}

// run writes queued events, as many as are waiting in one transaction.
func (a *auditor) run() {
	defer a.done.Done()
	batch := make([]*clinic.AuditEvent, 0, 256)
	for ev := range a.queue {
		batch = append(batch[:0], ev)
	fill:
		for len(batch) < cap(batch) {
			select {
			case more, ok := <-a.queue:
				if !ok {
					break fill
				}
				batch = append(batch, more)
			default:
				break fill
			}
		}
		a.write(batch)
	}
}

// write appends a batch in one transaction. When that fails the events go
// one by one, so that one event the database refuses costs only itself.
func (a *auditor) write(batch []*clinic.AuditEvent) {
	defer a.pending.Add(-int64(len(batch)))
	if a.append(batch) == nil || len(batch) == 1 {
		return
	}
	for i, ev := range batch {
		if err := a.append(batch[i : i+1]); err != nil {
			a.log.Error("audit event lost", "action", ev.Action, "resource", ev.Resource,
				"request_id", ev.RequestID, "error", err)
		}
	}
}

// append tries a batch up to three times.
func (a *auditor) append(batch []*clinic.AuditEvent) error {
	var err error
	for attempt := 0; attempt < 3; attempt++ {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		err = a.store.AppendAudit(ctx, batch...)
		cancel()
		if err == nil {
			return nil
		}
		a.log.Error("audit write failed", "events", len(batch), "attempt", attempt+1, "error", err)
		time.Sleep(time.Duration(attempt+1) * 100 * time.Millisecond)
	}
	return err
}

// flush waits until every event queued so far is written. Tests use it.
func (a *auditor) flush() {
	for a.pending.Load() > 0 {
		time.Sleep(time.Millisecond)
	}
}

// close writes what is queued and stops the recorder; events recorded
// later are written as they come.
func (a *auditor) close() {
	a.mu.Lock()
	if a.closed {
		a.mu.Unlock()
		return
	}
	a.closed = true
	close(a.queue)
	a.mu.Unlock()
	a.done.Wait()
}
