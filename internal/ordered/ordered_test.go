package ordered

import (
	"context"
	"errors"
	"testing"
	"time"
)

func TestRunKeepsOrder(t *testing.T) {
	const n = 500
	src := func(yield func(int) bool) error {
		for i := 0; i < n; i++ {
			if !yield(i) {
				return nil
			}
		}
		return nil
	}
	// later items finish first: the sink must still see them in order
	work := func(i int) int {
		time.Sleep(time.Duration((n-i)%7) * 50 * time.Microsecond)
		return i * i
	}
	next := 0
	err := Run(context.Background(), 8, src, work, func(i, sq int) error {
		if i != next || sq != i*i {
			t.Fatalf("got item %d (%d), want %d", i, sq, next)
		}
		next++
		return nil
	})
	if err != nil || next != n {
		t.Fatalf("err %v after %d items", err, next)
	}
}

func TestRunStopsOnSinkError(t *testing.T) {
	boom := errors.New("boom")
	seen := 0
	err := Run(context.Background(), 4, func(yield func(int) bool) error {
		for i := 0; ; i++ {
			if !yield(i) {
				return nil
			}
		}
	}, func(i int) int { return i }, func(i, _ int) error {
		seen++
		if i == 10 {
			return boom
		}
		return nil
	})
	if !errors.Is(err, boom) || seen != 11 {
		t.Fatalf("err %v after %d items, want boom after 11", err, seen)
	}
}

func TestRunSourceError(t *testing.T) {
	bad := errors.New("bad source")
	err := Run(context.Background(), 2, func(yield func(int) bool) error {
		yield(1)
		return bad
	}, func(i int) int { return i }, func(int, int) error { return nil })
	if !errors.Is(err, bad) {
		t.Fatalf("err = %v", err)
	}
}
