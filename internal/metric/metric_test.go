package metric

import "testing"

func TestRatioAndF1(t *testing.T) {
	for _, tt := range []struct {
		a, b int
		want float64
	}{{3, 4, 0.75}, {0, 4, 0}, {4, 0, 0}, {0, 0, 0}} {
		if got := Ratio(tt.a, tt.b); got != tt.want {
			t.Errorf("Ratio(%d, %d) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
	for _, tt := range []struct{ p, r, want float64 }{{0.5, 0.5, 0.5}, {1, 0.5, 2.0 / 3}, {0, 0, 0}, {1, 0, 0}} {
		if got := F1(tt.p, tt.r); got != tt.want {
			t.Errorf("F1(%v, %v) = %v, want %v", tt.p, tt.r, got, tt.want)
		}
	}
}
