package store

import (
	"strings"
	"sync"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

// countryAliases are the short names Arabic news uses for countries whose
// CLDR name is long or formal.
var countryAliases = map[string]string{
	"السعودية": "SA", "المملكة": "SA", "فلسطين": "PS", "غزة": "PS", "أمريكا": "US", "أميركا": "US",
	"الإمارات": "AE", "بريطانيا": "GB", "المملكة المتحدة": "GB", "روسيا": "RU", "إيران": "IR",
	"الكويت": "KW", "قطر": "QA", "البحرين": "BH", "عمان": "OM", "سلطنة عمان": "OM", "ليبيا": "LY",
	"الصومال": "SO", "السودان": "SD", "جنوب السودان": "SS", "أفغانستان": "AF", "باكستان": "PK",
	"Palestine": "PS", "USA": "US", "UK": "GB", "Britain": "GB", "UAE": "AE", "Russia": "RU",
}

// countryIndex maps the name keys of every country (CLDR names in Arabic
// and English, and the aliases above) to its ISO 3166-1 alpha-2 code.
type countryIndex struct {
	once  sync.Once
	codes map[string]string
}

// CountryCode returns the ISO code of a country given by code, Arabic or
// English name in any clitic form (العراق, بالعراق, Iraq, IQ), or "".
func (ix *Indexer) CountryCode(s string) string {
	s = strings.TrimSpace(s)
	if len(s) == 2 && isASCIIAlpha(s) {
		if r, err := language.ParseRegion(strings.ToUpper(s)); err == nil && r.IsCountry() {
			return strings.ToUpper(s)
		}
	}
	ix.countries.once.Do(func() {
		m := map[string]string{}
		ar, en := display.Regions(language.Arabic), display.Regions(language.English)
		for a := 'A'; a <= 'Z'; a++ {
			for b := 'A'; b <= 'Z'; b++ {
				code := string([]rune{a, b})
				r, err := language.ParseRegion(code)
				if err != nil || !r.IsCountry() || r.String() != code {
					continue
				}
				for _, n := range []string{ar.Name(r), en.Name(r)} {
					if n != "" {
						m[ix.NameKey(n)] = code
					}
				}
			}
		}
		for n, code := range countryAliases {
			m[ix.NameKey(n)] = code
		}
		ix.countries.codes = m
	})
	return ix.countries.codes[ix.NameKey(s)]
}

func isASCIIAlpha(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i] | 0x20
		if c < 'a' || c > 'z' {
			return false
		}
	}
	return true
}
