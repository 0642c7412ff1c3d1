package pdf

import (
	"io"
	"testing"
)

// countingWriter counts the bytes written to it.
type countingWriter struct{ n int64 }

func (w *countingWriter) Write(p []byte) (int, error) {
	w.n += int64(len(p))
	return len(p), nil
}

var _ io.Writer = (*countingWriter)(nil)

func BenchmarkRenderPrescription(b *testing.B) {
	p := samplePrescription()
	p.Items = manyItems(5)
	b.ReportAllocs()
	var w countingWriter
	for b.Loop() {
		w.n = 0
		if err := RenderPrescription(&w, p, frOptions); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(w.n), "pdf-bytes")
}

func BenchmarkRenderVisitSummary(b *testing.B) {
	v := sampleVisit()
	b.ReportAllocs()
	var w countingWriter
	for b.Loop() {
		w.n = 0
		if err := RenderVisitSummary(&w, v, frOptions); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(w.n), "pdf-bytes")
}
