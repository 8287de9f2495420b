// Package wordclust learns word clusters from unlabelled text for the named
// entity tagger: skip-gram embeddings with negative sampling (word2vec), then
// spherical k-means over the embeddings at several granularities.
//
// Why not Brown clusters: exact Brown clustering of ~10M words into 1,000
// classes takes many hours on one core; skip-gram + k-means takes minutes and
// gives flat clusterings at several sizes that play the role of Brown path
// prefixes (Guo et al. 2014 found clustered embeddings as good as Brown
// clusters as CRF features for NER).
//
// Everything is single-threaded and driven by one seed, so the same corpus
// and options give the same clusters byte for byte.
package wordclust

import (
	"bufio"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Options control learning. The zero value is not useful; start from
// DefaultOptions.
type Options struct {
	MinCount  int     // words seen fewer times are dropped
	Dim       int     // embedding size
	Window    int     // max distance between centre and context word
	Negative  int     // negative samples per pair
	Epochs    int     // passes over the corpus
	Alpha     float32 // starting learning rate
	Sample    float64 // subsampling threshold for frequent words
	Ks        []int   // cluster counts, coarse to fine
	KMeansIt  int     // k-means iterations
	MaxVocab  int     // cluster only the most frequent words (0: all)
	Seed      uint64
	Progress  io.Writer // progress lines; nil for none
	corpusLen int
}

// DefaultOptions are the settings used for the shipped model.
func DefaultOptions() Options {
	return Options{MinCount: 5, Dim: 100, Window: 5, Negative: 5, Epochs: 4, Alpha: 0.025,
		Sample: 1e-4, Ks: []int{64, 256, 1024}, KMeansIt: 15, MaxVocab: 150000, Seed: 1}
}

// Corpus is tokenised text: Sents[i] is a sentence of word ids into Vocab.
type Corpus struct {
	Vocab  []string
	Counts []int
	Sents  [][]int32
	Tokens int // tokens read, before dropping rare words
}

// Builder accumulates sentences of already-normalised words.
type Builder struct {
	ids    map[string]int32
	vocab  []string
	counts []int
	sents  [][]int32
	tokens int
}

// NewBuilder returns an empty corpus builder.
func NewBuilder() *Builder { return &Builder{ids: map[string]int32{}} }

// Add appends one sentence.
func (b *Builder) Add(words []string) {
	if len(words) == 0 {
		return
	}
	s := make([]int32, len(words))
	for i, w := range words {
		id, ok := b.ids[w]
		if !ok {
			id = int32(len(b.vocab))
			b.ids[w] = id
			b.vocab = append(b.vocab, w)
			b.counts = append(b.counts, 0)
		}
		b.counts[id]++
		s[i] = id
	}
	b.sents = append(b.sents, s)
	b.tokens += len(words)
}

// Build drops words seen fewer than minCount times and renumbers the rest by
// descending frequency (ties by string), so that ids are stable.
func (b *Builder) Build(minCount int) *Corpus {
	order := make([]int32, 0, len(b.vocab))
	for i, c := range b.counts {
		if c >= minCount {
			order = append(order, int32(i))
		}
	}
	slices.SortFunc(order, func(x, y int32) int {
		if b.counts[x] != b.counts[y] {
			return b.counts[y] - b.counts[x]
		}
		return strings.Compare(b.vocab[x], b.vocab[y])
	})
	remap := make([]int32, len(b.vocab))
	for i := range remap {
		remap[i] = -1
	}
	c := &Corpus{Tokens: b.tokens}
	for newID, old := range order {
		remap[old] = int32(newID)
		c.Vocab = append(c.Vocab, b.vocab[old])
		c.Counts = append(c.Counts, b.counts[old])
	}
	for _, s := range b.sents {
		out := s[:0]
		for _, id := range s {
			if r := remap[id]; r >= 0 {
				out = append(out, r)
			}
		}
		if len(out) > 1 {
			c.Sents = append(c.Sents, out)
		}
	}
	return c
}

// Result holds the learned clusters: Clusters[k][word] for each of Options.Ks.
type Result struct {
	Ks       []int
	Words    []string
	Counts   []int
	Clusters [][]int32 // Clusters[j][i]: cluster of Words[i] at granularity Ks[j]
}

// Learn trains embeddings on c and clusters them.
func Learn(ctx context.Context, c *Corpus, o Options) (*Result, error) {
	if len(c.Vocab) == 0 {
		return nil, fmt.Errorf("wordclust: empty vocabulary")
	}
	emb, err := skipGram(ctx, c, o)
	if err != nil {
		return nil, err
	}
	n := len(c.Vocab)
	if o.MaxVocab > 0 && n > o.MaxVocab {
		n = o.MaxVocab
	}
	vecs := emb[:n*o.Dim]
	normalize(vecs, o.Dim)
	r := &Result{Ks: o.Ks, Words: c.Vocab[:n], Counts: c.Counts[:n]}
	for _, k := range o.Ks {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		t0 := time.Now()
		assign := kmeans(vecs, o.Dim, k, o.KMeansIt, o.Seed)
		r.Clusters = append(r.Clusters, assign)
		progress(o.Progress, "k-means k=%d done in %s", k, time.Since(t0).Round(time.Second))
	}
	return r, nil
}

func progress(w io.Writer, format string, args ...any) {
	if w != nil {
		fmt.Fprintf(w, "clusters: "+format+"\n", args...)
	}
}

// rng is word2vec's linear congruential generator: cheap and reproducible.
type rng uint64

func (r *rng) next() uint64 {
	*r = *r*25214903917 + 11
	return uint64(*r)
}

const expTableSize, maxExp = 1000, 6

func skipGram(ctx context.Context, c *Corpus, o Options) ([]float32, error) {
	V, D := len(c.Vocab), o.Dim
	r := rng(o.Seed)
	syn0 := make([]float32, V*D)
	for i := range syn0 {
		syn0[i] = (float32(r.next()&0xFFFF)/65536 - 0.5) / float32(D)
	}
	syn1 := make([]float32, V*D)

	// unigram^0.75 table for negatives
	const tableSize = 1 << 24
	table := make([]int32, tableSize)
	var total float64
	for _, cnt := range c.Counts {
		total += math.Pow(float64(cnt), 0.75)
	}
	w, cum := 0, math.Pow(float64(c.Counts[0]), 0.75)/total
	for i := range table {
		table[i] = int32(w)
		if float64(i)/tableSize > cum && w < V-1 {
			w++
			cum += math.Pow(float64(c.Counts[w]), 0.75) / total
		}
	}
	// subsampling keep probabilities
	var trainWords int
	for _, cnt := range c.Counts {
		trainWords += cnt
	}
	keep := make([]float32, V)
	for i, cnt := range c.Counts {
		keep[i] = 1
		if o.Sample > 0 {
			f := float64(cnt)
			th := o.Sample * float64(trainWords)
			keep[i] = float32(min((math.Sqrt(f/th)+1)*th/f, 1))
		}
	}
	var expTable [expTableSize]float32
	for i := range expTable {
		e := math.Exp((float64(i)/expTableSize*2 - 1) * maxExp)
		expTable[i] = float32(e / (e + 1))
	}

	totalSteps := float64(o.Epochs) * float64(trainWords)
	var done float64
	neu1e := make([]float32, D)
	buf := make([]int32, 0, 256)
	t0 := time.Now()
	for ep := 0; ep < o.Epochs; ep++ {
		for si, sent := range c.Sents {
			if si%20000 == 0 {
				if err := ctx.Err(); err != nil {
					return nil, err
				}
			}
			done += float64(len(sent))
			alpha := o.Alpha * float32(max(1-done/(totalSteps+1), 0.0001))
			buf = buf[:0]
			for _, id := range sent {
				if keep[id] < 1 && float32(r.next()&0xFFFF)/65536 > keep[id] {
					continue
				}
				buf = append(buf, id)
			}
			for pos, centre := range buf {
				b := int(r.next() % uint64(o.Window))
				lo, hi := max(pos-o.Window+b, 0), min(pos+o.Window-b, len(buf)-1)
				for cpos := lo; cpos <= hi; cpos++ {
					if cpos == pos {
						continue
					}
					ctxv := syn0[int(buf[cpos])*D : int(buf[cpos])*D+D]
					clear(neu1e)
					for d := 0; d <= o.Negative; d++ {
						var target int32
						var label float32
						if d == 0 {
							target, label = centre, 1
						} else {
							target = table[(r.next()>>16)%tableSize]
							if target == centre {
								continue
							}
						}
						tv := syn1[int(target)*D : int(target)*D+D]
						f := dot(ctxv, tv)
						var g float32
						switch {
						case f > maxExp:
							g = (label - 1) * alpha
						case f < -maxExp:
							g = label * alpha
						default:
							g = (label - expTable[int((f+maxExp)*(expTableSize/maxExp/2))]) * alpha
						}
						axpy(g, tv, neu1e)
						axpy(g, ctxv, tv)
					}
					axpy(1, neu1e, ctxv)
				}
			}
		}
		progress(o.Progress, "skip-gram epoch %d/%d done, %s elapsed", ep+1, o.Epochs, time.Since(t0).Round(time.Second))
	}
	return syn0, nil
}

func dot(a, b []float32) float32 {
	b = b[:len(a)]
	var s0, s1, s2, s3 float32
	i := 0
	for ; i+4 <= len(a); i += 4 {
		s0 += a[i] * b[i]
		s1 += a[i+1] * b[i+1]
		s2 += a[i+2] * b[i+2]
		s3 += a[i+3] * b[i+3]
	}
	for ; i < len(a); i++ {
		s0 += a[i] * b[i]
	}
	return s0 + s1 + s2 + s3
}

// axpy: y += a*x
func axpy(a float32, x, y []float32) {
	y = y[:len(x)]
	for i, v := range x {
		y[i] += a * v
	}
}

func normalize(vecs []float32, D int) {
	for i := 0; i < len(vecs); i += D {
		v := vecs[i : i+D]
		n := float32(math.Sqrt(float64(dot(v, v))))
		if n > 0 {
			for j := range v {
				v[j] /= n
			}
		}
	}
}

// kmeans is spherical k-means (cosine similarity) with k-means++ seeding.
func kmeans(vecs []float32, D, k, iters int, seed uint64) []int32 {
	n := len(vecs) / D
	k = min(k, n)
	rnd := rand.New(rand.NewPCG(seed, uint64(k)))
	cent := make([]float32, k*D)
	// k-means++ seeding over a sample to keep it cheap
	first := rnd.IntN(n)
	copy(cent[:D], vecs[first*D:first*D+D])
	dist := make([]float64, n)
	for i := range dist {
		dist[i] = math.Inf(1)
	}
	for c := 1; c < k; c++ {
		prev := cent[(c-1)*D : c*D]
		var sum float64
		for i := 0; i < n; i++ {
			d := float64(1 - dot(vecs[i*D:i*D+D], prev))
			if d < dist[i] {
				dist[i] = d
			}
			sum += dist[i] * dist[i]
		}
		x := rnd.Float64() * sum
		pick := n - 1
		for i := 0; i < n; i++ {
			x -= dist[i] * dist[i]
			if x <= 0 {
				pick = i
				break
			}
		}
		copy(cent[c*D:c*D+D], vecs[pick*D:pick*D+D])
	}
	assign := make([]int32, n)
	sums := make([]float32, k*D)
	sizes := make([]int, k)
	for it := 0; it < iters; it++ {
		changed := 0
		for i := 0; i < n; i++ {
			v := vecs[i*D : i*D+D]
			best, bs := int32(0), float32(-2)
			for c := 0; c < k; c++ {
				if s := dot(v, cent[c*D:c*D+D]); s > bs {
					best, bs = int32(c), s
				}
			}
			if it == 0 || assign[i] != best {
				changed++
			}
			assign[i] = best
		}
		clear(sums)
		clear(sizes)
		for i := 0; i < n; i++ {
			c := int(assign[i])
			axpy(1, vecs[i*D:i*D+D], sums[c*D:c*D+D])
			sizes[c]++
		}
		for c := 0; c < k; c++ {
			if sizes[c] == 0 {
				continue // keep the old centroid
			}
			copy(cent[c*D:c*D+D], sums[c*D:c*D+D])
		}
		normalize(cent, D)
		if changed == 0 {
			break
		}
	}
	return assign
}

// Write stores r as gzip-compressed text: a header line, then
// "word<TAB>count<TAB>c1<TAB>c2…" per word, most frequent first.
func (r *Result) Write(w io.Writer, note string) error {
	zw, _ := gzip.NewWriterLevel(w, gzip.BestCompression)
	bw := bufio.NewWriter(zw)
	ks := make([]string, len(r.Ks))
	for i, k := range r.Ks {
		ks[i] = strconv.Itoa(k)
	}
	fmt.Fprintf(bw, "# marsad word clusters v1 ks=%s %s\n", strings.Join(ks, ","), note)
	for i, word := range r.Words {
		bw.WriteString(word)
		bw.WriteByte('\t')
		bw.WriteString(strconv.Itoa(r.Counts[i]))
		for j := range r.Ks {
			bw.WriteByte('\t')
			bw.WriteString(strconv.Itoa(int(r.Clusters[j][i])))
		}
		bw.WriteByte('\n')
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	return zw.Close()
}

// Read loads a file written by Write.
func Read(rd io.Reader) (*Result, error) {
	zr, err := gzip.NewReader(rd)
	if err != nil {
		return nil, fmt.Errorf("wordclust: %w", err)
	}
	sc := bufio.NewScanner(zr)
	sc.Buffer(make([]byte, 1<<16), 1<<20)
	r := &Result{}
	line := 0
	for sc.Scan() {
		line++
		t := sc.Text()
		if line == 1 {
			if !strings.HasPrefix(t, "# marsad word clusters v1 ks=") {
				return nil, fmt.Errorf("wordclust: not a cluster file")
			}
			f := strings.Fields(strings.TrimPrefix(t, "# marsad word clusters v1 ks="))
			if len(f) == 0 {
				return nil, fmt.Errorf("wordclust: header without ks")
			}
			for _, s := range strings.Split(f[0], ",") {
				k, err := strconv.Atoi(s)
				if err != nil {
					return nil, fmt.Errorf("wordclust: header: %w", err)
				}
				r.Ks = append(r.Ks, k)
			}
			r.Clusters = make([][]int32, len(r.Ks))
			continue
		}
		f := strings.Split(t, "\t")
		if len(f) != 2+len(r.Ks) {
			return nil, fmt.Errorf("wordclust: line %d: %d fields, want %d", line, len(f), 2+len(r.Ks))
		}
		cnt, err := strconv.Atoi(f[1])
		if err != nil {
			return nil, fmt.Errorf("wordclust: line %d: %w", line, err)
		}
		r.Words = append(r.Words, f[0])
		r.Counts = append(r.Counts, cnt)
		for j := range r.Ks {
			c, err := strconv.Atoi(f[2+j])
			if err != nil {
				return nil, fmt.Errorf("wordclust: line %d: %w", line, err)
			}
			r.Clusters[j] = append(r.Clusters[j], int32(c))
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("wordclust: %w", err)
	}
	if line == 0 {
		return nil, fmt.Errorf("wordclust: empty file")
	}
	return r, nil
}
