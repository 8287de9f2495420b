package ner

import (
	"testing"

	"github.com/marsad/marsad/ner/wordclust"
)

// nameResources: a list of foreign place names and a corpus vocabulary of
// common words, both written for this test.
func nameResources() *Resources {
	common := []string{"الحكومة", "اجتماع", "المدرسة", "الاقتصادي", "قال", "وزير", "مستشفى",
		"الطلاب", "المواطنين", "التعليم", "الاجتماعية", "المشاريع", "الصحة", "المملكة",
		"العامة", "الوطنية", "المسؤولين", "الجامعة", "التنمية", "المجلس", "الأمانة", "مشروع",
		"يعمل", "تقديم", "الخدمات", "العمل", "السكان", "المستشفيات", "المدارس", "الاستثمار"}
	c := &wordclust.Result{Ks: []int{2}, Words: common, Counts: make([]int, len(common)),
		Clusters: [][]int32{make([]int32, len(common))}}
	for i := range c.Counts {
		c.Counts[i] = 100
	}
	return &Resources{Clusters: []*wordclust.Result{c}, Lists: []NameList{{Class: "LOC", Names: []string{
		"بوردو", "ليفربول", "مانشستر", "فالنسيا", "كاليفورنيا", "فيلادلفيا", "أوكلاهوما",
		"سنغافورة", "تورونتو", "بوخارست", "كوبنهاغن", "ستوكهولم", "برشلونة", "فنزويلا",
		"كولومبيا", "نيكاراغوا", "أوتاوا", "بورتوريكو", "هلسنكي", "فلوريدا", "ميلانو", "تورينو"}}}}
}

func TestNameModelSeparatesNames(t *testing.T) {
	lx := nameResources().lexicon()
	if len(lx.names) == 0 {
		t.Fatal("no name model learned")
	}
	mean := func(ws []string) float64 {
		s := 0
		for _, w := range ws {
			s += int(lx.names.bucket(w))
		}
		return float64(s) / float64(len(ws))
	}
	// none of these is in the lists or the vocabulary
	foreign := []string{"بولونيا", "كاليدونيا", "مونتريال", "فيرونا", "أوريغون", "بوليفيا", "ليتوانيا"}
	common := []string{"المستشفى", "الحكومية", "الاجتماعات", "التعليمية", "المسؤول", "الوزارة", "المشروعات"}
	if f, c := mean(foreign), mean(common); f <= c+0.5 {
		t.Errorf("foreign names score %.2f, common words %.2f: want names clearly higher", f, c)
	}
	if b := (nameModel(nil)).bucket("بولونيا"); b != 0 {
		t.Errorf("a model without a name model gives %d, want 0", b)
	}
}

// TestClusterWordsCountsEveryFile: the model card's count of cluster words
// is the words that have a cluster in any file, each counted once.
func TestClusterWordsCountsEveryFile(t *testing.T) {
	r := nameResources()
	first := len(r.Clusters[0].Words)
	more := &wordclust.Result{Ks: []int{2}, Words: []string{"قال", "شوماخر", "بوتين"},
		Counts: []int{1, 1, 1}, Clusters: [][]int32{{0, 1, 1}}}
	r.Clusters = append(r.Clusters, more)
	if got, want := r.clusterWords(), first+2; got != want {
		t.Errorf("clusterWords %d, want %d (قال is in both files)", got, want)
	}
}
