package ner

import (
	"strings"
	"sync"

	"github.com/marsad/marsad/arabic"
)

// ModelInfo describes a model; it is stored in the model file.
type ModelInfo struct {
	Format         int      `json:"format"`
	Groups         []string `json:"groups"`
	Created        string   `json:"created,omitempty"`
	TrainData      string   `json:"train_data,omitempty"`
	TrainSentences int      `json:"train_sentences"`
	TrainTokens    int      `json:"train_tokens"`
	Epochs         int      `json:"epochs"`
	Epochs2        int      `json:"epochs_stage2,omitempty"`
	Seed           uint64   `json:"seed"`
	Learner        string   `json:"learner"`
	Stages         int      `json:"stages"`
	DocWindow      int      `json:"doc_window,omitempty"`  // stage 2 looks this many sentences back and ahead
	Stage2         string   `json:"stage2,omitempty"`      // "stacked": stage 2 adds its features to stage 1's scores
	StackScale     float64  `json:"stack_scale,omitempty"` // stacked: stage 1's scores are scaled by this
	Mix            int      `json:"mix,omitempty"`         // each stage is the mean of this many learners
	MixMin         int      `json:"mix_min,omitempty"`     // … keeping features that at least this many weighted
	// ScoreTemperature turns the final scores into entity confidences
	// (Entity.Score); 0: the model gives none
	ScoreTemperature float64 `json:"score_temperature,omitempty"`
	// Propagate: after decoding, a name with at least this confidence is
	// also tagged where the same words stand untagged within DocWindow
	// sentences (propagate.go); 0: off. It needs ScoreTemperature.
	Propagate    float64 `json:"propagate,omitempty"`
	DevF1        float64 `json:"dev_f1,omitempty"`
	Features     int     `json:"features"`
	ClusterWords int     `json:"cluster_words"`
	GazWords     int     `json:"gazetteer_words"`
	GazPhrases   int     `json:"gazetteer_phrases"`
	Notes        string  `json:"notes,omitempty"`
}

// Model is a trained tagger. It is safe for concurrent use.
//
// Tagging runs in up to two stages. Stage 1 tags each sentence alone.
// Stage 2 tags it again with extra features saying how stage 1 tagged the
// same words elsewhere in the document (Ratinov & Roth's non-local
// features, learned by stacking), so that a name recognised once is
// recognised everywhere.
type Model struct {
	Info   ModelInfo
	groups int
	lex    *lexicon
	wt     weights  // stage 1
	wt2    *weights // stage 2; nil for a one-stage model
	pool   sync.Pool
}

// stage2Stacked is ModelInfo.Stage2 for a stage 2 that starts from stage
// 1's scores and adds only the document features.
const stage2Stacked = "stacked"

// docSent is one sentence of a document being tagged.
type docSent struct {
	ws   []wordInfo
	keys []uint32 // stage-1 feature keys
	offs []int32
	pred []int     // stage-1 labels, then the final ones
	sc   []float32 // stage-1 scores (stacked stage 2)
	// with scratch.scores: each entity's confidence at its first token;
	// with scratch.keepScores: the final stage's scores
	conf  []float32
	final []float32
	fsc   []float32 // the final scores, kept for the propagation pass
}

type scratch struct {
	sents []docSent
	dkeys []uint32
	doffs []int32
	sc    []float32
	back  []int8
	doc   docIndex
	cache map[string]wordInfo // analyses of the words seen, reset when large
	// scores asks tagDoc for entity confidences (docSent.conf), keepScores
	// for a copy of the final scores (docSent.final); la and lb are their
	// scratch
	scores, keepScores bool
	buf                []float64
	tx                 transExp
	txFor              *[numLabels + 1][numLabels]float32 // the transitions tx holds, at txT
	txT                float64
	// the propagation pass's scratch
	names    []nameSpan
	copies   []nameCopy
	byFirst  map[string][]int32
	nameConf []float32
	pconf    []float32
}

func (m *Model) scratch() *scratch {
	if s, ok := m.pool.Get().(*scratch); ok {
		return s
	}
	return &scratch{}
}

// prepare analyses and featurizes sentence i of the scratch document.
func (m *Model) prepare(s *scratch, i int, tokens []string) {
	for len(s.sents) <= i {
		s.sents = append(s.sents, docSent{})
	}
	d := &s.sents[i]
	d.ws = d.ws[:0]
	if s.cache == nil || len(s.cache) > 1<<16 {
		s.cache = make(map[string]wordInfo, 1024)
	}
	for _, t := range tokens {
		wi, ok := s.cache[t]
		if !ok {
			wi = m.lex.analyze(t)
			s.cache[t] = wi
		}
		d.ws = append(d.ws, wi)
	}
	m.lex.markPhrases(d.ws)
	d.keys, d.offs = featurize(m.groups, d.ws, d.keys[:0], d.offs)
}

func (s *scratch) buffers(n int) ([]float32, []int8) {
	if cap(s.sc) < n*numLabels {
		s.sc = make([]float32, n*numLabels)
		s.back = make([]int8, n*numLabels)
	}
	return s.sc[:n*numLabels], s.back[:n*numLabels]
}

// tagDoc tags the first n prepared sentences of the scratch document.
func (m *Model) tagDoc(s *scratch, n int) {
	stacked := m.wt2 != nil && m.Info.Stage2 == stage2Stacked
	for i := 0; i < n; i++ {
		d := &s.sents[i]
		sc, back := s.buffers(len(d.ws))
		m.wt.emissions(d.keys, d.offs, sc)
		d.pred = m.wt.viterbi(sc, len(d.ws), d.pred, back)
		if m.wt2 == nil {
			m.finalScores(s, d, &m.wt, sc, d.pred)
		}
		if stacked {
			d.sc = append(d.sc[:0], sc...)
			scaleScores(d.sc, float32(m.Info.StackScale))
		}
	}
	if m.wt2 == nil {
		m.afterDecoding(s, n)
		return
	}
	s.doc.build(s.sents[:n])
	// stage 2 needs every stage-1 label, so the new labels go to a copy
	final := make([][]int, n)
	for i := 0; i < n; i++ {
		d := &s.sents[i]
		s.dkeys, s.doffs = s.doc.features(s.sents[:n], i, m.Info.DocWindow, s.dkeys[:0], s.doffs)
		sc, back := s.buffers(len(d.ws))
		if stacked {
			copy(sc, d.sc)
		} else {
			m.wt2.emissions(d.keys, d.offs, sc)
		}
		m.wt2.addEmissions(s.dkeys, s.doffs, sc)
		final[i] = m.wt2.viterbi(sc, len(d.ws), nil, back)
		m.finalScores(s, d, m.wt2, sc, final[i])
	}
	for i := 0; i < n; i++ {
		s.sents[i].pred = final[i]
	}
	m.afterDecoding(s, n)
}

// propagating says whether the model runs the propagation pass.
func (m *Model) propagating() bool { return m.Info.propagates() }

// propagates says whether a model with this info runs the propagation
// pass: it needs the confidences a score temperature gives.
func (i ModelInfo) propagates() bool { return i.Propagate > 0 && i.ScoreTemperature > 0 }

// afterDecoding drops the names that are no names (dropNonNames), runs the
// propagation pass, and then, if the scratch asks for them, computes the
// entity confidences it put off.
func (m *Model) afterDecoding(s *scratch, n int) {
	dropNonNames(s, n)
	joinLineage(s, n)
	joinPlacePrefix(s, n)
	m.cutDescriptions(s, n)
	if !m.propagating() {
		return
	}
	m.propagate(s, n)
	if s.scores {
		w := m.finalWeights()
		for i := 0; i < n; i++ {
			d := &s.sents[i]
			d.conf = append(d.conf[:0], m.spanConfidences(s, w, d.fsc, d.pred)...)
		}
		// a name the pass tagged has the confidence of the name it copied:
		// the model's probability for it where the sentence alone did not
		// choose it is low, and such names are mostly right (MODEL.md)
		for _, c := range s.copies {
			s.sents[c.sent].conf[c.start] = s.sents[c.srcSent].conf[c.srcStart]
		}
	}
}

// joinLineage joins a one-word person's name that is only a word of
// lineage (آل, بن, ابن: "the house of", "son of") to the person's name
// right after it: the tagger at times reads آل | الشيخ or آل | سليمان as
// two names, and no name ends with such a word.
func joinLineage(s *scratch, n int) {
	uPer, bPer := labelIndex["U-PER"], labelIndex["B-PER"]
	for i := 0; i < n; i++ {
		d := &s.sents[i]
		for a := 0; a+1 < len(d.pred); a++ {
			if d.pred[a] != uPer || !lineage[d.ws[a].key] {
				continue
			}
			switch d.pred[a+1] {
			case uPer:
				d.pred[a], d.pred[a+1] = bPer, labelIndex["L-PER"]
			case bPer:
				d.pred[a], d.pred[a+1] = bPer, labelIndex["I-PER"]
			}
		}
	}
}

// joinPlacePrefix joins a one-word place's name that is only the first
// word of a compound name (سان, ليتل, كفر) to the untagged word after it
// when that word has no proclitic and looks like a name to the name
// model: the tagger read مدينة سان مورتيز, ليتل رآك and كفر داعل as the
// place سان, ليتل or كفر and a common word after it
// (arabic.KeyLists.PlacePrefix).
func joinPlacePrefix(s *scratch, n int) {
	uLoc := labelIndex["U-LOC"]
	lists := arabic.Lists()
	for i := 0; i < n; i++ {
		d := &s.sents[i]
		for a := 0; a+1 < len(d.pred); a++ {
			w := &d.ws[a+1]
			if d.pred[a] != uLoc || !lists.PlacePrefix(d.ws[a].key) || d.pred[a+1] != 0 ||
				w.shape != shArabic || w.pre != "" || w.namey <= 0 {
				continue
			}
			d.pred[a], d.pred[a+1] = labelIndex["B-LOC"], labelIndex["L-LOC"]
		}
	}
}

// cutDescriptions cuts a nationality adjective or a title off the front of
// a person's name: the tagger took والكولومبي راداميل فالكاو, اللواء
// الغامدي and الصحابي الجليل سعد whole, where ANERcorp's annotators, like
// the news's readers, take the word for a description (no name in
// ANERcorp's training split begins with one). A nationality adjective has
// the article and is a country's name made an adjective (كولومبي of
// كولومبيا, مصري of مصر, ياباني of اليابان, سعودي of السعودية) as the
// model's name lists know the country, or is one of the list's
// (arabic.KeyLists.NationalityAdjective); a title is one of
// arabic.KeyLists.Title. A surname of that shape (المصري, الأمير) stays at
// a name's end. A one-word name that is such an adjective right after an
// office or a trade (arabic.KeyLists.Office) goes.
func (m *Model) cutDescriptions(s *scratch, n int) {
	bPer, iPer, lPer, uPer := labelIndex["B-PER"], labelIndex["I-PER"], labelIndex["L-PER"], labelIndex["U-PER"]
	lists := arabic.Lists()
	for i := 0; i < n; i++ {
		d := &s.sents[i]
		for a := 0; a+1 < len(d.pred); a++ {
			w := &d.ws[a]
			if d.pred[a] != bPer || w.stem == w.core || !m.lex.nationality(w.core) && !lists.Title(w.stem) {
				continue
			}
			d.pred[a] = 0
			switch d.pred[a+1] {
			case lPer:
				d.pred[a+1] = uPer
			case iPer:
				d.pred[a+1] = bPer
			}
		}
		// a one-word "name" that is a nationality adjective after an
		// office is the office's adjective: الرئيس الشيشاني, "the Chechen
		// president" (after a rank or an honorific it is a surname:
		// الدكتور التركي)
		for a := 1; a < len(d.pred); a++ {
			w := &d.ws[a]
			if d.pred[a] == uPer && w.stem != w.core && lists.Office(d.ws[a-1].stem) && m.lex.nationality(w.core) {
				d.pred[a] = 0
			}
		}
	}
}

// lineage holds the keys of آل, بن and ابن.
var lineage = map[string]bool{arabic.Key("آل"): true, arabic.Key("بن"): true, arabic.Key("ابن"): true}

// dropNonNames untags a one-word name that is a personal pronoun, alone or
// after ل or ب (arabic.KeyLists.Pronoun). ANERcorp tags لي as the surname Li
// alone at times, and where a document names a Li the document features
// carry that to every لي ("to me"): in the 6,340 SaudiNewsNet articles of
// 2015-07-21..23, 142 such names, about two in three wrong (the rest, the
// Lee of Samsung's family, are lost with them). In cross-validation it
// loses no right name (MODEL.md, seventh round). A name that is a noun or
// a phrase never a name alone goes too (KeyLists.CommonNoun: الميليشيات,
// which ANERcorp tags MISC at times; حسن الجوار, "good neighbourliness";
// العهد, "the covenant", at the end of ولي العهد, "crown prince"),
// a one-word place spelt as an acronym of Arabic letter names joined by
// dots (سي.إم.إيه, بي.إم.آي; arabic.Tokenize keeps them one word) is an
// organisation; a one-word place or organisation ending in a tanween goes
// (دوماً, "always", is not Douma; صنعاً, باكراً, غنياً: an indefinite
// noun, adverb or adjective, where a place's name has none; a person's
// may, in classical text: عن أنسٍ, محمداً), and a person's name loses an
// institution's adjective at its end
// (KeyLists.InstitutionAdjective: خالد الدولي of مطار الملك خالد الدولي).
func dropNonNames(s *scratch, n int) {
	lists := arabic.Lists() // the words' key forms need no normalising again
	var words []string
	for i := 0; i < n; i++ {
		d := &s.sents[i]
		for a := 0; a < len(d.pred); a++ {
			l := d.pred[a]
			if l == 0 || labels[l][0] == 'I' || labels[l][0] == 'L' {
				continue
			}
			if labels[l] == "U-LOC" && strings.Contains(d.ws[a].key, ".") && d.ws[a].shape != shDigits {
				d.pred[a] = labelIndex["U-ORG"] // سي.إم.إيه: an acronym names an organisation, not a place
				continue
			}
			if labels[l][0] == 'U' {
				if lists.Pronoun(d.ws[a].key) || lists.CommonNoun(d.ws[a].core) ||
					a > 0 && lists.CommonNoun(d.ws[a-1].stem, d.ws[a].key) ||
					d.ws[a].tanween && (labels[l] == "U-LOC" || labels[l] == "U-ORG") {
					d.pred[a] = 0 // the last word of a phrase: العهد of ولي العهد
				}
				continue
			}
			b := a // B: the name runs to its L
			for b+1 < len(d.pred) && open(d.pred[b]) {
				b++
			}
			if labels[l] == "B-PER" {
				// مطار الملك خالد الدولي: the airport's adjective is no
				// part of the king's name
				for b > a && lists.InstitutionAdjective(d.ws[b].key) {
					d.pred[b] = 0
					b--
					d.pred[b] = labelIndex["L-PER"]
				}
				if b == a {
					d.pred[a] = labelIndex["U-PER"]
					continue
				}
			}
			words = append(words[:0], d.ws[a].stem)
			for c := a + 1; c <= b; c++ {
				words = append(words, d.ws[c].key)
			}
			if lists.CommonNoun(words...) {
				for c := a; c <= b; c++ {
					d.pred[c] = 0
				}
			}
			a = b
		}
	}
}

// finalWeights returns the weights of the last stage.
func (m *Model) finalWeights() *weights {
	if m.wt2 != nil {
		return m.wt2
	}
	return &m.wt
}

// finalScores keeps what the scratch asks for of a sentence's final
// scores sc and labels pred, tagged with weights w.
func (m *Model) finalScores(s *scratch, d *docSent, w *weights, sc []float32, pred []int) {
	if s.keepScores {
		d.final = append([]float32(nil), sc...)
	}
	if m.propagating() {
		// the pass needs the scores and changes the labels: confidences
		// come after it (afterDecoding)
		d.fsc = append(d.fsc[:0], sc...)
		return
	}
	if s.scores && m.Info.ScoreTemperature > 0 {
		d.conf = append(d.conf[:0], m.spanConfidences(s, w, sc, pred)...)
	}
}

// spanConfidences returns the confidence of each entity of labels pred at
// its first token (0 elsewhere), from the final scores sc of stage
// weights w, in scratch that the next call reuses.
func (m *Model) spanConfidences(s *scratch, w *weights, sc []float32, pred []int) []float32 {
	n, T := len(pred), m.Info.ScoreTemperature
	if len(s.buf) < (3*numLabels+1)*n {
		s.buf = make([]float64, (3*numLabels+1)*n)
	}
	if s.txFor != &w.trans || s.txT != T {
		s.tx.set(&w.trans, 1/T)
		s.txFor, s.txT = &w.trans, T
	}
	s.pconf = spanProbs(&s.tx, sc, n, pred, 1/T, s.pconf, s.buf)
	return s.pconf
}

// TagTokens returns a BIO tag for each token of one sentence (tokens as in
// a CoNLL file: whole words with their clitics), the sentence taken as a
// document of its own.
func (m *Model) TagTokens(tokens []string) []string {
	return m.TagSentences([][]string{tokens})[0]
}

// TagSentences tags the sentences of one document, in order.
func (m *Model) TagSentences(sents [][]string) [][]string {
	s := m.scratch()
	for i, toks := range sents {
		m.prepare(s, i, toks)
	}
	m.tagDoc(s, len(sents))
	out := make([][]string, len(sents))
	for i := range sents {
		out[i] = make([]string, len(sents[i]))
		for j, id := range s.sents[i].pred {
			out[i][j] = bioTag[id]
		}
	}
	m.pool.Put(s)
	return out
}

// scaleScores multiplies stage-1 scores by f (stacked stage 2): stage 2's
// weights start from zero and move by whole steps, so a smaller base lets
// the document features overrule stage 1 sooner.
func scaleScores(sc []float32, f float32) {
	for i := range sc {
		sc[i] *= f
	}
}
