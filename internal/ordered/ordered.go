// Package ordered runs work on a stream with several workers and hands the
// results on in the stream's order, holding at most a bounded number of
// items in flight so memory stays constant on any input size.
package ordered

import (
	"context"
	"sync"
)

// Run reads items from src (which calls yield for each and stops when
// yield returns false), computes work(item) on n goroutines and calls sink
// with each item and its result in src's order. It returns the first error
// from src or sink, or ctx's error; work cannot fail (put errors in R).
func Run[T, R any](ctx context.Context, n int, src func(yield func(T) bool) error, work func(T) R, sink func(T, R) error) error {
	if n < 1 {
		n = 1
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	type job struct {
		item T
		res  R
		done chan struct{}
	}
	jobs := make(chan *job, n)
	queue := make(chan *job, 4*n) // in src order, for the sink
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				j.res = work(j.item)
				close(j.done)
			}
		}()
	}
	srcErr := make(chan error, 1)
	go func() {
		defer close(queue)
		defer close(jobs)
		srcErr <- src(func(it T) bool {
			j := &job{item: it, done: make(chan struct{})}
			select {
			case queue <- j:
			case <-ctx.Done():
				return false
			}
			select {
			case jobs <- j:
				return true
			case <-ctx.Done():
				close(j.done)
				return false
			}
		})
	}()
	var sinkErr error
	for j := range queue {
		<-j.done
		if sinkErr != nil || ctx.Err() != nil {
			continue // drain so the workers and src can finish
		}
		if err := sink(j.item, j.res); err != nil {
			sinkErr = err
			cancel()
		}
	}
	wg.Wait()
	err := <-srcErr
	if sinkErr != nil {
		return sinkErr
	}
	if err != nil {
		return err
	}
	return ctx.Err()
}
