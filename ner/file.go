package ner

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"sort"
	"strings"
	"unicode"
)

// The model file is gzip-compressed binary:
//
//	"MARSADNER\n"  magic
//	uvarint        format version (2: BILOU labels, name model)
//	uvarint n, n bytes of JSON   ModelInfo, plus {"groups_mask": …}
//	lexicon:  uvarint #words, then per word in key order:
//	              uvarint len, bytes, 3×uvarint cluster id+1, byte freq, byte gazetteer classes
//	          uvarint #phrases, then per phrase: uvarint len, bytes, byte classes
//	          uvarint #trigrams, then per trigram: 3×uvarint rune, int8 log ratio×8 (nameModel)
//	weights:  (numLabels+1)×numLabels float32 transitions (little endian)
//	          float32 quantisation step q
//	          uvarint #features, then the feature keys ascending as uvarint deltas,
//	          then per feature: uvarint label mask, zig-zag varint round(w/q) per set bit
//	          (labels 1… less label O's weight: see weights)
//
// Weights are quantised to multiples of q, chosen so that the largest weight
// is ±32767·q; a weight that rounds to zero is dropped.
const fileMagic = "MARSADNER\n"

type fileHeader struct {
	ModelInfo
	GroupsMask int `json:"groups_mask"`
}

// Save writes the model to path.
func (m *Model) Save(path string) error {
	var buf bytes.Buffer
	if err := m.Write(&buf); err != nil {
		return err
	}
	return os.WriteFile(path, buf.Bytes(), 0o644)
}

// Write writes the model file to w.
func (m *Model) Write(w io.Writer) error {
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(zw)
	var tmp [binary.MaxVarintLen64]byte
	uv := func(x uint64) { bw.Write(tmp[:binary.PutUvarint(tmp[:], x)]) }
	str := func(s string) { uv(uint64(len(s))); bw.WriteString(s) }

	bw.WriteString(fileMagic)
	uv(formatVersion)
	hdr, err := json.Marshal(fileHeader{ModelInfo: m.Info, GroupsMask: m.groups})
	if err != nil {
		return err
	}
	str(string(hdr))

	words := make([]string, 0, len(m.lex.words))
	for k := range m.lex.words {
		words = append(words, k)
	}
	sort.Strings(words)
	uv(maxLevels)
	uv(uint64(len(words)))
	for _, k := range words {
		e := m.lex.words[k]
		str(k)
		for _, c := range e.cl {
			uv(uint64(c))
		}
		bw.WriteByte(e.freq)
		bw.WriteByte(e.gaz)
	}
	phrases := make([]string, 0, len(m.lex.phrases))
	for p, c := range m.lex.phrases {
		if c != 0 {
			phrases = append(phrases, p)
		}
	}
	sort.Strings(phrases)
	uv(uint64(len(phrases)))
	for _, p := range phrases {
		str(p)
		bw.WriteByte(m.lex.phrases[p])
	}

	trigrams := m.lex.names.sortedTrigrams()
	uv(uint64(len(trigrams)))
	for _, t := range trigrams {
		for _, r := range t {
			uv(uint64(r))
		}
		bw.WriteByte(byte(m.lex.names[t]))
	}

	bw.WriteByte(byte(m.Info.Stages))
	writeWeights(bw, &m.wt)
	if m.wt2 != nil {
		writeWeights(bw, m.wt2)
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	return zw.Close()
}

func writeWeights(bw *bufio.Writer, wt *weights) {
	var tmp [binary.MaxVarintLen64]byte
	uv := func(x uint64) { bw.Write(tmp[:binary.PutUvarint(tmp[:], x)]) }
	sv := func(x int64) { bw.Write(tmp[:binary.PutVarint(tmp[:], x)]) }
	for p := range wt.trans {
		for _, v := range wt.trans[p] {
			binary.Write(bw, binary.LittleEndian, v)
		}
	}
	var maxAbs float64
	for _, v := range wt.w {
		maxAbs = math.Max(maxAbs, math.Abs(float64(v)))
	}
	q := float32(1)
	if maxAbs > 0 {
		q = float32(maxAbs / 32767)
	}
	binary.Write(bw, binary.LittleEndian, q)
	type feat struct {
		key uint32
		row int32
	}
	feats := make([]feat, 0, wt.table.n)
	wt.table.each(func(k uint32, r int32) { feats = append(feats, feat{k, r}) })
	sort.Slice(feats, func(i, j int) bool { return feats[i].key < feats[j].key })
	// drop features whose weights all quantise to zero
	live := feats[:0]
	for _, f := range feats {
		for _, v := range wt.w[int(f.row)*rowLen : int(f.row)*rowLen+rowLen] {
			if math.Round(float64(v/q)) != 0 {
				live = append(live, f)
				break
			}
		}
	}
	uv(uint64(len(live)))
	prev := uint32(0)
	for _, f := range live {
		uv(uint64(f.key - prev))
		prev = f.key
	}
	for _, f := range live {
		row := wt.w[int(f.row)*rowLen : int(f.row)*rowLen+rowLen]
		var mask uint64
		var qs [rowLen]int64
		for l, v := range row {
			qs[l] = int64(math.Round(float64(v / q)))
			if qs[l] != 0 {
				mask |= 1 << l
			}
		}
		uv(mask)
		for l := range row {
			if mask&(1<<l) != 0 {
				sv(qs[l])
			}
		}
	}
}

// Load reads a model file written by Save.
func Load(path string) (*Model, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	m, err := Read(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return m, nil
}

var errFormat = errors.New("ner: not a marsad NER model file")

// Read reads a model file.
func Read(r io.Reader) (*Model, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", errFormat, err)
	}
	br := bufio.NewReaderSize(zr, 1<<16)
	fail := func(what string, err error) (*Model, error) {
		if errors.Is(err, io.EOF) {
			err = io.ErrUnexpectedEOF
		}
		if err == nil {
			err = errors.New("value out of range")
		}
		return nil, fmt.Errorf("ner: model file: %s: %w", what, err)
	}
	magic := make([]byte, len(fileMagic))
	if _, err := io.ReadFull(br, magic); err != nil || string(magic) != fileMagic {
		return nil, errFormat
	}
	ver, err := binary.ReadUvarint(br)
	if err != nil {
		return fail("version", err)
	}
	if ver != formatVersion {
		return nil, fmt.Errorf("ner: model file format %d, this marsad reads %d", ver, formatVersion)
	}
	const maxLen = 1 << 24
	readStr := func() (string, error) {
		n, err := binary.ReadUvarint(br)
		if err != nil {
			return "", err
		}
		if n > maxLen {
			return "", fmt.Errorf("string of %d bytes", n)
		}
		b := make([]byte, n)
		_, err = io.ReadFull(br, b)
		return string(b), err
	}
	hs, err := readStr()
	if err != nil {
		return fail("header", err)
	}
	var hdr fileHeader
	if err := json.Unmarshal([]byte(hs), &hdr); err != nil {
		return fail("header", err)
	}
	m := &Model{Info: hdr.ModelInfo, groups: hdr.GroupsMask, lex: newLexicon()}

	levels, err := binary.ReadUvarint(br)
	if err != nil || levels > maxLevels {
		return fail("cluster levels", err)
	}
	nw, err := binary.ReadUvarint(br)
	if err != nil || nw > maxLen {
		return fail("word count", err)
	}
	m.lex.words = make(map[string]lexEntry, min(nw, 1<<16)) // the count is not trusted before the words are read
	for i := uint64(0); i < nw; i++ {
		k, err := readStr()
		if err != nil {
			return fail("word", err)
		}
		var e lexEntry
		for j := range e.cl[:levels] {
			c, err := binary.ReadUvarint(br)
			if err != nil {
				return fail("word clusters", err)
			}
			e.cl[j] = uint16(c)
		}
		if e.freq, err = br.ReadByte(); err != nil {
			return fail("word", err)
		}
		if e.gaz, err = br.ReadByte(); err != nil {
			return fail("word", err)
		}
		m.lex.words[k] = e
	}
	np, err := binary.ReadUvarint(br)
	if err != nil || np > maxLen {
		return fail("phrase count", err)
	}
	for i := uint64(0); i < np; i++ {
		p, err := readStr()
		if err != nil {
			return fail("phrase", err)
		}
		c, err := br.ReadByte()
		if err != nil {
			return fail("phrase", err)
		}
		ws := strings.Split(p, " ")
		m.lex.maxLen = max(m.lex.maxLen, len(ws))
		for j := 1; j < len(ws); j++ {
			pre := strings.Join(ws[:j], " ")
			if _, ok := m.lex.phrases[pre]; !ok {
				m.lex.phrases[pre] = 0
			}
		}
		m.lex.phrases[p] |= c
	}

	nt, err := binary.ReadUvarint(br)
	if err != nil || nt > maxLen {
		return fail("trigram count", err)
	}
	if nt > 0 {
		m.lex.names = make(nameModel, min(nt, 1<<16))
	}
	for i := uint64(0); i < nt; i++ {
		var t [3]rune
		for j := range t {
			r, err := binary.ReadUvarint(br)
			if err != nil || r > unicode.MaxRune {
				return fail("trigram", err)
			}
			t[j] = rune(r)
		}
		v, err := br.ReadByte()
		if err != nil {
			return fail("trigram", err)
		}
		m.lex.names[t] = int8(v)
	}

	stages, err := br.ReadByte()
	if err != nil {
		return fail("stages", err)
	}
	if stages < 1 || stages > 2 {
		return fail("stages", fmt.Errorf("%d stages", stages))
	}
	if err := readWeights(br, &m.wt); err != nil {
		return fail("stage 1", err)
	}
	if stages == 2 {
		m.wt2 = &weights{}
		if err := readWeights(br, m.wt2); err != nil {
			return fail("stage 2", err)
		}
	}
	return m, nil
}

func readWeights(br *bufio.Reader, wt *weights) error {
	for p := range wt.trans {
		for c := range wt.trans[p] {
			if err := binary.Read(br, binary.LittleEndian, &wt.trans[p][c]); err != nil {
				return err
			}
		}
	}
	var q float32
	if err := binary.Read(br, binary.LittleEndian, &q); err != nil {
		return err
	}
	nf, err := binary.ReadUvarint(br)
	if err != nil {
		return err
	}
	if nf > 1<<24 {
		return errors.New("too many features")
	}
	// grow with what is actually read: the count is not trusted
	keys := make([]uint32, 0, min(nf, 1<<16))
	key := uint64(0)
	for i := uint64(0); i < nf; i++ {
		d, err := binary.ReadUvarint(br)
		if err != nil {
			return err
		}
		key += d
		if key > math.MaxUint32 {
			return errors.New("feature key out of range")
		}
		keys = append(keys, uint32(key))
	}
	wt.table = newFtable(len(keys))
	for i, k := range keys {
		wt.table.put(k, int32(i))
	}
	wt.w = make([]float32, len(keys)*rowLen)
	for i := uint64(0); i < nf; i++ {
		mask, err := binary.ReadUvarint(br)
		if err != nil {
			return err
		}
		if mask >= 1<<rowLen {
			return errors.New("bad label mask")
		}
		for l := 0; l < rowLen; l++ {
			if mask&(1<<l) == 0 {
				continue
			}
			v, err := binary.ReadVarint(br)
			if err != nil {
				return err
			}
			wt.w[int(i)*rowLen+l] = float32(v) * q
		}
	}
	wt.layout()
	return nil
}

// Summary describes the model in one line: what it was trained on and how
// it tags (for reports such as "marsad eval ner").
func (i ModelInfo) Summary() string {
	var b strings.Builder
	fmt.Fprintf(&b, "trained on %d sentences (%d tokens)", i.TrainSentences, i.TrainTokens)
	if i.TrainData != "" {
		fmt.Fprintf(&b, " of %s", i.TrainData)
	}
	if i.Created != "" {
		fmt.Fprintf(&b, " on %s", i.Created)
	}
	learner := i.Learner
	if learner == "" {
		learner = "perceptron"
	}
	fmt.Fprintf(&b, "; %d stage", max(i.Stages, 1))
	if i.Stages > 1 {
		b.WriteString("s")
	}
	if i.Mix > 1 {
		fmt.Fprintf(&b, ", each the mean of %d %s learners", i.Mix, learner)
	} else {
		fmt.Fprintf(&b, " (%s)", learner)
	}
	fmt.Fprintf(&b, "; %d features", i.Features)
	if i.ScoreTemperature > 0 {
		fmt.Fprintf(&b, "; entity scores at temperature %g", i.ScoreTemperature)
	} else {
		b.WriteString("; no entity scores")
	}
	if i.propagates() {
		fmt.Fprintf(&b, "; names copied from confidence %g", i.Propagate)
	}
	return b.String()
}
