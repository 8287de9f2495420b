package ingest

import (
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"
)

const rssFeed = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
  <title>أخبار اليوم</title>
  <link>https://news.example.org/</link>
  <item>
    <title>هجوم على نقطة تفتيش &amp; اشتباكات</title>
    <link>https://news.example.org/a/1</link>
    <guid isPermaLink="false">news-1</guid>
    <pubDate>Thu, 06 Aug 2015 21:30:00 +0300</pubDate>
    <description>&lt;p&gt;قتل ثلاثة من عناصر الشرطة.&lt;/p&gt;&lt;script&gt;alert(1)&lt;/script&gt;</description>
    <content:encoded><![CDATA[<p>قتل ثلاثة من عناصر الشرطة في هجوم.</p><p>وفر المهاجمون.</p>]]></content:encoded>
    <dc:creator>مراسل</dc:creator>
  </item>
  <item>
    <title>خبر بلا نص</title>
    <link>/a/2</link>
    <pubDate>Fri, 7 Aug 2015 08:00 GMT</pubDate>
  </item>
  <item><title></title></item>
</channel>
</rss>`

const atomFeed = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title type="text">وكالة</title>
  <link rel="self" href="https://agency.example.org/feed.atom"/>
  <link rel="alternate" href="https://agency.example.org/"/>
  <entry>
    <id>tag:agency.example.org,2015:1</id>
    <title type="html">&lt;b&gt;عاجل&lt;/b&gt; انفجار في بغداد</title>
    <link rel="alternate" href="https://agency.example.org/n/1"/>
    <published>2015-08-05T10:00:00Z</published>
    <updated>2015-08-05T11:00:00Z</updated>
    <summary>انفجار في سوق شعبي.</summary>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>انفجرت سيارة مفخخة.</p><p>وسقط جرحى.</p></div></content>
    <author><name>المحرر</name></author>
  </entry>
</feed>`

const rdfFeed = `<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://old.example.org/"><title>قديم</title><link>https://old.example.org/</link></channel>
  <item rdf:about="https://old.example.org/x"><title>خبر</title><link>https://old.example.org/x</link>
    <description>نص الخبر</description><dc:date>2015-08-01</dc:date></item>
</rdf:RDF>`

func TestParseFeed(t *testing.T) {
	f, err := ParseFeed([]byte(rssFeed))
	if err != nil {
		t.Fatal(err)
	}
	if f.Title != "أخبار اليوم" || f.Link != "https://news.example.org/" || len(f.Items) != 2 {
		t.Fatalf("feed %+v", f)
	}
	it := f.Items[0]
	if it.GUID != "news-1" || it.Link != "https://news.example.org/a/1" || it.Title != "هجوم على نقطة تفتيش & اشتباكات" ||
		it.Published != "2015-08-06T21:30:00+03:00" || it.Author != "مراسل" || it.Key() != "item:news-1" {
		t.Errorf("item %+v", it)
	}
	if it.Summary != "قتل ثلاثة من عناصر الشرطة." || it.Content != "قتل ثلاثة من عناصر الشرطة في هجوم.\n\nوفر المهاجمون." || it.Text() != it.Content {
		t.Errorf("texts %q / %q", it.Summary, it.Content)
	}
	it = f.Items[1]
	if it.Link != "https://news.example.org/a/2" || it.Key() != "item:https://news.example.org/a/2" || it.Text() != "" || it.Published != "2015-08-07T08:00:00Z" {
		t.Errorf("relative link item %+v", it)
	}
	d := f.Items[0].Document("نص", "news.example.org")
	if d.ID != "https://news.example.org/a/1" || d.URL != d.ID || d.Source != "news.example.org" || d.Meta["guid"] != "news-1" || d.Meta["author"] != "مراسل" {
		t.Errorf("document %+v", d)
	}

	f, err = ParseFeed([]byte(atomFeed))
	if err != nil {
		t.Fatal(err)
	}
	it = f.Items[0]
	if f.Link != "https://agency.example.org/" || it.GUID != "tag:agency.example.org,2015:1" || it.Link != "https://agency.example.org/n/1" ||
		it.Title != "عاجل انفجار في بغداد" || it.Published != "2015-08-05T10:00:00Z" || it.Author != "المحرر" ||
		it.Content != "انفجرت سيارة مفخخة.\n\nوسقط جرحى." || it.Summary != "انفجار في سوق شعبي." {
		t.Errorf("atom entry %+v", it)
	}

	f, err = ParseFeed([]byte(rdfFeed))
	if err != nil || len(f.Items) != 1 || f.Items[0].GUID != "https://old.example.org/x" || f.Items[0].Published != "2015-08-01" || f.Items[0].Summary != "نص الخبر" {
		t.Errorf("RSS 1.0: %+v %v", f, err)
	}
}

func TestParseFeedCharsets(t *testing.T) {
	body := strings.Replace(rssFeed, `encoding="UTF-8"`, `encoding="windows-1256"`, 1)
	b, err := charmap.Windows1256.NewEncoder().String(strings.ReplaceAll(body, "&amp;", "و"))
	if err != nil {
		t.Fatal(err)
	}
	f, err := ParseFeed([]byte(b))
	if err != nil || f.Title != "أخبار اليوم" || f.Items[0].Title != "هجوم على نقطة تفتيش و اشتباكات" {
		t.Errorf("windows-1256 feed: %+v %v", f, err)
	}
	// UTF-8 with a BOM and no declaration.
	f, err = ParseFeed(append([]byte{0xEF, 0xBB, 0xBF}, rdfFeed[strings.Index(rdfFeed, "<rdf"):]...))
	if err != nil || len(f.Items) != 1 {
		t.Errorf("BOM feed: %v", err)
	}
}

func TestParseFeedErrors(t *testing.T) {
	for in, want := range map[string]string{
		"":               "empty feed",
		"just some text": "no XML element",
		"<html><body><p>a page</p></body></html>":        "an HTML page",
		`<?xml version="1.0"?><rss version="2.0"></rss>`: "has no <channel>",
		`<?xml version="1.0" encoding="klingon"?><rss/>`: `encoding "klingon"`,
		`<urlset><url/></urlset>`:                        "the document is <urlset>",
		"\x00\x01\x02\x03binary":                         "binary",
	} {
		if _, err := ParseFeed([]byte(in)); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: %v, want %q", in, err, want)
		}
	}
}

func TestFeedDate(t *testing.T) {
	for in, want := range map[string]string{
		"Thu, 06 Aug 2015 21:30:00 +0300": "2015-08-06T21:30:00+03:00",
		"Thu, 6 Aug 2015 21:30:00 GMT":    "2015-08-06T21:30:00Z",
		"2015-08-06T21:30:00+03:00":       "2015-08-06T21:30:00+03:00",
		"2015-08-06":                      "2015-08-06",
		"yesterday":                       "",
	} {
		if got := feedDate(in); got != want {
			t.Errorf("feedDate(%q) = %q, want %q", in, got, want)
		}
	}
}

func FuzzParseFeed(f *testing.F) {
	for _, s := range []string{rssFeed, atomFeed, rdfFeed, "<rss><channel><item><title>x</title></item></channel></rss>", "<feed><entry/></feed>"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		feed, err := ParseFeed(b)
		if err != nil {
			return
		}
		for _, it := range feed.Items {
			if it.Key() == "item:" {
				t.Fatalf("empty key: %+v", it)
			}
			it.Document(it.Text(), "x")
		}
	})
}
