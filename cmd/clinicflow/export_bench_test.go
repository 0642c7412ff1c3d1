package main

import (
	"fmt"
	"path/filepath"
	"runtime"
	"sync"
	"testing"
	"time"
)

// BenchmarkExport exports practices of 1,000 and 10,000 patients to CSV
// through a daemon in the same process, and reports the largest live heap
// seen during the export. The export streams page by page, so the two
// figures should be alike: a peak that grows with the practice is a
// regression. Seeding 10,000 patients takes a while; run it alone:
//
//	go test ./cmd/clinicflow -run '^$' -bench Export -benchtime 1x
func BenchmarkExport(b *testing.B) {
	for _, n := range []int{1_000, 10_000} {
		b.Run(fmt.Sprintf("patients=%d", n), func(b *testing.B) {
			w := newCLIWorld(b, "drhouse")
			seedPractice(b, w, n)
			b.ResetTimer()
			var peak uint64
			for i := 0; i < b.N; i++ {
				dir := filepath.Join(b.TempDir(), "out")
				stop := sampleHeap(&peak)
				w.mustRun(b, "", "export", "--format", "csv", "--out", dir)
				stop()
			}
			b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MiB")
		})
	}
}

// sampleHeap records in peak the largest live heap seen until stop is
// called.
func sampleHeap(peak *uint64) (stop func()) {
	runtime.GC()
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		tick := time.NewTicker(10 * time.Millisecond)
		defer tick.Stop()
		var m runtime.MemStats
		for {
			runtime.ReadMemStats(&m)
			*peak = max(*peak, m.HeapInuse)
			select {
			case <-done:
				return
			case <-tick.C:
			}
		}
	}()
	return func() {
		close(done)
		wg.Wait()
	}
}
