// Package metric holds the arithmetic of marsad's evaluations.
package metric

// Ratio is a/b, 0 when b is 0 (a precision with no predictions, a recall
// with no gold).
func Ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// F1 is the harmonic mean of precision p and recall r, 0 when both are.
func F1(p, r float64) float64 {
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}
