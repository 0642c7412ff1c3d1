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
	once  sync.Once
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
// with holes would be worth little.
func (a *auditor) record(ev *clinic.AuditEvent) {
	a.pending.Add(1)
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

func (a *auditor) write(batch []*clinic.AuditEvent) {
	defer a.pending.Add(-int64(len(batch)))
	for attempt := 0; attempt < 3; attempt++ {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		err := a.store.AppendAudit(ctx, batch...)
		cancel()
		if err == nil {
			return
		}
		a.log.Error("audit write failed", "events", len(batch), "attempt", attempt+1, "error", err)
		time.Sleep(time.Duration(attempt+1) * 100 * time.Millisecond)
	}
}

// flush waits until every event queued so far is written. Tests use it.
func (a *auditor) flush() {
	for a.pending.Load() > 0 {
		time.Sleep(time.Millisecond)
	}
}

// close writes what is queued and stops the recorder.
func (a *auditor) close() {
	a.once.Do(func() {
		close(a.queue)
		a.done.Wait()
	})
}
