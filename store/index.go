package store

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/marsad/marsad/analysis"
	"github.com/marsad/marsad/arabic"
	"github.com/marsad/marsad/kb"
)

// Record is a document ready for Put: the document, its analysis, and what
// the store derives from them for search and de-duplication. Prepare makes
// one; the work is done by the caller (in parallel, during ingest) so that
// the writer only writes.
type Record struct {
	Doc      analysis.Document
	Analysis *analysis.Analysis
	// Hash is the SHA-256 (hex) of the analysed text: the document's
	// content identity.
	Hash string
	// Tokens are the index tokens of the analysed text in order (see
	// IndexToken): what both backends index.
	Tokens []string
	// MinHash is the document's near-duplicate signature, nil for texts
	// too short to judge.
	MinHash []uint32
	// SeenKeys are marked seen when the record is stored (feed items).
	SeenKeys []string
}

// Indexer turns documents and queries into index tokens with one
// segmenter: the pipeline's, which protects the knowledge base's names.
// It is safe for concurrent use.
type Indexer struct {
	seg       *arabic.Segmenter
	countries countryIndex
}

// NewIndexer returns an Indexer over seg (nil: kb.Segmenter(), the one the
// default pipeline reads with, so that an index written by ingest and a
// query parsed by any other command stem alike).
func NewIndexer(seg *arabic.Segmenter) *Indexer {
	if seg == nil {
		seg = kb.Segmenter()
	}
	return &Indexer{seg: seg}
}

// Segmenter returns the indexer's segmenter.
func (ix *Indexer) Segmenter() *arabic.Segmenter { return ix.seg }

// Limits on what one record may hold; beyond them Prepare refuses it
// rather than let a database fail the whole batch.
const (
	maxIDBytes   = 1024
	maxTextBytes = 64 << 20
)

// Prepare checks a document and its analysis and derives the record's
// hash, index tokens and signature. An error names the problem; nothing
// is stored for it.
func (ix *Indexer) Prepare(d *analysis.Document, a *analysis.Analysis) (*Record, error) {
	if err := check(d); err != nil {
		return nil, err
	}
	if a == nil {
		a = analysis.New(d)
	}
	if a.ID != d.ID {
		return nil, fmt.Errorf("analysis is of %q, not of document %q", a.ID, d.ID)
	}
	text := d.AnalysedText()
	sum := sha256.Sum256([]byte(text))
	r := &Record{Doc: *d, Analysis: a, Hash: hex.EncodeToString(sum[:])}
	terms := ix.seg.Terms(text)
	r.Tokens = make([]string, len(terms))
	for i, t := range terms {
		r.Tokens[i] = IndexToken(t.Stem)
	}
	// The signature reads the body only, so that a copy under another
	// headline is still found.
	body := terms
	if d.Title != "" && d.Text != "" {
		skip := utf8.RuneCountInString(d.Title) + 2
		i := 0
		for i < len(terms) && terms[i].Start < skip {
			i++
		}
		body = terms[i:]
	}
	stems := make([]string, len(body))
	for i, t := range body {
		stems[i] = t.Stem
	}
	r.MinHash = MinHash(stems)
	return r, nil
}

// check refuses what a database would refuse or what makes no document.
func check(d *analysis.Document) error {
	switch {
	case strings.TrimSpace(d.ID) == "":
		return fmt.Errorf("document has no id")
	case len(d.ID) > maxIDBytes:
		return fmt.Errorf("id is %d bytes long, at most %d", len(d.ID), maxIDBytes)
	case len(d.Title)+len(d.Text) > maxTextBytes:
		return fmt.Errorf("text is %d bytes long, at most %d", len(d.Title)+len(d.Text), maxTextBytes)
	case strings.TrimSpace(d.Text) == "" && strings.TrimSpace(d.Title) == "":
		return fmt.Errorf("document %q has no text", d.ID)
	}
	for name, v := range map[string]string{"id": d.ID, "title": d.Title, "text": d.Text, "published": d.Published, "source": d.Source, "url": d.URL, "lang": d.Lang} {
		if !utf8.ValidString(v) {
			return fmt.Errorf("%s is not valid UTF-8", name)
		}
		if strings.IndexByte(v, 0) >= 0 {
			return fmt.Errorf("%s holds a NUL character", name)
		}
	}
	if d.Published != "" {
		if _, err := analysis.ParseDate(d.Published); err != nil {
			return err
		}
	}
	return nil
}

// IndexToken is the token a stem is indexed as. A stem made only of
// Arabic letters, ASCII lower-case letters and digits is its own token;
// anything else (URLs, e-mail addresses, decimals, accented Latin) is
// written as 0x<hex> and very long stems as 0x<hash>, so that neither
// SQLite's unicode61 tokenizer nor PostgreSQL's tsvector splits, folds or
// refuses what marsad's analyser produced: both backends see the same
// tokens.
func IndexToken(stem string) string {
	safe := len(stem) <= 120
	for _, r := range stem {
		if !safeRune(r) {
			safe = false
			break
		}
	}
	if safe {
		return stem
	}
	if len(stem) > 60 {
		h := sha256.Sum256([]byte(stem))
		return "0x" + hex.EncodeToString(h[:16])
	}
	return "0x" + hex.EncodeToString([]byte(stem))
}

func safeRune(r rune) bool {
	return r >= 'a' && r <= 'z' || r >= '0' && r <= '9' ||
		r >= 0x0621 && r <= 0x063A || r >= 0x0641 && r <= 0x064A
}

// NameKey is the key names are matched by in filters (places, actors,
// countries): the stems of the name's words, so that بالموصل and الموصل
// meet, and Latin names in lower case.
func (ix *Indexer) NameKey(name string) string {
	terms := ix.seg.Terms(name)
	parts := make([]string, len(terms))
	for i, t := range terms {
		parts[i] = t.Stem
	}
	if len(parts) == 0 {
		return strings.ToLower(strings.TrimSpace(name))
	}
	return strings.Join(parts, " ")
}

// The near-duplicate signature: MinHash over word 3-grams of stems, 64
// hash functions, banded for lookup into 16 bands of 4. Two texts whose
// 3-gram sets have Jaccard similarity J share a band with probability
// 1-(1-J⁴)¹⁶: 99% at J=0.7, 64% at J=0.5, 5% at J=0.3. Candidates are then
// checked on the whole signature.
const (
	minHashes  = 64
	bandRows   = 4
	bands      = minHashes / bandRows
	minShingle = 3
	// minTerms is the shortest text (in terms) judged for near-duplicates:
	// short notes share too much by chance.
	minTerms = 15
	// NearDuplicateThreshold is the estimated Jaccard similarity from
	// which a document is a near-duplicate of an earlier one.
	NearDuplicateThreshold = 0.6
)

// MinHash returns the signature of a text given as its stems, or nil when
// the text is too short.
func MinHash(stems []string) []uint32 {
	if len(stems) < minTerms {
		return nil
	}
	sig := make([]uint32, minHashes)
	for i := range sig {
		sig[i] = ^uint32(0)
	}
	hs := make([]uint64, len(stems))
	for i, s := range stems {
		hs[i] = fnv64(s)
	}
	for i := 0; i+minShingle <= len(hs); i++ {
		x := hs[i]*0x9E3779B97F4A7C15 ^ hs[i+1]*0xC2B2AE3D27D4EB4F ^ hs[i+2]*0x165667B19E3779F9
		for j := range sig {
			v := uint32(mix64(x^seeds[j]) >> 32)
			if v < sig[j] {
				sig[j] = v
			}
		}
	}
	return sig
}

// Similarity estimates the Jaccard similarity of two signatures.
func Similarity(a, b []uint32) float64 {
	if len(a) != minHashes || len(b) != minHashes {
		return 0
	}
	n := 0
	for i := range a {
		if a[i] == b[i] {
			n++
		}
	}
	return float64(n) / minHashes
}

// BandKeys returns the lookup keys of a signature, one per band.
func BandKeys(sig []uint32) []int64 {
	if len(sig) != minHashes {
		return nil
	}
	keys := make([]int64, bands)
	for b := range keys {
		x := uint64(b+1) * 0x9E3779B97F4A7C15
		for _, v := range sig[b*bandRows : (b+1)*bandRows] {
			x = mix64(x ^ uint64(v))
		}
		keys[b] = int64(x)
	}
	return keys
}

// EncodeMinHash and DecodeMinHash store a signature as bytes.
func EncodeMinHash(sig []uint32) []byte {
	if sig == nil {
		return nil
	}
	b := make([]byte, 4*len(sig))
	for i, v := range sig {
		binary.LittleEndian.PutUint32(b[4*i:], v)
	}
	return b
}

func DecodeMinHash(b []byte) []uint32 {
	if len(b) != 4*minHashes {
		return nil
	}
	sig := make([]uint32, minHashes)
	for i := range sig {
		sig[i] = binary.LittleEndian.Uint32(b[4*i:])
	}
	return sig
}

var seeds = func() [minHashes]uint64 {
	var s [minHashes]uint64
	x := uint64(0x6D61727361640001) // "marsad", fixed: signatures are stored
	for i := range s {
		x += 0x9E3779B97F4A7C15
		s[i] = mix64(x)
	}
	return s
}()

// mix64 is splitmix64's finaliser.
func mix64(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xBF58476D1CE4E5B9
	x ^= x >> 27
	x *= 0x94D049BB133111EB
	x ^= x >> 31
	return x
}

func fnv64(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h
}
