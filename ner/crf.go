package ner

import (
	"fmt"
	"math"
)

// crf trains a linear-chain CRF by stochastic gradient ascent on the
// log-likelihood with L2 regularisation, in the style of Bottou's crfsgd:
// the weights are scale·v so that the decay of every weight costs O(1), and
// the learning rate falls as eta0/(1 + λ·eta0·t).
type crf struct {
	table   ftable
	v       []float64
	scale   float64
	trans   [numLabels + 1][numLabels]float64
	lambda  float64
	eta0    float64
	t       float64
	sc      []float64 // emission scores, then exp'd
	alpha   []float64
	beta    []float64
	z       []float64
	grad    []float64
	loglik  float64
	scratch [numLabels]float64
}

func newCRF(table ftable, o TrainOptions, n int) *crf {
	c := &crf{table: table, v: make([]float64, table.n*numLabels), scale: 1, lambda: o.L2, eta0: o.Eta0}
	if c.lambda <= 0 {
		c.lambda = 1e-5
	}
	if c.eta0 <= 0 {
		c.eta0 = 0.1
	}
	return c
}

func (c *crf) epoch(insts []inst, order []int) string {
	c.loglik = 0
	for _, idx := range order {
		c.step(&insts[idx])
	}
	return fmt.Sprintf("log-likelihood %.0f, ‖w‖ scale %.3g", c.loglik, c.scale)
}

func (c *crf) step(in *inst) {
	n := len(in.gold)
	L := numLabels
	eta := c.eta0 / (1 + c.lambda*c.eta0*c.t)
	c.t++
	if cap(c.sc) < n*L {
		c.sc = make([]float64, n*L)
		c.alpha = make([]float64, n*L)
		c.beta = make([]float64, n*L)
		c.grad = make([]float64, n*L)
	}
	if cap(c.z) < n {
		c.z = make([]float64, n)
	}
	sc, alpha, beta, grad, z := c.sc[:n*L], c.alpha[:n*L], c.beta[:n*L], c.grad[:n*L], c.z[:n]
	clear(sc)
	for t := 0; t < n; t++ {
		row := sc[t*L : t*L+L]
		for _, r := range in.rows[in.offs[t]:in.offs[t+1]] {
			if r < 0 {
				continue
			}
			vr := c.v[int(r)*L : int(r)*L+L]
			for l := range row {
				row[l] += vr[l]
			}
		}
		for l := range row {
			row[l] *= c.scale
			if in.base != nil {
				row[l] += float64(in.base[t*L+l])
			}
		}
	}
	// gold score for the log-likelihood
	gold := 0.0
	for t := 0; t < n; t++ {
		p := numLabels
		if t > 0 {
			p = in.gold[t-1]
		}
		gold += sc[t*L+in.gold[t]] + c.trans[p][in.gold[t]]
	}
	// exponentiate emissions, shifted per position; the shift cancels out
	var logZ float64
	for t := 0; t < n; t++ {
		row := sc[t*L : t*L+L]
		mx := math.Inf(-1)
		for _, x := range row {
			mx = math.Max(mx, x)
		}
		for l := range row {
			row[l] = math.Exp(row[l] - mx)
		}
		logZ += mx
	}
	var T [numLabels + 1][numLabels]float64
	for p := 0; p <= numLabels; p++ {
		for q := 0; q < numLabels; q++ {
			if allowed[p][q] {
				T[p][q] = math.Exp(c.trans[p][q])
			}
		}
	}
	// forward, normalised per position
	for t := 0; t < n; t++ {
		sum := 0.0
		for q := 0; q < L; q++ {
			var a float64
			if t == 0 {
				a = T[numLabels][q]
			} else {
				for p := 0; p < L; p++ {
					a += alpha[(t-1)*L+p] * T[p][q]
				}
			}
			a *= sc[t*L+q]
			alpha[t*L+q] = a
			sum += a
		}
		z[t] = sum
		for q := 0; q < L; q++ {
			alpha[t*L+q] /= sum
		}
		logZ += math.Log(sum)
	}
	c.loglik += gold - logZ
	// backward
	for q := 0; q < L; q++ {
		beta[(n-1)*L+q] = 1
	}
	for t := n - 2; t >= 0; t-- {
		for p := 0; p < L; p++ {
			var b float64
			for q := 0; q < L; q++ {
				b += T[p][q] * sc[(t+1)*L+q] * beta[(t+1)*L+q]
			}
			beta[t*L+p] = b / z[t+1]
		}
	}
	// node gradients: gold indicator minus marginal
	for t := 0; t < n; t++ {
		sum := 0.0
		for q := 0; q < L; q++ {
			m := alpha[t*L+q] * beta[t*L+q]
			grad[t*L+q] = m
			sum += m
		}
		for q := 0; q < L; q++ {
			grad[t*L+q] = -grad[t*L+q] / sum
		}
		grad[t*L+in.gold[t]]++
	}
	// edge gradients
	var tg [numLabels + 1][numLabels]float64
	for q := 0; q < L; q++ {
		tg[numLabels][q] += grad[q] - b2f(in.gold[0] == q) // minus the marginal at t=0
	}
	for t := 1; t < n; t++ {
		sum := 0.0
		for p := 0; p < L; p++ {
			for q := 0; q < L; q++ {
				if T[p][q] == 0 {
					continue
				}
				sum += alpha[(t-1)*L+p] * T[p][q] * sc[t*L+q] * beta[t*L+q]
			}
		}
		for p := 0; p < L; p++ {
			for q := 0; q < L; q++ {
				if T[p][q] == 0 {
					continue
				}
				tg[p][q] -= alpha[(t-1)*L+p] * T[p][q] * sc[t*L+q] * beta[t*L+q] / sum
			}
		}
		tg[in.gold[t-1]][in.gold[t]]++
	}
	tg[numLabels][in.gold[0]]++
	// decay, then step
	c.scale *= 1 - eta*c.lambda
	if c.scale < 1e-9 {
		for i := range c.v {
			c.v[i] *= c.scale
		}
		c.scale = 1
	}
	step := eta / c.scale
	for t := 0; t < n; t++ {
		g := grad[t*L : t*L+L]
		for _, r := range in.rows[in.offs[t]:in.offs[t+1]] {
			if r < 0 {
				continue
			}
			vr := c.v[int(r)*L : int(r)*L+L]
			for l := range vr {
				vr[l] += step * g[l]
			}
		}
	}
	for p := range tg {
		for q := range tg[p] {
			c.trans[p][q] += eta * (tg[p][q] - c.lambda*c.trans[p][q])
		}
	}
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

func (c *crf) weights() weights {
	w := weights{table: c.table, w: make([]float32, c.table.n*rowLen)}
	for r := 0; r < c.table.n; r++ {
		w.setRow(r, func(l int) float64 { return c.v[r*numLabels+l] * c.scale })
	}
	for p := range c.trans {
		for q := range c.trans[p] {
			w.trans[p][q] = float32(c.trans[p][q])
		}
	}
	return w
}
