package ingest

import (
	"archive/zip"
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func collect(t *testing.T, p string, o *Options) []Item {
	t.Helper()
	var items []Item
	if err := Read(context.Background(), p, nil, o, func(it Item) error {
		items = append(items, it)
		return nil
	}); err != nil {
		t.Fatalf("Read(%s): %v", p, err)
	}
	return items
}

func write(t *testing.T, dir, name string, b []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestFromRecord(t *testing.T) {
	tests := []struct {
		name string
		rec  map[string]any
		fm   map[string]string
		want string // id|title|text|published|source|url|lang
		err  string
	}{
		{"contract fields", map[string]any{"id": "a", "title": "ع", "text": "نص", "published": "2015-08-06", "source": "s", "url": "u", "lang": "ar"}, nil, "a|ع|نص|2015-08-06|s|u|ar", ""},
		{"aliases", map[string]any{"content": "نص", "date_extracted": "2015-08-06 01:01:33", "headline": "ع"}, nil, "*|ع|نص|2015-08-06|||", ""},
		{"text beats its alias", map[string]any{"text": "الصحيح", "content": "البديل"}, nil, "*||الصحيح||||", ""},
		{"field map", map[string]any{"story": "نص", "when": "2016-01-02"}, map[string]string{"story": "text", "when": "published"}, "*||نص|2016-01-02|||", ""},
		{"numeric id", map[string]any{"id": 42.0, "text": "نص"}, nil, "42||نص||||", ""},
		{"no text", map[string]any{"id": "x"}, nil, "", "no text"},
		{"text is an object", map[string]any{"text": map[string]any{"a": 1}}, nil, "", `field "text" is an object`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, _, err := FromRecord(tt.rec, &Options{FieldMap: tt.fm})
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("err = %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			id := d.ID
			if strings.HasPrefix(id, "sha256:") {
				id = "*"
			}
			got := strings.Join([]string{id, d.Title, d.Text, d.Published, d.Source, d.URL, d.Lang}, "|")
			if got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
	// a bad date is a warning, not a lost document
	d, warns, err := FromRecord(map[string]any{"text": "نص", "date": "yesterday"}, nil)
	if err != nil || d.Published != "" || len(warns) != 1 || d.Meta["published_raw"] != "yesterday" {
		t.Errorf("bad date: %+v %v %v", d, warns, err)
	}
	// ids by content are stable
	a, _, _ := FromRecord(map[string]any{"text": "نص", "title": "ع"}, nil)
	b, _, _ := FromRecord(map[string]any{"body": "نص", "headline": "ع"}, nil)
	if a.ID != b.ID {
		t.Errorf("content ids differ: %s %s", a.ID, b.ID)
	}
}

func TestParseFieldMap(t *testing.T) {
	m, err := ParseFieldMap("text=content, published=date_extracted")
	if err != nil || m["content"] != "text" || m["date_extracted"] != "published" {
		t.Errorf("%v %v", m, err)
	}
	for _, bad := range []string{"text", "nope=x", "text="} {
		if _, err := ParseFieldMap(bad); err == nil {
			t.Errorf("ParseFieldMap(%q) accepted", bad)
		}
	}
}

func TestDecode(t *testing.T) {
	u16be := []byte{0xFE, 0xFF}
	for _, r := range "حلب" {
		u16be = append(u16be, byte(r>>8), byte(r))
	}
	tests := []struct {
		name    string
		in      []byte
		want    string
		charset string
		err     string
	}{
		{"utf-8", []byte("الموصل"), "الموصل", "utf-8", ""},
		{"utf-8 bom", append([]byte{0xEF, 0xBB, 0xBF}, "بغداد"...), "بغداد", "utf-8", ""},
		{"utf-16be", u16be, "حلب", "utf-16be", ""},
		{"windows-1256", []byte{0xCF, 0xE3, 0xD4, 0xDE}, "دمشق", "windows-1256", ""},
		{"iso-8859-6", []byte{0xCF, 0xE5, 0xD4, 0xE2}, "دمشق", "iso-8859-6", ""},
		{"binary", []byte{0x89, 'P', 'N', 'G', 0, 0, 0, 0x0D}, "", "", "binary"},
		{"damaged utf-8", []byte("نص سليم \xff ثم تلف"), "", "", "not valid UTF-8"},
		{"latin-1 garbage", []byte("caf\xe9 cr\xe8me"), "", "", "not valid UTF-8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, cs, err := Decode(tt.in)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("err = %v, want %q (got %q as %s)", err, tt.err, got, cs)
				}
				return
			}
			if err != nil || got != tt.want || cs != tt.charset {
				t.Errorf("Decode = %q, %s, %v; want %q, %s", got, cs, err, tt.want, tt.charset)
			}
		})
	}
}

func TestReadFolderZipCSV(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "b/2.txt", []byte("نص ثان"))
	write(t, dir, "a.txt", []byte("نص أول"))
	write(t, dir, ".hidden/x.txt", []byte("مخفي"))
	write(t, dir, "c.csv", []byte("id,title,text\nr1,عنوان,\"نص، مع فاصلة\"\nr2,عنوان آخر\n"))
	var zb bytes.Buffer
	zw := zip.NewWriter(&zb)
	for name, body := range map[string]string{"2015-08-06.json": `[{"content":"أ"},{"content":"ب"}]`, "notes.txt": "ملاحظة", "inner.zip": "PK"} {
		w, _ := zw.Create(name)
		w.Write([]byte(body))
	}
	zw.Close()
	write(t, dir, "d.zip", zb.Bytes())
	items := collect(t, dir, &Options{PositionalIDs: "snn:"})
	var got []string
	for _, it := range items {
		s := it.Doc.ID
		if it.Err != nil {
			s = "ERR " + filepath.Base(it.Where) + " " + it.Err.Error()
		}
		got = append(got, s)
	}
	want := []string{
		"a.txt", "2.txt", "r1", "ERR c.csv:3 row has 2 fields, the header 3",
		"snn:2015-08-06:0", "snn:2015-08-06:1", "ERR d.zip!inner.zip nested archive not read; unpack it first", "notes.txt",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if items[2].Doc.Text != "نص، مع فاصلة" {
		t.Errorf("CSV quoting: %q", items[2].Doc.Text)
	}
}

func TestReadBadArchives(t *testing.T) {
	dir := t.TempDir()
	p := write(t, dir, "broken.zip", []byte("PK\x03\x04 this is not really a zip"))
	items := collect(t, p, nil)
	if len(items) != 1 || items[0].Err == nil || !strings.Contains(items[0].Err.Error(), "bad zip archive") {
		t.Errorf("broken zip: %+v", items)
	}
	p = write(t, dir, "arr.json", []byte(`[{"text":"أ"}, 5, {"text":"ب"}, {"text": ]`))
	items = collect(t, p, nil)
	if len(items) != 4 || items[0].Err != nil || items[1].Err == nil || items[2].Err != nil || items[3].Err == nil {
		for _, it := range items {
			t.Logf("%s %v", it.Where, it.Err)
		}
		t.Errorf("array with bad elements: %d items", len(items))
	}
	p = write(t, dir, "q.csv", []byte("text\n\"unterminated\n"))
	items = collect(t, p, nil)
	if len(items) != 1 || items[0].Err == nil {
		t.Errorf("bad CSV quote: %+v", items)
	}
}

func TestMainText(t *testing.T) {
	page := `<html lang="ar"><head><title>عنوان | الموقع</title><style>p{}</style></head><body>
<div class="menu"><a href="/">الرئيسية</a></div>
<article><h1>هجوم على نقطة تفتيش</h1>
<p>قال مسؤول أمني إن مسلحين هاجموا نقطة تفتيش قرب المدينة مساء الخميس، ما أسفر عن مقتل ثلاثة من عناصر الشرطة وإصابة خمسة آخرين بجروح.</p>
<p>وأضاف أن القوات الأمنية طوقت المنطقة وبدأت عمليات تفتيش واسعة بحثاً عن المهاجمين الذين فروا إلى القرى المجاورة.<script>alert("x")</script></p>
</article></body></html>`
	p, err := MainText(page, "")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(p.Text, "قال مسؤول أمني") || strings.Contains(p.Text, "alert") || strings.Contains(p.Text, "<") {
		t.Errorf("main text: %q", p.Text)
	}
	if !strings.Contains(p.Text, "بجروح.\n\nوأضاف") {
		t.Errorf("paragraphs not separated: %q", p.Text)
	}
	if _, err := MainText("<html><body></body></html>", ""); err == nil {
		t.Errorf("empty page accepted")
	}
}

func FuzzRead(f *testing.F) {
	f.Add("a.json", []byte(`[{"text":"نص"}]`))
	f.Add("a.jsonl", []byte("{\"text\":\"a\"}\n{bad\n"))
	f.Add("a.csv", []byte("text,id\nنص,1\n"))
	f.Add("a.html", []byte("<p>نص</p>"))
	f.Add("a.zip", []byte("PK\x03\x04"))
	f.Add("a.txt", []byte("\xff\xfe\x00"))
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		if len(name) > 20 || strings.ContainsAny(name, "/\\\x00") || name == "" || name[0] == '.' {
			return
		}
		dir := t.TempDir()
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			return
		}
		_ = Read(context.Background(), p, nil, &Options{MaxBytes: 1 << 20}, func(it Item) error {
			if it.Err == nil && it.Doc.ID == "" {
				t.Fatalf("%s: document without id", it.Where)
			}
			return nil
		})
	})
}

func FuzzDecode(f *testing.F) {
	f.Add([]byte("الموصل"))
	f.Add([]byte{0xFF, 0xFE, 0x27, 0x06})
	f.Add([]byte{0xC7, 0xE1})
	f.Fuzz(func(t *testing.T, b []byte) {
		s, _, err := Decode(b)
		if err == nil && strings.ContainsRune(s, 0) && !bytes.ContainsRune(b, 0) {
			t.Fatalf("NUL appeared in decoded text")
		}
	})
}
