package ingest

import (
	"bytes"
	"fmt"
	"net/url"
	"strings"

	readability "github.com/go-shiori/go-readability"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Page is the readable part of an HTML page.
type Page struct {
	Title     string
	Text      string // paragraphs separated by blank lines
	Published string // YYYY-MM-DD when the page says
	Lang      string
	Site      string
}

// IsHTML reports whether the start of a text looks like an HTML page.
func IsHTML(s string) bool {
	head := strings.ToLower(strings.TrimSpace(s[:min(len(s), 1024)]))
	head = strings.TrimPrefix(head, "\ufeff")
	return strings.HasPrefix(head, "<!doctype html") || strings.HasPrefix(head, "<html") ||
		strings.Contains(head, "<head") || strings.Contains(head, "<body")
}

// MainText extracts the article of an HTML page with go-readability (a
// maintained port of Mozilla's Readability), keeping paragraph breaks.
// When readability finds no article, the whole body's text is used.
func MainText(doc string, pageURL string) (Page, error) {
	var u *url.URL
	if pageURL != "" {
		u, _ = url.Parse(pageURL)
	}
	if u == nil {
		u = &url.URL{Scheme: "file", Path: "/"}
	}
	root, err := html.Parse(strings.NewReader(doc))
	if err != nil {
		return Page{}, fmt.Errorf("parse HTML: %w", err)
	}
	var p Page
	art, rerr := readability.FromDocument(root, u)
	if rerr == nil && art.Node != nil {
		p.Title = strings.TrimSpace(art.Title)
		p.Text = blockText(art.Node)
		p.Lang = art.Language
		p.Site = art.SiteName
		if art.PublishedTime != nil {
			p.Published = art.PublishedTime.Format("2006-01-02")
		}
	}
	if strings.TrimSpace(p.Text) == "" {
		// readability changes the tree it reads; parse again for the fallback
		root, _ = html.Parse(strings.NewReader(doc))
		if body := findBody(root); body != nil {
			p.Text = blockText(body)
		}
		if p.Title == "" {
			p.Title = findTitle(root)
		}
	}
	if strings.TrimSpace(p.Text) == "" {
		return p, fmt.Errorf("HTML page has no text")
	}
	return p, nil
}

// blockText renders a node's text with a blank line between block elements
// and a newline for <br>; scripts, styles and forms are left out. Text is
// only ever read from text nodes: markup never reaches the analysis.
func blockText(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			b.WriteString(collapseSpace(n.Data))
			return
		case html.ElementNode:
			switch n.DataAtom {
			case atom.Script, atom.Style, atom.Noscript, atom.Template, atom.Form, atom.Button, atom.Select, atom.Iframe, atom.Svg:
				return
			case atom.Br:
				b.WriteString("\n")
				return
			}
		}
		block := n.Type == html.ElementNode && isBlock(n.DataAtom)
		if block {
			b.WriteString("\n\n")
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if block {
			b.WriteString("\n\n")
		}
	}
	walk(n)
	return tidyParagraphs(b.String())
}

func isBlock(a atom.Atom) bool {
	switch a {
	case atom.P, atom.Div, atom.Section, atom.Article, atom.Header, atom.Footer, atom.Aside, atom.Main,
		atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Li, atom.Ul, atom.Ol, atom.Blockquote,
		atom.Pre, atom.Table, atom.Tr, atom.Td, atom.Th, atom.Figcaption, atom.Dd, atom.Dt, atom.Nav:
		return true
	}
	return false
}

func collapseSpace(s string) string {
	var b strings.Builder
	space := false
	for _, r := range s {
		if r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\f' {
			space = true
			continue
		}
		if space {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	if space {
		b.WriteByte(' ')
	}
	return b.String()
}

// tidyParagraphs trims every line and keeps at most one blank line between
// paragraphs.
func tidyParagraphs(s string) string {
	var out []string
	blank := true
	for _, line := range strings.Split(s, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			if !blank {
				out = append(out, "")
			}
			blank = true
			continue
		}
		out = append(out, line)
		blank = false
	}
	for len(out) > 0 && out[len(out)-1] == "" {
		out = out[:len(out)-1]
	}
	return strings.Join(out, "\n")
}

func findBody(n *html.Node) *html.Node {
	if n.Type == html.ElementNode && n.DataAtom == atom.Body {
		return n
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if b := findBody(c); b != nil {
			return b
		}
	}
	return nil
}

func findTitle(n *html.Node) string {
	if n.Type == html.ElementNode && n.DataAtom == atom.Title {
		var b bytes.Buffer
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.TextNode {
				b.WriteString(c.Data)
			}
		}
		return strings.TrimSpace(collapseSpace(b.String()))
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if t := findTitle(c); t != "" {
			return t
		}
	}
	return ""
}
