package wordclust

import (
	"context"
	"io"
	"math"
	"slices"
	"time"
)

// Exchange clusters the vocabulary into k classes with the predictive
// exchange algorithm (Uszkoreit & Brants 2008): it maximises the
// likelihood of a class bigram model P(w_i | class(w_{i-1})), moving one
// word at a time to the class that raises it most, for iters passes or
// until no word moves. Words are grouped by what follows them, which is
// closer to Brown clusters than k-means over embeddings is. Deterministic:
// words start in class rank mod k and are visited by rank.
func Exchange(ctx context.Context, c *Corpus, k, iters int, out io.Writer) ([]int32, error) {
	V := len(c.Vocab)
	cls := make([]int32, V)
	for v := range cls {
		cls[v] = int32(v % k)
	}
	if V == 0 || k < 2 {
		return cls, nil
	}
	// distinct bigrams (v, w) with counts, grouped by v
	var pairs []uint64
	for _, s := range c.Sents {
		for i := 1; i < len(s); i++ {
			pairs = append(pairs, uint64(s[i-1])<<32|uint64(uint32(s[i])))
		}
	}
	slices.Sort(pairs)
	start := make([]int32, V+1)
	var fw, fc []int32
	nv := make([]int64, V) // bigrams with v on the left
	for i := 0; i < len(pairs); {
		j := i
		for j < len(pairs) && pairs[j] == pairs[i] {
			j++
		}
		v := int(pairs[i] >> 32)
		fw = append(fw, int32(uint32(pairs[i])))
		fc = append(fc, int32(j-i))
		start[v+1]++
		nv[v] += int64(j - i)
		i = j
	}
	pairs = nil
	for v := 0; v < V; v++ {
		start[v+1] += start[v]
	}
	// nbw[w*k+b]: bigrams (x, w) with x in class b; nb[b]: bigrams with the left word in b
	nbw := make([]int32, V*k)
	nb := make([]int64, k)
	move := func(v int, b int32, sign int32) {
		for i := start[v]; i < start[v+1]; i++ {
			nbw[int(fw[i])*k+int(b)] += sign * fc[i]
		}
		nb[b] += int64(sign) * nv[v]
	}
	for v := 0; v < V; v++ {
		move(v, cls[v], 1)
	}
	// f(x) = x log x, tabulated for the small counts that dominate
	const tab = 1 << 16
	ftab := make([]float64, tab)
	for x := 1; x < tab; x++ {
		ftab[x] = float64(x) * math.Log(float64(x))
	}
	f := func(x int64) float64 {
		if x < tab {
			return ftab[x]
		}
		return float64(x) * math.Log(float64(x))
	}
	delta := make([]float64, k)
	for it := 1; it <= iters; it++ {
		t0 := time.Now()
		moved := 0
		for v := 0; v < V; v++ {
			if v%4096 == 0 {
				if err := ctx.Err(); err != nil {
					return nil, err
				}
			}
			if nv[v] == 0 {
				continue
			}
			a := cls[v]
			move(v, a, -1)
			for b := range delta {
				delta[b] = f(nb[b]) - f(nb[b]+nv[v])
			}
			for i := start[v]; i < start[v+1]; i++ {
				x := fc[i]
				row := nbw[int(fw[i])*k : int(fw[i])*k+k]
				for b, n := range row {
					delta[b] += f(int64(n+x)) - f(int64(n))
				}
			}
			best := a
			for b := range delta {
				if delta[b] > delta[best]+1e-9 {
					best = int32(b)
				}
			}
			move(v, best, 1)
			if best != a {
				cls[v] = best
				moved++
			}
		}
		progress(out, "exchange k=%d: pass %d/%d, %d words moved, %s", k, it, iters, moved, time.Since(t0).Round(time.Second))
		if moved == 0 {
			break
		}
	}
	return cls, nil
}

// LearnExchange clusters c's vocabulary with Exchange at each of o.Ks.
func LearnExchange(ctx context.Context, c *Corpus, o Options, iters int) (*Result, error) {
	r := &Result{Ks: o.Ks, Words: c.Vocab, Counts: c.Counts}
	for _, k := range o.Ks {
		cl, err := Exchange(ctx, c, k, iters, o.Progress)
		if err != nil {
			return nil, err
		}
		r.Clusters = append(r.Clusters, cl)
	}
	return r, nil
}
