package export

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"testing"

	"github.com/marsad/marsad/analysis"
)

// The fixtures are analyses the team wrote for these tests: the Arabic
// sentences are composed, not taken from any corpus.

func ip(n int) *int { return &n }

var (
	aleppo = analysis.Place{Ref: "place:170063", Name: "حلب", NameEn: "Aleppo", Kind: "city",
		Country: "SY", Admin1: "Aleppo", Lat: 36.20124, Lon: 37.16117, Mentions: 2}
	syria = analysis.Place{Ref: "place:163843", Name: "سوريا", NameEn: "Syria", Kind: "country",
		Country: "SY", Lat: 35, Lon: 38, Mentions: 1}
	aden = analysis.Place{Ref: "place:415189", Name: "عدن", NameEn: "Aden", Kind: "city",
		Country: "YE", Admin1: "Aden", Lat: 12.77944, Lon: 45.03667, Mentions: 1}
	syrianArmy = analysis.Actor{Ref: "actor:syrian-army", Name: "الجيش السوري", NameEn: "Military Forces of Syria",
		Kind: "state_forces", Country: "SY", Mentions: 2}
	nusra = analysis.Actor{Ref: "actor:nusra-front", Name: "جبهة النصرة", NameEn: "Nusra Front",
		Kind: "rebel_group", Country: "SY", Mentions: 1}
	coalition = analysis.Actor{Ref: "actor:saudi-led-coalition", Name: "التحالف العربي", NameEn: "Saudi-led Coalition",
		Kind: "coalition", Mentions: 1}
	houthis = analysis.Actor{Ref: "actor:houthis", Name: "جماعة الحوثي", NameEn: "Houthi Movement",
		Kind: "rebel_group", Country: "YE", Mentions: 2}
)

func ref(a analysis.Actor) analysis.ActorRef {
	return analysis.ActorRef{Ref: analysis.Str(a.Ref), Name: a.Name, NameEn: a.NameEn}
}

func at(p analysis.Place) *analysis.EventPlace { return p.EventPlace() }

var civilians = analysis.ActorRef{NameEn: "civilians"}
var gunmen = analysis.ActorRef{NameEn: "unidentified armed group"}

// evidence with what CSV must quote: commas (Arabic and Latin), double
// quotes and a line break.
const tricky = "قال \"المرصد السوري\"، إن قذائف سقطت على حي سكني, ما أدى إلى مقتل 5 مدنيين\nوإصابة 12 آخرين."

func fixtures() []*analysis.Analysis {
	doc1 := &analysis.Analysis{
		Schema: analysis.Schema, ID: "test:aleppo-1",
		Title:     "مقتل خمسة مدنيين في قصف على حي سكني في حلب، واشتباكات في الريف",
		Published: "2016-05-04", Source: "marsad-test", URL: "https://example.org/أخبار/حلب?id=1&x=\"2\"", Lang: "ar",
		Relevance:  &analysis.Relevance{Relevant: true, Score: 0.97, Topics: []string{"armed_conflict"}},
		Entities:   []analysis.Entity{{Type: "LOC", Text: "حلب", Start: 37, End: 40, Norm: "حلب", Ref: "place:170063"}},
		Places:     []analysis.Place{aleppo, syria},
		Actors:     []analysis.Actor{syrianArmy, nusra},
		Times:      []analysis.Time{{Text: "أمس", Start: 70, End: 73, Value: "2016-05-03", Precision: "day"}},
		Quantities: []analysis.Quantity{{Text: "5", Start: 120, End: 121, Value: 5, Unit: "person", Role: "fatalities"}},
		Events: []analysis.Event{
			{Type: "explosions_remote_violence", SubType: "shelling_artillery_missile_attack", Cameo: "194",
				Date: "2016-05-03", DatePrecision: "day", Location: at(aleppo),
				Actors: []analysis.ActorRef{ref(syrianArmy)}, Targets: []analysis.ActorRef{civilians},
				Fatalities: ip(5), Injuries: ip(12),
				Evidence: analysis.Span{Start: 64, End: 140, Text: tricky}, Confidence: 0.82},
			{Type: "battles", SubType: "armed_clash", Cameo: "193",
				Date: "2016-W18", DatePrecision: "week", Location: at(aleppo),
				Actors: []analysis.ActorRef{ref(syrianArmy)}, Targets: []analysis.ActorRef{ref(nusra), ref(nusra)},
				Evidence:   analysis.Span{Start: 141, End: 210, Text: "واندلعت اشتباكات عنيفة بين الجيش السوري ومسلحي جبهة النصرة في ريف حلب الجنوبي."},
				Confidence: 0.55},
		},
		Summary: []string{"قُتل خمسة مدنيين في قصف على حي سكني في حلب."},
	}
	doc2 := &analysis.Analysis{
		Schema: analysis.Schema, ID: "test:aden-1",
		Title:     "غارات للتحالف على مواقع الحوثيين في عدن",
		Published: "2015-08-07T10:30:00+03:00", Source: "cve", URL: "http://example.com/aden", Lang: "ar",
		Relevance: &analysis.Relevance{Relevant: true, Score: 0.9, Topics: []string{"armed_conflict"}},
		Entities:  []analysis.Entity{}, Places: []analysis.Place{aden},
		Actors: []analysis.Actor{coalition, houthis}, Times: []analysis.Time{}, Quantities: []analysis.Quantity{},
		Events: []analysis.Event{
			{Type: "explosions_remote_violence", SubType: "air_drone_strike", Cameo: "195",
				Date: "2015-08", DatePrecision: "month", Location: at(aden),
				Actors: []analysis.ActorRef{ref(coalition)}, Targets: []analysis.ActorRef{ref(houthis)},
				Fatalities: ip(20),
				Evidence:   analysis.Span{Start: 40, End: 120, Text: "شنت طائرات التحالف غارات على مواقع الحوثيين في عدن، ما أسفر عن مقتل 20 مسلحاً."},
				Confidence: 0.9},
			{Type: "strategic_developments", SubType: "arrests", Cameo: "173",
				Actors: []analysis.ActorRef{ref(houthis)}, Targets: []analysis.ActorRef{{NameEn: "journalists", Name: "صحفيين"}},
				Evidence:   analysis.Span{Start: 121, End: 170, Text: "واعتقل الحوثيون ثلاثة صحفيين."},
				Confidence: 0.4},
		},
		Summary: []string{},
	}
	doc3 := &analysis.Analysis{
		Schema: analysis.Schema, ID: "test:sport-1", Title: "الهلال يفوز على النصر", Published: "2015-08-01",
		Source: "marsad-test", Lang: "ar",
		Relevance: &analysis.Relevance{Relevant: false, Score: 0.02, Topics: []string{}},
		Entities:  []analysis.Entity{}, Places: []analysis.Place{}, Actors: []analysis.Actor{},
		Times: []analysis.Time{}, Quantities: []analysis.Quantity{}, Events: []analysis.Event{}, Summary: []string{},
	}
	// no published date, no title; a place without coordinates and one at
	// 0,0; an actor the document's list does not have.
	doc4 := &analysis.Analysis{
		Schema: analysis.Schema, ID: "test:mosul-1",
		Entities: []analysis.Entity{}, Places: []analysis.Place{}, Actors: []analysis.Actor{},
		Times: []analysis.Time{}, Quantities: []analysis.Quantity{}, Summary: []string{},
		Events: []analysis.Event{
			{Type: "riots", SubType: "mob_violence", Date: "2015-07-28/2015-08-02", DatePrecision: "range",
				Location: &analysis.EventPlace{Ref: "place:99072", Name: "الموصل", NameEn: "Mosul", Country: "IQ"},
				Actors:   []analysis.ActorRef{gunmen}, Targets: []analysis.ActorRef{{Ref: "actor:unknown-person", Name: "أبو محمد"}},
				Evidence: analysis.Span{Start: 0, End: 30, Text: "هاجم مسلحون مجهولون منزل أبو محمد"}, Confidence: 0.3},
			{Type: "protests", SubType: "excessive_force_against_protesters",
				Location: &analysis.EventPlace{Name: "ساحة التحرير"},
				Evidence: analysis.Span{Start: 31, End: 60, Text: "وفرّقت الشرطة المتظاهرين بالقوة"}, Confidence: 0.35},
		},
	}
	return []*analysis.Analysis{doc1, doc2, doc3, doc4}
}

// export runs Write over the fixtures.
func export(t testing.TB, format string, opts Options, as ...*analysis.Analysis) ([]byte, Stats) {
	t.Helper()
	if as == nil {
		as = fixtures()
	}
	var buf bytes.Buffer
	st, err := Write(context.Background(), format, Slice(as), &buf, opts)
	if err != nil {
		t.Fatalf("%s: %v", format, err)
	}
	return buf.Bytes(), st
}

// generated returns a Source of n analyses built from the fixtures with
// distinct ids (for benchmarks and memory checks).
func generated(n int) Source {
	fx := fixtures()
	i := 0
	return SourceFunc(func(ctx context.Context) (*analysis.Analysis, error) {
		if i == n {
			return nil, io.EOF
		}
		a := *fx[i%len(fx)]
		a.ID = fmt.Sprintf("gen:%d", i)
		i++
		return &a, nil
	})
}
