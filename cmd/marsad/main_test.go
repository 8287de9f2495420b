package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// run runs marsad with args and stdin and returns stdout, stderr and the
// exit status.
func run(t *testing.T, stdin string, args ...string) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	code := runMain(context.Background(), &env{stdin: strings.NewReader(stdin), stdout: &out, stderr: &errb}, args)
	return out.String(), errb.String(), code
}

func writeFile(t *testing.T, dir, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// lines decodes JSON Lines output.
func lines(t *testing.T, out string) []map[string]any {
	t.Helper()
	var res []map[string]any
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		if l == "" {
			continue
		}
		var m map[string]any
		if err := json.Unmarshal([]byte(l), &m); err != nil {
			t.Fatalf("output line is not JSON: %q: %v", l, err)
		}
		res = append(res, m)
	}
	return res
}

func TestHelpAndUnknown(t *testing.T) {
	out, _, code := run(t, "", "help")
	if code != 0 || !strings.Contains(out, "analyze") || !strings.Contains(out, "tokens") {
		t.Errorf("help: code %d, %q", code, out)
	}
	_, errs, code := run(t, "", "frobnicate")
	if code != 2 || !strings.Contains(errs, `unknown command "frobnicate"`) {
		t.Errorf("unknown command: code %d, %q", code, errs)
	}
	if _, _, code := run(t, "", "analyze", "-h"); code != 0 {
		t.Errorf("analyze -h: code %d", code)
	}
	if _, errs, code := run(t, "", "analyze", "--no-such-flag"); code != 2 || !strings.Contains(errs, "no-such-flag") {
		t.Errorf("bad flag: code %d, %q", code, errs)
	}
}

func TestAnalyzeInputForms(t *testing.T) {
	dir := t.TempDir()
	txt := writeFile(t, dir, "article.txt", []byte("قُتل ثلاثة أشخاص في الموصل أمس."))
	js := writeFile(t, dir, "one.json", []byte(`{"id":"j1","title":"عنوان","content":"نص الخبر","date":"2015-08-06"}`))
	arr := writeFile(t, dir, "many.json", []byte(`[{"id":"a1","text":"الأول"},{"text":"الثاني","source":"x","extra":7}]`))
	jl := writeFile(t, dir, "docs.jsonl", []byte("{\"id\":\"l1\",\"text\":\"سطر أول\"}\n\n{\"id\":\"l2\",\"body\":\"سطر ثان\",\"published\":\"2015-08-07T10:00:00+03:00\"}\n"))
	html := writeFile(t, dir, "page.html", []byte(`<!doctype html><html><head><title>عنوان الصفحة</title><script>alert(1)</script></head><body><nav>قائمة</nav><article><h1>عنوان الصفحة</h1><p>قال مسؤول أمني إن هجوماً استهدف نقطة تفتيش في الموصل مساء الخميس، وأسفر عن مقتل ثلاثة من عناصر الشرطة وإصابة خمسة آخرين بجروح متفاوتة.</p><p>وأضاف أن القوات الأمنية فرضت طوقاً على المنطقة وبدأت عمليات تفتيش واسعة بحثاً عن المنفذين الذين فروا باتجاه القرى المحيطة بالمدينة.</p></article></body></html>`))
	out, errs, code := run(t, "", "analyze", txt, js, arr, jl, html)
	if code != 0 {
		t.Fatalf("code %d, stderr %q", code, errs)
	}
	got := lines(t, out)
	ids := []string{}
	for _, g := range got {
		ids = append(ids, g["id"].(string))
		if g["schema"] != "marsad.analysis/v1" {
			t.Errorf("schema = %v", g["schema"])
		}
		for _, k := range []string{"entities", "places", "actors", "times", "quantities", "events", "summary"} {
			if _, ok := g[k].([]any); !ok {
				t.Errorf("%s: %s is %v, want a list", g["id"], k, g[k])
			}
		}
	}
	if len(got) != 7 {
		t.Fatalf("got %d analyses (%v), want 7", len(got), ids)
	}
	if ids[0] != "article.txt" || ids[1] != "j1" || ids[2] != "a1" || !strings.HasPrefix(ids[3], "sha256:") || ids[4] != "l1" || ids[5] != "l2" || ids[6] != "page.html" {
		t.Errorf("ids in order = %v", ids)
	}
	if got[1]["published"] != "2015-08-06" || got[1]["title"] != "عنوان" {
		t.Errorf("aliases: %v", got[1])
	}
	if got[3]["source"] != "x" || got[3]["meta"].(map[string]any)["extra"] == nil {
		t.Errorf("meta: %v", got[3])
	}
	if got[5]["published"] != "2015-08-07T10:00:00+03:00" {
		t.Errorf("RFC 3339 published kept: %v", got[5]["published"])
	}
	if got[0]["url"] != nil || got[0]["title"] != nil {
		t.Errorf("absent fields must be null: %v", got[0])
	}
	if got[6]["title"] != "عنوان الصفحة" {
		t.Errorf("HTML title = %v", got[6]["title"])
	}
}

func TestAnalyzeTextAndSpans(t *testing.T) {
	out, errs, code := run(t, `{"id":"x","title":"عنوان","text":"نص"}`+"\n", "analyze", "--with-text", "-")
	if code != 0 {
		t.Fatalf("code %d: %s", code, errs)
	}
	// stdin is one plain-text document, whatever it looks like
	got := lines(t, out)
	if len(got) != 1 || !strings.HasPrefix(got[0]["text"].(string), `{"id"`) {
		t.Errorf("stdin document: %v", got)
	}
	dir := t.TempDir()
	js := writeFile(t, dir, "t.json", []byte(`{"id":"x","title":"عنوان","text":"نص"}`))
	out, _, _ = run(t, "", "analyze", "--with-text", js)
	if got := lines(t, out); got[0]["text"] != "عنوان\n\nنص" {
		t.Errorf("analysed text = %q", got[0]["text"])
	}
}

func TestAnalyzeBadInputGoesOn(t *testing.T) {
	dir := t.TempDir()
	good := writeFile(t, dir, "a-good.txt", []byte("خبر سليم عن الموصل"))
	bin := writeFile(t, dir, "b-binary.bin", []byte{0x7f, 'E', 'L', 'F', 0, 0, 1, 2, 3, 0, 0, 0})
	bad := writeFile(t, dir, "c-bad.txt", []byte("نص ثم \xff\xfe\xfd\xfc بايتات خاطئة \x80\x81"))
	empty := writeFile(t, dir, "d-empty.txt", nil)
	jl := writeFile(t, dir, "e.jsonl", []byte("{\"id\":\"ok1\",\"text\":\"سليم\"}\n{\"id\":\"broken\",\"text\":\n{\"id\":\"ok2\",\"text\":\"سليم أيضاً\"}\n[1,2]\n{\"id\":\"notext\"}\n"))
	out, errs, code := run(t, "", "analyze", good, bin, bad, empty, jl, filepath.Join(dir, "missing.txt"))
	if code != 1 {
		t.Errorf("exit status %d, want 1", code)
	}
	got := lines(t, out)
	var okIDs, errIDs []string
	for _, g := range got {
		if e, ok := g["error"]; ok {
			errIDs = append(errIDs, g["id"].(string)+": "+e.(string))
		} else {
			okIDs = append(okIDs, g["id"].(string))
		}
	}
	if strings.Join(okIDs, ",") != "a-good.txt,ok1,ok2" {
		t.Errorf("analysed %v, want a-good.txt, ok1, ok2 (stderr: %s)", okIDs, errs)
	}
	if len(errIDs) != 7 {
		t.Errorf("errors %d: %q", len(errIDs), errIDs)
	}
	for _, want := range []string{
		"b-binary.bin: binary data",
		"c-bad.txt: not valid UTF-8",
		"d-empty.txt: empty document",
		"e.jsonl:2: bad JSON line",
		"e.jsonl:4: bad JSON line",
		"e.jsonl:5: no text",
		"missing.txt",
	} {
		if !strings.Contains(errs, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errs)
		}
	}
	if !strings.Contains(errs, "7 document(s) could not be analysed") {
		t.Errorf("no summary on stderr:\n%s", errs)
	}
}

func TestAnalyzeEncodings(t *testing.T) {
	dir := t.TempDir()
	// "الموصل" in Windows-1256
	cp1256 := []byte{0xC7, 0xE1, 0xE3, 0xE6, 0xD5, 0xE1, ' ', 0xDA, 0xD1, 0xC7, 0xDE, 0xED, 0xC9}
	f1 := writeFile(t, dir, "cp1256.txt", cp1256)
	// UTF-16LE with BOM
	u16 := []byte{0xFF, 0xFE}
	for _, r := range "بغداد" {
		u16 = append(u16, byte(r), byte(r>>8))
	}
	f2 := writeFile(t, dir, "utf16.txt", u16)
	f3 := writeFile(t, dir, "bom.txt", append([]byte{0xEF, 0xBB, 0xBF}, "دمشق"...))
	out, errs, code := run(t, "", "analyze", "--with-text", f1, f2, f3)
	if code != 0 {
		t.Fatalf("code %d: %s", code, errs)
	}
	got := lines(t, out)
	want := []string{"الموصل عراقية", "بغداد", "دمشق"}
	for i, g := range got {
		if g["text"] != want[i] {
			t.Errorf("%s: text %q, want %q", g["id"], g["text"], want[i])
		}
	}
	if !strings.Contains(errs, "decoded from windows-1256") {
		t.Errorf("no note about the charset: %q", errs)
	}
}

func TestAnalyzeSample(t *testing.T) {
	out, errs, code := run(t, "", "analyze", "--sample")
	if code != 0 {
		t.Fatalf("code %d: %s", code, errs)
	}
	if n := len(lines(t, out)); n < 8 {
		t.Errorf("sample gave %d analyses", n)
	}
}

func TestTokens(t *testing.T) {
	out, errs, code := run(t, "وبالمسلحين ببغداد على ٢٠١٥.", "tokens", "--json")
	if code != 0 {
		t.Fatalf("code %d: %s", code, errs)
	}
	toks := lines(t, out)
	if len(toks) != 5 {
		t.Fatalf("got %d tokens: %v", len(toks), toks)
	}
	want := []struct {
		text      string
		start     float64
		end       float64
		norm, stm any
	}{
		{"وبالمسلحين", 0, 10, "وبالمسلحين", "مسلح"},
		{"ببغداد", 11, 17, "ببغداد", "بغداد"},
		{"على", 18, 21, "على", "على"},
		{"٢٠١٥", 22, 26, "2015", "2015"},
		{".", 26, 27, ".", nil},
	}
	for i, w := range want {
		g := toks[i]
		if g["text"] != w.text || g["start"] != w.start || g["end"] != w.end || g["norm"] != w.norm || g["stem"] != w.stm {
			t.Errorf("token %d = %v, want %+v", i, g, w)
		}
	}
	if toks[2]["stop"] != true {
		t.Errorf("على not marked as a stop word: %v", toks[2])
	}
	out, _, _ = run(t, "بالموصل", "tokens", "--stem")
	if strings.TrimSpace(out) != "0\t7\tword\tبالموصل\tبالموصل\tالموصل" {
		t.Errorf("text output %q", out)
	}
	dir := t.TempDir()
	f := writeFile(t, dir, "bin", []byte{0, 1, 2, 3, 0, 0})
	if _, errs, code := run(t, "", "tokens", f); code != 1 || !strings.Contains(errs, "binary") {
		t.Errorf("binary file: code %d %q", code, errs)
	}
}
