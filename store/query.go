package store

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/marsad/marsad/arabic"
)

// The query language:
//
//	الموصل                 a word, in any clitic or inflected form (بالموصل, والموصل)
//	الموصل بغداد           both words (AND is implicit; AND may be written)
//	"قوات الأمن"           a phrase: the words next to each other (stop words between them ignored)
//	الموصل OR بغداد        either (also | and أو)
//	الموصل -بغداد          the first without the second (also NOT)
//	مسلح*                  a prefix of the stem (مسلحين, مسلحون …)
//	(الموصل OR تكريت) هجوم  parentheses group
//
// Words are analysed by the same segmenter as the documents; stop words
// are dropped. A query must keep at least one word that is not negated.

// Op is the kind of a query node.
type Op int

const (
	OpTerm   Op = iota // one token
	OpPhrase           // tokens next to each other
	OpPrefix           // any token starting with one of Tokens
	OpAnd              // every kid (negated kids: none of them)
	OpOr               // any kid
)

// Expr is a parsed, analysed query.
type Expr struct {
	Op     Op
	Tokens []string // index tokens: OpTerm one, OpPhrase several, OpPrefix the prefixes
	Kids   []*Expr  // OpAnd, OpOr
	Not    bool     // a negated kid of an OpAnd
}

// ParsedQuery is a query ready for a backend.
type ParsedQuery struct {
	Text string
	Expr *Expr
}

// QueryError is a query that cannot be searched for, and why.
type QueryError struct {
	Query, Msg string
}

func (e *QueryError) Error() string { return fmt.Sprintf("query %q: %s", e.Query, e.Msg) }

// Parse parses and analyses a query. Unbalanced quotes and parentheses
// are closed at the end; an error says why a query cannot be run (nothing
// left to search for after stop words, only negated words, a prefix too
// short).
func (ix *Indexer) Parse(q string) (*ParsedQuery, error) {
	p := &parser{ix: ix, toks: lexQuery(q), query: q}
	e, err := p.or()
	if err != nil {
		return nil, err
	}
	e = simplify(e)
	if e == nil {
		return nil, &QueryError{q, "nothing to search for (only stop words or punctuation)"}
	}
	if err := checkNegation(e, q); err != nil {
		return nil, err
	}
	return &ParsedQuery{Text: q, Expr: e}, nil
}

type qtokKind int

const (
	qWord qtokKind = iota
	qPhrase
	qOr
	qAnd
	qNot
	qOpen
	qClose
)

type qtok struct {
	kind qtokKind
	text string
}

// lexQuery splits a query into words, phrases, operators and parentheses.
// "-" directly before a word, phrase or "(" negates it.
func lexQuery(s string) []qtok {
	var out []qtok
	rs := []rune(s)
	for i := 0; i < len(rs); {
		r := rs[i]
		switch {
		case unicode.IsSpace(r):
			i++
		case r == '(':
			out = append(out, qtok{kind: qOpen})
			i++
		case r == ')':
			out = append(out, qtok{kind: qClose})
			i++
		case r == '|':
			out = append(out, qtok{kind: qOr})
			i++
		case r == '"' || r == '«' || r == '“':
			closer := map[rune]rune{'"': '"', '«': '»', '“': '”'}[r]
			j := i + 1
			for j < len(rs) && rs[j] != closer && !(closer == '”' && rs[j] == '"') {
				j++
			}
			out = append(out, qtok{kind: qPhrase, text: string(rs[i+1 : j])})
			i = j + 1
		case r == '-' && i+1 < len(rs) && !unicode.IsSpace(rs[i+1]) && (i == 0 || unicode.IsSpace(rs[i-1]) || rs[i-1] == '('):
			out = append(out, qtok{kind: qNot})
			i++
		default:
			j := i
			for j < len(rs) && !unicode.IsSpace(rs[j]) && rs[j] != '(' && rs[j] != ')' && rs[j] != '"' && rs[j] != '|' {
				j++
			}
			w := string(rs[i:j])
			switch w {
			case "OR", "أو", "او":
				out = append(out, qtok{kind: qOr})
			case "AND":
				out = append(out, qtok{kind: qAnd})
			case "NOT":
				out = append(out, qtok{kind: qNot})
			default:
				out = append(out, qtok{kind: qWord, text: w})
			}
			i = j
		}
	}
	return out
}

type parser struct {
	ix    *Indexer
	toks  []qtok
	i     int
	query string
	depth int
}

func (p *parser) peek() (qtok, bool) {
	if p.i < len(p.toks) {
		return p.toks[p.i], true
	}
	return qtok{}, false
}

// or := and (OR and)*
func (p *parser) or() (*Expr, error) {
	var kids []*Expr
	for {
		e, err := p.and()
		if err != nil {
			return nil, err
		}
		if e != nil {
			kids = append(kids, e)
		}
		t, ok := p.peek()
		if !ok || t.kind != qOr {
			break
		}
		p.i++
	}
	return &Expr{Op: OpOr, Kids: kids}, nil
}

// and := unary+
func (p *parser) and() (*Expr, error) {
	var kids []*Expr
	for {
		t, ok := p.peek()
		if !ok || t.kind == qOr {
			break
		}
		if t.kind == qClose {
			if p.depth > 0 {
				break
			}
			p.i++ // a stray ")": ignored
			continue
		}
		if t.kind == qAnd {
			p.i++
			continue
		}
		e, err := p.unary()
		if err != nil {
			return nil, err
		}
		if e != nil {
			kids = append(kids, e)
		}
	}
	return &Expr{Op: OpAnd, Kids: kids}, nil
}

// unary := (NOT|-)* primary
func (p *parser) unary() (*Expr, error) {
	not := false
	for {
		t, ok := p.peek()
		if !ok || t.kind != qNot {
			break
		}
		not = !not
		p.i++
	}
	e, err := p.primary()
	if err != nil || e == nil {
		return e, err
	}
	if e = simplify(e); e != nil && not {
		e.Not = !e.Not
	}
	return e, nil
}

func (p *parser) primary() (*Expr, error) {
	t, ok := p.peek()
	if !ok {
		return nil, nil
	}
	p.i++
	switch t.kind {
	case qOpen:
		p.depth++
		e, err := p.or()
		p.depth--
		if err != nil {
			return nil, err
		}
		if t, ok := p.peek(); ok && t.kind == qClose {
			p.i++
		}
		return e, nil
	case qPhrase:
		return p.words(t.text), nil
	case qWord:
		if strings.HasSuffix(t.text, "*") && utf8.RuneCountInString(strings.TrimRight(t.text, "*")) > 0 {
			return p.prefix(strings.TrimRight(t.text, "*"))
		}
		return p.words(t.text), nil
	}
	return nil, nil
}

// words analyses a word or phrase: no term (stop words), one term, or a
// phrase of several.
func (p *parser) words(s string) *Expr {
	terms := p.ix.seg.Terms(s)
	if len(terms) == 0 {
		return nil
	}
	toks := make([]string, len(terms))
	for i, t := range terms {
		toks[i] = IndexToken(t.Stem)
	}
	if len(toks) == 1 {
		return &Expr{Op: OpTerm, Tokens: toks}
	}
	return &Expr{Op: OpPhrase, Tokens: toks}
}

// prefix analyses a prefix: its key, and the key without the article
// (المسلح* finds مسلحين, indexed without its article), when those are
// plain tokens of at least two letters.
func (p *parser) prefix(w string) (*Expr, error) {
	k := arabic.Key(w)
	var toks []string
	add := func(s string) {
		if utf8.RuneCountInString(s) < 2 || IndexToken(s) != s {
			return
		}
		for _, t := range toks {
			if t == s {
				return
			}
		}
		toks = append(toks, s)
	}
	add(k)
	if strings.HasPrefix(k, "ال") {
		add(strings.TrimPrefix(k, "ال"))
	}
	if len(toks) == 0 {
		if utf8.RuneCountInString(k) < 2 {
			return nil, &QueryError{p.query, fmt.Sprintf("prefix %q is too short (two letters at least)", w+"*")}
		}
		return p.words(w), nil // not a plain token: search it as a word
	}
	return &Expr{Op: OpPrefix, Tokens: toks}, nil
}

// simplify drops empty nodes and unwraps single kids.
func simplify(e *Expr) *Expr {
	if e == nil {
		return nil
	}
	switch e.Op {
	case OpAnd, OpOr:
		var kids []*Expr
		for _, k := range e.Kids {
			if k = simplify(k); k != nil {
				if k.Op == e.Op && !k.Not {
					kids = append(kids, k.Kids...) // flatten (a b) c
				} else {
					kids = append(kids, k)
				}
			}
		}
		if len(kids) == 0 {
			return nil
		}
		if len(kids) == 1 {
			k := kids[0]
			k.Not = k.Not != e.Not
			return k
		}
		e.Kids = kids
	}
	return e
}

// checkNegation refuses negations with nothing to subtract from: a query
// of negated words only, or a negated word directly inside an OR.
func checkNegation(e *Expr, q string) error {
	if e.Not {
		return &QueryError{q, "only negated words: say what to search for, then what to leave out (الموصل -بغداد)"}
	}
	var walk func(e *Expr) error
	walk = func(e *Expr) error {
		switch e.Op {
		case OpAnd:
			pos := 0
			for _, k := range e.Kids {
				if !k.Not {
					pos++
				}
			}
			if pos == 0 {
				return &QueryError{q, "only negated words in a group: say what to search for, then what to leave out"}
			}
		case OpOr:
			for _, k := range e.Kids {
				if k.Not {
					return &QueryError{q, "a negated word cannot be an alternative of OR; put it beside the group: (a OR b) -c"}
				}
			}
		}
		for _, k := range e.Kids {
			if err := walk(k); err != nil {
				return err
			}
		}
		return nil
	}
	return walk(e)
}

// FTS5 compiles the query to an SQLite FTS5 MATCH expression.
func (q *ParsedQuery) FTS5() string {
	var b strings.Builder
	fts5(&b, q.Expr)
	return b.String()
}

func fts5(b *strings.Builder, e *Expr) {
	switch e.Op {
	case OpTerm, OpPhrase:
		b.WriteString(`"` + strings.Join(e.Tokens, " ") + `"`)
	case OpPrefix:
		if len(e.Tokens) > 1 {
			b.WriteString("(")
		}
		for i, t := range e.Tokens {
			if i > 0 {
				b.WriteString(" OR ")
			}
			b.WriteString(`"` + t + `"*`)
		}
		if len(e.Tokens) > 1 {
			b.WriteString(")")
		}
	case OpOr:
		b.WriteString("(")
		for i, k := range e.Kids {
			if i > 0 {
				b.WriteString(" OR ")
			}
			fts5(b, k)
		}
		b.WriteString(")")
	case OpAnd:
		b.WriteString("(")
		n := 0
		for _, k := range e.Kids {
			if !k.Not {
				if n > 0 {
					b.WriteString(" AND ")
				}
				fts5(b, k)
				n++
			}
		}
		b.WriteString(")")
		for _, k := range e.Kids {
			if k.Not {
				b.WriteString(" NOT ")
				fts5(b, k)
			}
		}
	}
}

// TSQuery compiles the query to a PostgreSQL tsquery literal (to be cast
// with ::tsquery, never parsed by a text-search configuration).
func (q *ParsedQuery) TSQuery() string {
	var b strings.Builder
	tsq(&b, q.Expr)
	return b.String()
}

func tsq(b *strings.Builder, e *Expr) {
	switch e.Op {
	case OpTerm:
		b.WriteString(tsLexeme(e.Tokens[0]))
	case OpPhrase:
		b.WriteString("(")
		for i, t := range e.Tokens {
			if i > 0 {
				b.WriteString(" <-> ")
			}
			b.WriteString(tsLexeme(t))
		}
		b.WriteString(")")
	case OpPrefix:
		b.WriteString("(")
		for i, t := range e.Tokens {
			if i > 0 {
				b.WriteString(" | ")
			}
			b.WriteString(tsLexeme(t) + ":*")
		}
		b.WriteString(")")
	case OpOr:
		b.WriteString("(")
		for i, k := range e.Kids {
			if i > 0 {
				b.WriteString(" | ")
			}
			tsq(b, k)
		}
		b.WriteString(")")
	case OpAnd:
		b.WriteString("(")
		for i, k := range e.Kids {
			if i > 0 {
				b.WriteString(" & ")
			}
			if k.Not {
				b.WriteString("!")
			}
			tsq(b, k)
		}
		b.WriteString(")")
	}
}

// tsLexeme quotes a token for a tsvector or tsquery literal.
func tsLexeme(t string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `''`).Replace(t) + "'"
}

// TSVector builds a PostgreSQL tsvector literal of index tokens at their
// positions (1-based, in order; PostgreSQL caps positions at 16383).
func TSVector(tokens []string) string {
	pos := map[string][]int{}
	var order []string
	for i, t := range tokens {
		if _, ok := pos[t]; !ok {
			order = append(order, t)
		}
		if p := pos[t]; len(p) < 256 {
			pos[t] = append(p, min(i+1, 16383))
		}
	}
	var b strings.Builder
	for i, t := range order {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(tsLexeme(t))
		b.WriteByte(':')
		for j, p := range pos[t] {
			if j > 0 {
				b.WriteByte(',')
			}
			fmt.Fprint(&b, p)
		}
	}
	return b.String()
}

// String shows the analysed query, for marsad search --explain.
func (q *ParsedQuery) String() string { return q.Expr.String() }

func (e *Expr) String() string {
	var s string
	switch e.Op {
	case OpTerm:
		s = e.Tokens[0]
	case OpPhrase:
		s = `"` + strings.Join(e.Tokens, " ") + `"`
	case OpPrefix:
		s = strings.Join(e.Tokens, "*|") + "*"
	case OpAnd, OpOr:
		parts := make([]string, len(e.Kids))
		for i, k := range e.Kids {
			parts[i] = k.String()
		}
		sep := " "
		if e.Op == OpOr {
			sep = " OR "
		}
		s = "(" + strings.Join(parts, sep) + ")"
	}
	if e.Not {
		s = "-" + s
	}
	return s
}

// Matcher tells which index tokens a query looks for (its words that are
// not negated), to highlight them.
type Matcher struct {
	exact    map[string]bool
	prefixes []string
}

// Matcher returns the query's matcher.
func (q *ParsedQuery) Matcher() *Matcher {
	m := &Matcher{exact: map[string]bool{}}
	var walk func(e *Expr)
	walk = func(e *Expr) {
		if e.Not {
			return
		}
		switch e.Op {
		case OpTerm, OpPhrase:
			for _, t := range e.Tokens {
				m.exact[t] = true
			}
		case OpPrefix:
			m.prefixes = append(m.prefixes, e.Tokens...)
		}
		for _, k := range e.Kids {
			walk(k)
		}
	}
	walk(q.Expr)
	return m
}

// Match reports whether an index token is one the query looks for.
func (m *Matcher) Match(tok string) bool {
	if m.exact[tok] {
		return true
	}
	for _, p := range m.prefixes {
		if strings.HasPrefix(tok, p) {
			return true
		}
	}
	return false
}
