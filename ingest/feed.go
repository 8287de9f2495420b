package ingest

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/url"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/text/encoding/htmlindex"

	"github.com/marsad/marsad/analysis"
)

// Feed is an RSS or Atom feed, read by ParseFeed.
type Feed struct {
	Title string
	Link  string // the site
	Items []FeedItem
}

// FeedItem is one item (RSS) or entry (Atom).
type FeedItem struct {
	GUID      string // guid (RSS) or id (Atom), when the feed gives one
	Link      string // the article's page
	Title     string // plain text
	Summary   string // plain text: description (RSS) or summary (Atom)
	Content   string // plain text: content:encoded (RSS) or content (Atom)
	Published string // RFC 3339, or "" when absent or unreadable
	Author    string
}

// Key identifies an item across polls and feeds: its guid or id when the
// feed gives one, else its link, else a hash of its title and text.
func (it *FeedItem) Key() string {
	switch {
	case it.GUID != "":
		return "item:" + it.GUID
	case it.Link != "":
		return "item:" + it.Link
	}
	h := sha256.Sum256([]byte(it.Title + "\x00" + it.Summary + "\x00" + it.Content))
	return "item:sha256:" + hex.EncodeToString(h[:8])
}

// Text is the item's own text: its content, else its summary.
func (it *FeedItem) Text() string {
	if strings.TrimSpace(it.Content) != "" {
		return it.Content
	}
	return it.Summary
}

// Document makes a document of an item whose text is text (the item's
// own, or the main text of its page); source names the feed's site.
func (it *FeedItem) Document(text, source string) analysis.Document {
	id := it.Link
	if id == "" {
		id = strings.TrimPrefix(it.Key(), "item:")
	}
	return analysis.Document{ID: id, Title: it.Title, Text: text, Published: it.Published, Source: source, URL: it.Link,
		Meta: metaOf(it)}
}

func metaOf(it *FeedItem) map[string]any {
	if it.Author == "" && it.GUID == "" {
		return nil
	}
	m := map[string]any{}
	if it.Author != "" {
		m["author"] = it.Author
	}
	if it.GUID != "" && it.GUID != it.Link {
		m["guid"] = it.GUID
	}
	return m
}

// The XML of the three feed formats, matched by local name so that
// namespace prefixes (content:, dc:, atom:) do not matter.
type xmlFeed struct {
	XMLName xml.Name
	// RSS 2.0: <rss><channel>; RSS 1.0: <rdf:RDF><channel> and items
	// beside it.
	Channel *struct {
		Title string    `xml:"title"`
		Link  []xmlLink `xml:"link"`
		Items []xmlItem `xml:"item"`
	} `xml:"channel"`
	Items []xmlItem `xml:"item"`
	// Atom: <feed>
	Title   xmlText   `xml:"title"`
	Link    []xmlLink `xml:"link"`
	Entries []xmlItem `xml:"entry"`
}

type xmlText struct {
	Type string `xml:"type,attr"`
	Body string `xml:",innerxml"`
}

type xmlLink struct {
	Rel  string `xml:"rel,attr"`
	Href string `xml:"href,attr"`
	Text string `xml:",chardata"`
}

type xmlItem struct {
	Title       xmlText   `xml:"title"`
	Links       []xmlLink `xml:"link"`
	GUID        string    `xml:"guid"`
	ID          string    `xml:"id"`
	About       string    `xml:"about,attr"`
	Description xmlText   `xml:"description"`
	Summary     xmlText   `xml:"summary"`
	Encoded     xmlText   `xml:"encoded"`
	Content     xmlText   `xml:"content"`
	PubDate     string    `xml:"pubDate"`
	Date        string    `xml:"date"`
	Published   string    `xml:"published"`
	Updated     string    `xml:"updated"`
	Author      struct {
		Name string `xml:"name"`
		Text string `xml:",chardata"`
	} `xml:"author"`
	Creator string `xml:"creator"`
}

var xmlEncoding = regexp.MustCompile(`^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']`)

// ParseFeed reads an RSS 2.0, RSS 1.0 (RDF) or Atom feed in any charset
// its XML declaration names, or that Decode detects. Item titles and texts
// come back as plain text: the markup feeds carry is read, never kept.
func ParseFeed(b []byte) (*Feed, error) {
	text, err := feedText(b)
	if err != nil {
		return nil, err
	}
	dec := xml.NewDecoder(strings.NewReader(text))
	dec.Strict = false
	dec.Entity = xml.HTMLEntity
	dec.CharsetReader = func(_ string, r io.Reader) (io.Reader, error) { return r, nil } // already UTF-8
	var x xmlFeed
	if err := dec.Decode(&x); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, errors.New("not an RSS or Atom feed: no XML element in it")
		}
		return nil, fmt.Errorf("not an RSS or Atom feed: %w", err)
	}
	f := &Feed{}
	var items []xmlItem
	switch strings.ToLower(x.XMLName.Local) {
	case "rss", "rdf":
		if x.Channel == nil {
			return nil, fmt.Errorf("not an RSS feed: <%s> has no <channel>", x.XMLName.Local)
		}
		f.Title = strings.TrimSpace(x.Channel.Title)
		f.Link = linkOf(x.Channel.Link)
		items = append(x.Channel.Items, x.Items...)
	case "feed":
		f.Title = plain(x.Title)
		f.Link = linkOf(x.Link)
		items = x.Entries
	case "html":
		return nil, errors.New("not an RSS or Atom feed: an HTML page (look for its <link rel=\"alternate\"> feed)")
	default:
		return nil, fmt.Errorf("not an RSS or Atom feed: the document is <%s>", x.XMLName.Local)
	}
	for _, xi := range items {
		it := FeedItem{
			GUID:    strings.TrimSpace(firstOf(xi.GUID, xi.ID, xi.About)),
			Link:    linkOf(xi.Links),
			Title:   oneLine(plain(xi.Title)),
			Summary: plain(firstText(xi.Description, xi.Summary)),
			Content: plain(firstText(xi.Encoded, xi.Content)),
			Author:  strings.TrimSpace(firstOf(xi.Author.Name, xi.Author.Text, xi.Creator)),
		}
		if it.Link == "" && strings.HasPrefix(it.GUID, "http") {
			it.Link = it.GUID
		}
		if it.Link != "" && f.Link != "" {
			it.Link = resolve(f.Link, it.Link)
		}
		it.Published = feedDate(firstOf(xi.Published, xi.PubDate, xi.Date, xi.Updated))
		if it.Title == "" && it.Text() == "" && it.Link == "" {
			continue
		}
		f.Items = append(f.Items, it)
	}
	return f, nil
}

// feedText decodes a feed's bytes to UTF-8: by its XML declaration when it
// names a charset, else by detection.
func feedText(b []byte) (string, error) {
	if len(bytes.TrimSpace(b)) == 0 {
		return "", errors.New("empty feed")
	}
	if m := xmlEncoding.FindSubmatch(b[:min(len(b), 300)]); m != nil {
		label := strings.ToLower(string(m[1]))
		if label != "utf-8" && label != "utf8" && label != "us-ascii" && label != "ascii" {
			enc, err := htmlindex.Get(label)
			if err != nil {
				return "", fmt.Errorf("feed declares encoding %q, which marsad does not know", m[1])
			}
			s, err := enc.NewDecoder().String(string(b))
			if err != nil {
				return "", fmt.Errorf("feed is not valid %s: %w", m[1], err)
			}
			return s, nil
		}
	}
	s, _, err := Decode(b)
	return s, err
}

func firstOf(ss ...string) string {
	for _, s := range ss {
		if strings.TrimSpace(s) != "" {
			return s
		}
	}
	return ""
}

func firstText(ts ...xmlText) xmlText {
	for _, t := range ts {
		if strings.TrimSpace(t.Body) != "" {
			return t
		}
	}
	return xmlText{}
}

// linkOf picks the page a list of <link>s points to: RSS's text, or
// Atom's rel="alternate" (or unnamed) href.
func linkOf(ls []xmlLink) string {
	for _, l := range ls {
		if t := strings.TrimSpace(l.Text); t != "" && l.Href == "" {
			return t
		}
	}
	for _, l := range ls {
		if l.Href != "" && (l.Rel == "" || l.Rel == "alternate") {
			return strings.TrimSpace(l.Href)
		}
	}
	return ""
}

func resolve(base, ref string) string {
	b, err := url.Parse(base)
	if err != nil {
		return ref
	}
	r, err := url.Parse(ref)
	if err != nil {
		return ref
	}
	return b.ResolveReference(r).String()
}

// plain turns an element's inner XML into plain text: CDATA and entities
// unwrapped, HTML markup (escaped or not) rendered to text.
func plain(t xmlText) string {
	s := strings.TrimSpace(t.Body)
	if s == "" {
		return ""
	}
	// The inner XML is still XML: unwrap CDATA sections and decode
	// entities once by reading it as character data.
	var b strings.Builder
	dec := xml.NewDecoder(strings.NewReader("<x>" + s + "</x>"))
	dec.Strict = false
	dec.Entity = xml.HTMLEntity
	for {
		tok, err := dec.Token()
		if err != nil {
			break
		}
		switch v := tok.(type) {
		case xml.CharData:
			b.Write(v)
		case xml.StartElement:
			// XHTML content (Atom type="xhtml"): keep paragraph breaks
			if v.Name.Local != "x" {
				b.WriteString("<" + v.Name.Local + ">")
			}
		case xml.EndElement:
			if v.Name.Local != "x" {
				b.WriteString("</" + v.Name.Local + ">")
			}
		}
	}
	return FragmentText(b.String())
}

// FragmentText renders an HTML fragment (a feed item's description) as
// plain text with paragraph breaks; text that has no markup comes back
// with its white space tidied.
func FragmentText(s string) string {
	if !strings.ContainsAny(s, "<&") {
		return tidyParagraphs(strings.ReplaceAll(s, "\r", ""))
	}
	root, err := html.Parse(strings.NewReader("<html><body>" + s + "</body></html>"))
	if err != nil {
		return tidyParagraphs(s)
	}
	if body := findBody(root); body != nil {
		return blockText(body)
	}
	return ""
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

var feedDateLayouts = []string{
	time.RFC3339, time.RFC3339Nano, time.RFC1123Z, time.RFC1123,
	"Mon, 2 Jan 2006 15:04:05 -0700", "Mon, 2 Jan 2006 15:04:05 MST", "Mon, 2 Jan 2006 15:04 -0700", "Mon, 2 Jan 2006 15:04 MST",
	"2 Jan 2006 15:04:05 -0700", "2 Jan 2006 15:04:05 MST", "Mon, 2 January 2006 15:04:05 -0700",
	"2006-01-02T15:04:05", "2006-01-02 15:04:05", "2006-01-02T15:04:05Z0700", "2006-01-02",
}

// feedDate reads the dates feeds write (RFC 822 in RSS, RFC 3339 in Atom,
// and the variants found in the wild) as RFC 3339; "" when unreadable.
func feedDate(s string) string {
	s = strings.TrimSpace(s)
	if s == "" || !utf8.ValidString(s) {
		return ""
	}
	for _, l := range feedDateLayouts {
		if t, err := time.Parse(l, s); err == nil {
			if l == "2006-01-02" {
				return s
			}
			return t.Format(time.RFC3339)
		}
	}
	return ""
}
