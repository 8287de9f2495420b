package ner

import (
	"strings"
	"testing"
)

func TestRespell(t *testing.T) {
	tests := []struct {
		tok  string
		r    Respelling
		want string
	}{
		{"إسرائيل", RespellHamza, "اسرائيل"},
		{"أبو", RespellHamza, "ابو"},
		{"آل", RespellHamza, "ال"},
		{"المصري", RespellFinalYa, "المصرى"},
		{"في", RespellFinalYa, "فى"},
		{"يقول", RespellFinalYa, "يقول"}, // no final ي
		{"على", RespellFinalAlefMaqsura, "علي"},
		{"مدينة", RespellTaMarbuta, "مدينه"},
		{"إلى", RespellHamza | RespellFinalAlefMaqsura, "الي"},
		{"إسرائيل", 0, "إسرائيل"},
		{"2015", RespellHamza | RespellFinalYa | RespellTaMarbuta, "2015"},
		{"", RespellHamza, ""},
	}
	for _, tt := range tests {
		if got := Respell(tt.tok, tt.r); got != tt.want {
			t.Errorf("Respell(%q, %s) = %q, want %q", tt.tok, tt.r, got, tt.want)
		}
	}
}

func TestParseRespelling(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want Respelling
		err  string
	}{
		{"", 0, ""},
		{"hamza", RespellHamza, ""},
		{"hamza, ta-marbuta", RespellHamza | RespellTaMarbuta, ""},
		{"all", RespellHamza | RespellFinalYa | RespellTaMarbuta, ""},
		{"final-alef-maqsura", RespellFinalAlefMaqsura, ""},
		{"final-ya,final-alef-maqsura", 0, "opposite ways"},
		{"all,final-alef-maqsura", 0, "opposite ways"},
		{"egyptian", 0, `unknown respelling "egyptian"`},
	} {
		got, err := ParseRespelling(tt.in)
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("ParseRespelling(%q) error %v, want %q", tt.in, err, tt.err)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("ParseRespelling(%q) = %s, %v, want %s", tt.in, got, err, tt.want)
		}
	}
	if s := (RespellHamza | RespellTaMarbuta).String(); s != "hamza,ta-marbuta" {
		t.Errorf("String() = %q", s)
	}
}

// RespellSentences copies: the gold sentences are left as they were.
func TestRespellSentences(t *testing.T) {
	gold := []Sentence{{Tokens: []string{"زار", "إسرائيل"}, Tags: []string{"O", "B-LOC"}}}
	got := RespellSentences(gold, RespellHamza)
	if got[0].Tokens[1] != "اسرائيل" || gold[0].Tokens[1] != "إسرائيل" || got[0].Tags[1] != "B-LOC" {
		t.Errorf("respelled %q from %q", got[0].Tokens, gold[0].Tokens)
	}
}
