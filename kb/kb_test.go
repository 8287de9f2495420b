package kb

import (
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/marsad/marsad/arabic"
)

func TestLookupPlace(t *testing.T) {
	k := Default()
	tests := []struct {
		name, want string // want: the ref of the best candidate ("" for none)
	}{
		{"الموصل", "place:99072"},
		{"بالموصل", "place:99072"},        // proclitic split off
		{"وللرقة", "place:172955"},        // و + ل + الرقة, the article restored
		{"للبنان", "place:lb"},            // ل + لبنان
		{"سورية", "place:sy"},             // Syrian spelling
		{"سوريا", "place:sy"},             // and the usual one
		{"حلب", "place:170063"},           // the city before its province
		{"محافظة حلب", "place:sy-aleppo"}, // unless the text says province
		{"ريف حلب الشمالي", "place:sy-aleppo-countryside"},
		{"ريف حمص", "place:sy-homs-countryside"},
		{"عين العرب", "place:172256"},
		{"كوباني", "place:172256"},
		{"الإسكندرية", "place:361058"}, // Alexandria, Egypt, not Virginia
		{"الجزائر", "place:dz"},        // the country before the capital
		{"أبها", "place:110690"},       // a GeoNames town whose Arabic name is ours
		{"دير الزور", "place:170794"},
		{"Mosul", "place:99072"}, // English names too
		{"Palmyra", "place:163808"},
		{"مخيم الزعتري", "place:jo-zaatari"},
		{"قاعدة العند", "place:ye-anad"},
		{"الغوطة الشرقية", "place:sy-eastern-ghouta"},
		{"هذا ليس اسم مكان", ""},
	}
	for _, tt := range tests {
		cs := k.LookupPlace(tt.name)
		got := ""
		if len(cs) > 0 {
			got = cs[0].Place.Ref
		}
		if got != tt.want {
			t.Errorf("LookupPlace(%q) = %q, want %q (%d candidates)", tt.name, got, tt.want, len(cs))
		}
		for i := 1; i < len(cs); i++ {
			if cs[i].Score > cs[i-1].Score {
				t.Errorf("LookupPlace(%q): candidates not sorted by score", tt.name)
			}
		}
		for _, c := range cs {
			if len(c.Why) == 0 {
				t.Errorf("LookupPlace(%q): %s has no reasons", tt.name, c.Place.Ref)
			}
		}
	}
}

type want struct{ text, ref string }

func findPlaces(k *KB, text string) []PlaceMention {
	return k.FindPlaces(text, arabic.Tokenize(text))
}

func TestFindPlaces(t *testing.T) {
	k := Default()
	tests := []struct {
		text string
		want []want
	}{
		{"قتل خمسة في تفجير بالموصل شمال العراق.",
			[]want{{"بالموصل", "place:99072"}, {"العراق", "place:iq"}}},
		{"وصلت تعزيزات إلى الرقة وللرقة أهمية كبرى",
			[]want{{"الرقة", "place:172955"}, {"وللرقة", "place:172955"}}},
		{"اشتباكات في ريف حلب الشمالي قرب مارع",
			[]want{{"ريف حلب الشمالي", "place:sy-aleppo-countryside"}, {"مارع", "place:sy-marea"}}},
		// a countryside the knowledge base does not list is its province
		{"قصف على ريف القنيطرة وريف جسر الشغور",
			[]want{{"ريف القنيطرة", "place:sy-quneitra-countryside"}, {"وريف جسر الشغور", "place:sy-idlib"}}},
		// names inside actors' and organisations' names are not places
		{"قوات سوريا الديمقراطية تتقدم", nil},
		{"قالت شرطة منطقة الرياض إن صحيفة الرياض نشرت الخبر", nil},
		{"وأعرب عن تهانيه باسم حكومة المملكة العربية السعودية",
			[]want{{"المملكة العربية السعودية", "place:sa"}}},
		// adjectives are not places
		{"أكدت الحكومة السعودية أن قوات سورية دخلت", nil},
		{"قدمت دعما مالي للمتضررين في مالي", []want{{"مالي", "place:ml"}}},
		// a country's army or ruler, or a direction with a preposition, before
		// a name that ends like an adjective: the country
		{"قتل جنديان من جيش مالي في هجوم", []want{{"مالي", "place:ml"}}},
		{"صعد المسلحون حملتهم ضد قوات مالي", []want{{"مالي", "place:ml"}}},
		{"وقال رئيس سورية إن الحرب طويلة", []want{{"سورية", "place:sy"}}},
		{"قاد هجوما في العاصمة الشيشانية غروزني", []want{{"غروزني", "place:ru-grozny"}}},
		{"ضبطت الجمارك الشحنة عبر جسر الملك فهد", []want{{"جسر الملك فهد", "place:sa-king-fahd-causeway"}}},
		// a hamza inside the word that the place's name lacks: an axe, mud,
		// "and I" are not Fez, Hama and Wana; an initial one is spelt either way
		{"ضربه بفأس على رأسه في المزرعة", nil},
		{"يعود كل صيف إلى مسقط الرأس في الجنوب", nil},
		{"غاصت الأقدام في حمأة الطين", nil},
		{"قتل 50 مدنياً في غارات على مدينة المخأ بمحافظة تعز", []want{{"المخأ", "place:ye-mokha"}, {"تعز", "place:ye-taiz"}}},
		{"فاجأ اللاعب الجمهور بهدف", nil},
		// a listed word with a pronoun after it keeps its first letter:
		// بابها is "its door", not ب + أبها
		{"قام الرواد بفتح بابها والخروج منها", nil},
		// a word ending in ه is a name with ة misspelt only where the
		// place's country and a place near it are named
		{"وكان جده من أمه تاجرا معروفا", nil},
		// بليون is "billion", not ب + ليون (Lyon); كفر سوسة is in Damascus,
		// not Sousse; بوشر is "was started", not Bawshar
		{"بلغت القيمة 319 بليون دولار وقد بوشر بالعمل", nil},
		{"قصفت الطائرات حي كفر سوسة في دمشق", []want{{"كفر سوسة", "place:sy-kafr-sousa"}, {"دمشق", "place:170654"}}},
		// a sector of the economy is no Gaza Strip, though Gaza is named
		{"قصفت الطائرات قطاع غزة، وتضرر القطاع الخاص في القطاع", []want{{"قطاع غزة", "place:ps-gaza-strip"}, {"القطاع", "place:ps-gaza-strip"}}},
		{"وقد يهدد بعقوبة أخرى إذا كرر الخطأ", nil},
		{"وصل الحجاج إلى جده قادمين من مكة المكرمة", []want{{"جده", "place:105343"}, {"مكة المكرمة", "place:104515"}}},
		// but a name with the article takes no pronoun: الرقه is الرقة
		{"قطع التنظيم الإنترنت عن منازل الرقه وقصف بالفلوجه", []want{{"الرقه", "place:172955"}, {"بالفلوجه", "place:99454"}}},
		{"عقد الاجتماع بأبها أمس", []want{{"بأبها", "place:110690"}}},
		// the US states; a state named like a country or a capital only
		// after ولاية
		{"قتل مسلح خمسة جنود في تشاتانوغا بولاية تينيسي", []want{{"تشاتانوغا", "place:4612862"}, {"تينيسي", "place:us-tennessee"}}},
		{"زار الوزير جورجيا وأرمينيا ثم ولاية جورجيا الأمريكية", []want{{"جورجيا", "place:ge"}, {"وأرمينيا", "place:am"}, {"جورجيا", "place:us-georgia"}}},
		// no adjective follows أمام ("before"): تشيلي is Chile
		{"خسرت الأرجنتين أمام تشيلي في النهائي", []want{{"الأرجنتين", "place:ar"}, {"تشيلي", "place:cl"}}},
		// العلم and الفاو are front lines of Aden and Marib as well as Iraqi
		// towns (and the FAO)
		{"سيطرت المقاومة على منطقة العلم شرق عدن", []want{{"العلم", "place:ye-alam"}, {"عدن", "place:415189"}}},
		{"تقدمت المقاومة في منطقة الفاو جنوب غرب مأرب", []want{{"الفاو", "place:ye-faw"}, {"مأرب", "place:72968"}}},
		{"قال كبير الخبراء الاقتصاديين في الفاو إن المؤشر انخفض", nil},
		// a list after a plural trigger shares it (عمران and حجة are also a
		// given name and "an argument"); after a singular one it does not
		{"شنت الطائرات غارات على مواقع في محافظات مأرب وعمران وحجة", []want{{"مأرب", "place:72968"}, {"وعمران", "place:78428"}, {"وحجة", "place:75337"}}},
		{"قصف الطيران محافظة مأرب وعمران بن سعيد يتحدث", []want{{"مأرب", "place:ye-marib"}}},
		// a list's trigger supports its own names, not the same word elsewhere
		{"انتشر العلم في مدن مكة والمدينة والكوفة وكانت هذه المدينة مركزا", []want{{"مكة", "place:104515"}, {"والمدينة", "place:109223"}, {"والكوفة", "place:99135"}}},
		// towns of the 2015 news that GeoNames' list of towns lacks
		{"سقطت مقذوفات على محافظة بيش وأصيب مواطنان في القنفذة ومحافظة بارق", []want{{"بيش", "place:sa-baish"}, {"القنفذة", "place:sa-qunfudhah"}, {"بارق", "place:sa-bariq"}}},
		{"اشتبكت القوات التركية مع مسلحين في دوغوبيازيد قرب كارس", []want{{"دوغوبيازيد", "place:tr-dogubayazit"}, {"كارس", "place:743952"}}},
		{"قتل أكثر من مئة في تفجير انتحاري في بلدة خان بني سعد بمحافظة ديالى", []want{{"خان بني سعد", "place:iq-khan-bani-saad"}, {"ديالى", "place:iq-diyala"}}},
		// a town is feminine: a masculine nationality adjective after it
		// makes it a club, unless a masculine noun stands before the town
		// or the name is a region's
		{"انتقل اللاعب إلى روما الإيطالي ثم إلى ليفربول الإنجليزي", nil},
		{"وصل الفريق إلى ميلانو الإيطالية ثم إلى منتجع سوسة التونسي", []want{{"ميلانو", "place:3173435"}, {"سوسة", "place:2464915"}}},
		{"عادوا إلى منفذ جوازات الخفجي السعودي", []want{{"الخفجي", "place:109380"}}},
		// الجوف is Saudi, Yemeni and Libyan: the place near the document's
		// others, none without them (not the Libyan town); "the reserve" team
		// is no Redeyef
		{"عايد مدير صحة الجوف المرضى ثم سافر إلى الرياض", []want{{"الجوف", "place:sa-jawf"}, {"الرياض", "place:108410"}}},
		{"عايد مدير صحة الجوف الأطفال المنومين بمستشفى الولادة", nil},
		{"لعب فريق ميونيخ الرديف مباراة ودية", nil},
		// a common word is not cut for a one-word name: early, a crowd, a
		// door, "and broke" are not ب + Accra, Lviv, ب + Ibb, و + ك + Sirte;
		// a longer name after و still is
		{"استيقظ باكرا وحضر لفيف من الأهل ودخلوا من باب المسجد وكسرت الأبواب", nil},
		{"شملت الجولة العارضة وأحد المسارحة في جازان", []want{{"العارضة", "place:sa-aridah"}, {"وأحد المسارحة", "place:sa-ahad-al-masarihah"}, {"جازان", "place:105299"}}},
		// لغات is "languages", not ل + غات (Ghat)
		{"يتحدث الأطفال عدة لغات أوروبية", nil},
		{"سيطرت القوات على مدينة غات جنوب ليبيا", []want{{"غات", "place:ly-ghat-town"}, {"ليبيا", "place:ly"}}},
		// a tanween makes a noun or an adverb: "always", "doing", "a role"
		{"سيبقى الوطن دوماً في القلب وقد أحسنوا صنعاً ولعبوا دوراً", nil},
		{"قصف النظام مدينة دوما في ريف دمشق", []want{{"دوما", "place:170592"}, {"ريف دمشق", "place:sy-rif-dimashq"}}},
		{"لن ينالوا مآربهم ولن يحققوا مآرب أعداء الوطن في اليمن", []want{{"اليمن", "place:ye"}}},
		{"اشتدت المعارك في مأرب شرق صنعاء", []want{{"مأرب", "place:72968"}, {"صنعاء", "place:71137"}}},
		{"فقلت لها وأنا أضحك", nil},
		{"وصل الوفد إلى حماة ثم إلى أنقره", []want{{"حماة", "place:170017"}, {"أنقره", "place:323786"}}},
		// مدينة زنجبار is Zanzibar City, a weak name abroad; in Yemeni news it
		// is the word "town" and Zinjibar
		{"دخلت القوات مدينة زنجبار عاصمة محافظة أبين", []want{{"زنجبار", "place:69426"}, {"أبين", "place:ye-abyan"}}},
		// Lausanne, where the Iran talks met, is not ل + وزان (Ouezzane)
		{"توصلت إيران والقوى الكبرى في لوزان إلى اتفاق", []want{{"إيران", "place:ir"}, {"لوزان", "place:ch-lausanne"}}},
		// the front lines of Aden, Lahij and Taiz in 2015; "the fog" is a
		// place only with a word that says so, and the capital of fog is London
		{"قصف الحوثيون مديرية دار سعد شمال عدن", []want{{"دار سعد", "place:ye-dar-saad"}, {"عدن", "place:415189"}}},
		{"استهدف القصف منطقة الضباب غرب تعز", []want{{"الضباب", "place:ye-dhabab"}, {"تعز", "place:70225"}}},
		{"انقشع الضباب صباحا في تعز", []want{{"تعز", "place:70225"}}},
		{"سافر الفريق إلى عاصمة الضباب", []want{{"عاصمة الضباب", "place:2643743"}}},
		// a Dammam district that is also a woman's name
		{"فجر نفسه في مسجد بحي العنود بالدمام", []want{{"العنود", "place:sa-anoud"}, {"بالدمام", "place:110336"}}},
		{"وقالت العنود الزقدي إنها سعيدة في الدمام", []want{{"الدمام", "place:110336"}}},
		// تدمر is also "destroys": Palmyra needs Syria named or a trigger
		{"غارات التحالف تدمر مقدرات الانقلابيين", nil},
		{"سيطر التنظيم على مدينة تدمر الأثرية", []want{{"تدمر", "place:163808"}}},
		// pictures, his talk, in whom: no Tyre, Haditha or Yemen
		{"نشرت الصحف اللبنانية صور الحادث في بيروت", []want{{"بيروت", "place:276781"}}},
		{"قال رئيس الوزراء العراقي في حديثه من بغداد", []want{{"بغداد", "place:98182"}}},
		{"فكيف فيمن هم في الخارج من أبناء اليمن", []want{{"اليمن", "place:ye"}}},
		{"اقتحم الجيش العراقي قضاء حديثة", []want{{"حديثة", "place:96309"}}},
		{"هاجم مسلحون فندقا بوسط مالي", []want{{"مالي", "place:ml"}}},
		{"وقال رئيس بوروندي إن الانتخابات ستجري", []want{{"بوروندي", "place:bi"}}},
		{"قدمت الحكومة دعم مالي كبير للمزارعين", nil},
		// everyday words need a trigger
		{"نقل الخبر عن مصادر في المدينة", nil},
		{"وقع الانفجار في مدينة الخبر", []want{{"الخبر", "place:109323"}}},
		{"أكد وأن الوضع مستقر", nil},
		// a country's name is strong in every spelling (the hamza-less الاردن
		// had been marked weak, and keys spell both alike); a place is no
		// given name because a name list holds it with the article (النجف);
		// a great capital is no given name (باريس); cities of talks abroad
		// need no country named (جنيف); مشهد is also "a scene"
		{"وصل الوزير إلى الاردن أمس", []want{{"الاردن", "place:jo"}}},
		{"قتل خمسة في انفجار بالنجف", []want{{"بالنجف", "place:98860"}}},
		{"وصل السفير إلى باريس ثم إلى جنيف", []want{{"باريس", "place:2988507"}, {"جنيف", "place:2660646"}}},
		{"كان مشهد الدمار مؤلما في إيران", []want{{"إيران", "place:ir"}}},
		// كسرت is "broke", not "like Sirte"; الوجه القبلي is Upper Egypt;
		// زرقاء alone is "blue"; a country after ك is "like" it
		{"قالت إن القوات كسرت شوكة الإرهاب", nil},
		{"دعم دولا كسوريا والعراق", []want{{"كسوريا", "place:sy"}, {"والعراق", "place:iq"}}},
		{"شهدت محافظات الوجه القبلي احتجاجات", nil},
		{"رفرفت أعلام زرقاء فوق المبنى", nil},
		{"تصاعدت الهجمات على الضفة الشرقية للقناة", nil},
		{"اقتحم الجنود مخيما في الضفة الغربية", []want{{"الضفة الغربية", "place:ps-west-bank"}}},
		{"وصل الوفد إلى دولة كالعراق", []want{{"كالعراق", "place:iq"}}},
		// spellings the news uses (Suruç as سوروتش); Kurdistan alone is Iraq's
		// region where the text names Iraq
		{"فجر انتحاري نفسه في مدينة سوروتش", []want{{"سوروتش", "place:300075"}}},
		// a city of the wars' countries after the preposition ب is that city
		{"توفي شخصان داخل بئر بتبوك أمس", []want{{"بتبوك", "place:101628"}}},
		// Rabat as the news writes it, with the article, where Morocco is named;
		// الرباط alone is also "the bond"
		{"أعلنت السلطات في المغرب توقيف خلية في الرباط", []want{{"المغرب", "place:ma"}, {"الرباط", "place:2538475"}}},
		{"وأكد الخطيب فضل الرباط في سبيل الله", nil},
		{"قال مسؤول في العراق إن كردستان تستقبل النازحين", []want{{"العراق", "place:iq"}, {"كردستان", "place:iq-kurdistan"}}},
		{"تحدث الكتاب عن تاريخ كردستان", nil},
		// a place inside a description of a person is a place
		{"وصل المبعوث الأممي إلى اليمن أمس", []want{{"اليمن", "place:ye"}}},
		// a site's word before a definite everyday word makes it the
		// site's owner: "the city's port" is no support for Medina; before
		// a name it is (منفذ الطوال, the crossing at al-Tuwal)
		{"رست السفينة في ميناء المدينة ثم دخلت المدينة", nil},
		{"تقدمت القوات نحو مركز المدينة وحاصرت المدينة", nil},
		{"تصدت القوات لهجوم على منفذ الطوال", []want{{"الطوال", "place:sa-tuwal"}}},
		// an everyday word is not read with a proclitic cut off (كريمة is
		// not ك + ريمة), but a name is (وجدة: و + جدة)
		{"تعيش الأسر النازحة في اليمن حياة كريمة", []want{{"اليمن", "place:ye"}}},
		{"وصل الوفد إلى الرياض وجدة", []want{{"الرياض", "place:108410"}, {"وجدة", "place:105343"}}},
		// the document decides between namesakes
		{"اشتباكات في طرابلس وبنغازي ومصراتة الليبية",
			[]want{{"طرابلس", "place:2210247"}, {"وبنغازي", "place:88319"}, {"ومصراتة", "place:2214846"}}},
		{"اشتباكات في طرابلس شمال لبنان بين جبل محسن وباب التبانة",
			[]want{{"طرابلس", "place:266826"}, {"شمال لبنان", "place:lb-north"}, {"جبل محسن", "place:lb-jabal-mohsen"}, {"وباب التبانة", "place:lb-bab-al-tabbaneh"}}},
		{"زار الملك عبدالله الثاني عمان بعد عودته من إربد في الأردن",
			[]want{{"عمان", "place:250441"}, {"إربد", "place:248946"}, {"الأردن", "place:jo"}}},
		{"وصل الوزير إلى مسقط في سلطنة عمان", []want{{"مسقط", "place:287286"}, {"عمان", "place:om"}}},
		{"عاد إلى مسقط رأسه", nil},
		// places the 2015 news named that the gazetteer lacked; البياع ("the
		// seller") needs its country and a place near it
		{"انفجرت سيارة مفخخة في منطقة البياع غرب بغداد في العراق",
			[]want{{"البياع", "place:iq-bayaa"}, {"بغداد", "place:98182"}, {"العراق", "place:iq"}}},
		{"قال البياع إن السوق هادئة", nil},
		{"نقل المعتقل من غوانتانامو وقتل شرطيان في شانلي أورفا",
			[]want{{"غوانتانامو", "place:cu-guantanamo"}, {"شانلي أورفا", "place:298333"}}},
		{"أطلق مسلحون النار على دورية في بلدة الجش بمحافظة القطيف ووقع اتفاق مع أفريقيا الوسطى",
			[]want{{"الجش", "place:sa-al-jish"}, {"القطيف", "place:108927"}, {"أفريقيا الوسطى", "place:cf"}}},
		// Punjab is two provinces: only the one named with its country's
		// adjective is resolved
		{"هاجم مسلحون مركزا للشرطة في البنجاب قرب الحدود", nil},
		{"وقع الهجوم في البنجاب الهندية", []want{{"البنجاب الهندية", "place:in-punjab"}}},
		// إب is أب ("father") to the stop list: a place where a word says
		// so, here or at another mention
		{"سيطرت المقاومة على مديريات في إب بعد معارك في مدينة إب", []want{{"إب", "place:74477"}, {"إب", "place:74477"}}},
		{"سيطرت المقاومة على مديريات في إب", nil},
		{"سيطرت المقاومة على قرية حدنان في تعز وقصف الطيران منطقة مران في صعدة",
			[]want{{"حدنان", "place:ye-hadnan"}, {"تعز", "place:70225"}, {"مران", "place:ye-marran"}, {"صعدة", "place:71334"}}},
		{"أنهى اللاعبون مران اليوم", nil},
		// فان is Van after a word that says so, and a Dutch name's word
		{"قتل جندي في مدينة فان شرق تركيا", []want{{"فان", "place:298117"}, {"تركيا", "place:tr"}}},
		{"وقال المدرب لويس فان غال إن الفريق جاهز", nil},
		{"وكانت باردير معقل الشباب في الصومال قبل أن تسيطر عليها القوات في بنجلاديش", []want{{"باردير", "place:65170"}, {"الصومال", "place:so"}, {"بنجلاديش", "place:bd"}}},
		{"قتل شرطيان في جيلانبينار قرب الحدود السورية في تركيا", []want{{"جيلانبينار", "place:318668"}, {"تركيا", "place:tr"}}},
		// مروة is a woman's name and Maroua, with Cameroon named
		{"فجرت انتحاريتان نفسيهما في سوق مدينة مروة شمال الكاميرون", []want{{"مروة", "place:cm-maroua"}, {"الكاميرون", "place:cm"}}},
		{"وقالت مروة إن الامتحانات انتهت", nil},
		// جيب is an enclave's word before a place (and masculine: الإسباني
		// agrees with it), and also "jeep"
		{"في رحلة بين جيب مليلية الإسباني في المغرب وسبتة", []want{{"مليلية", "place:es-melilla"}, {"المغرب", "place:ma"}, {"وسبتة", "place:es-ceuta"}}},
		{"صادرت الشرطة سيارة جيب تويوتا", nil},
		{"قتلت قوات الأمن في قرغيزستان مسلحين وأعلنت الشرطة في نيودلهي", []want{{"قرغيزستان", "place:kg"}, {"نيودلهي", "place:1261481"}}},
		// "led by" names the leader; a command's name holds its place
		{"شنت طائرات التحالف بقيادة المملكة العربية السعودية وقوات تحت قيادة مصر غارات",
			[]want{{"المملكة العربية السعودية", "place:sa"}, {"مصر", "place:eg"}}},
		{"أعلنت قيادة عمليات بغداد مقتل مسلحين", nil},
		// a nisba after a place's name is its adjective, though the name
		// has no article: Indian Kashmir, not al-Hindiyah in Iraq
		{"قتل 26 سائحا في هجوم في كشمير الهندية", []want{{"كشمير", "place:kashmir"}}},
		{"وصلت التعزيزات إلى مدينة الهندية في محافظة كربلاء", []want{{"الهندية", "place:99344"}, {"كربلاء", "place:iq-karbala"}}},
		// a street, square or roundabout named after a place is not there
		{"قتل شخصان قرب دوار الأردن في مدينة غزة", []want{{"غزة", "place:281133"}}},
		// unless the roundabout is a place the knowledge base knows
		{"قتل شخصان قرب دوار الكويت في مدينة غزة", []want{{"دوار الكويت", "place:ps-kuwait-roundabout"}, {"غزة", "place:281133"}}},
		{"تظاهر المئات في شارع حيفا ببغداد وميدان لبنان", []want{{"ببغداد", "place:98182"}}},
		{"استهدف الحوثيون دورية في منطقة أبو دوار بمحافظة حجة", []want{{"حجة", "place:ye-hajjah"}}},
		{"أغلقت الشرطة ميدان الماسورة برفح في شمال سيناء",
			[]want{{"الماسورة", "place:eg-masoura"}, {"برفح", "place:eg-rafah"}, {"شمال سيناء", "place:eg-north-sinai"}}},
	}
	for _, tt := range tests {
		ms := findPlaces(k, tt.text)
		var got []want
		for _, m := range ms {
			got = append(got, want{m.Text, m.Place.Ref})
			if []rune(tt.text)[m.Start] != []rune(m.Text)[0] {
				t.Errorf("%q: span %d–%d does not start at %q", tt.text, m.Start, m.End, m.Text)
			}
		}
		if !equalWants(got, tt.want) {
			t.Errorf("FindPlaces(%q)\n got %v\nwant %v", tt.text, got, tt.want)
		}
	}
}

func equalWants(a, b []want) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestFindActors(t *testing.T) {
	k := Default()
	tests := []struct {
		text string
		want []want
	}{
		{"أعلن تنظيم داعش وتنظيم الدولة الإسلامية في العراق والشام مسؤوليته",
			[]want{{"تنظيم داعش", "actor:islamic-state"}, {"وتنظيم الدولة الإسلامية في العراق والشام", "actor:islamic-state"}}},
		{"تقدمت قسد وقوات سوريا الديمقراطية نحو الرقة",
			[]want{{"قسد", "actor:sy-sdf"}, {"وقوات سوريا الديمقراطية", "actor:sy-sdf"}}},
		{"قصف الحوثيون وأنصار الله مواقع", []want{{"الحوثيون", "actor:ye-houthis"}, {"وأنصار الله", "actor:ye-houthis"}}},
		{"تبنت ولاية سيناء الهجوم", []want{{"ولاية سيناء", "actor:is-sinai"}}},
		// the actors of the 2020s wars; a surname that is a word (النخالة,
		// "bran") or a dialect's verb (تبون, "you want") needs the actor's
		// country or strong name
		{"سيطر جيش أراكان على بلدة، واتهمت جبهة تحرير شعب تيغراي ميليشيا فانو بالهجوم",
			[]want{{"جيش أراكان", "actor:mm-arakan-army"}, {"جبهة تحرير شعب تيغراي", "actor:et-tplf"}, {"ميليشيا فانو", "actor:et-fano"}}},
		{"قال أبو عبيدة الناطق باسم كتائب القسام إن المقاتلين صدوا الهجوم",
			[]want{{"أبو عبيدة", "actor:ps-abu-obaida"}, {"كتائب القسام", "actor:qassam-brigades"}}},
		{"أعلنت المقاومة الإسلامية في العراق وجيش تحرير بلوشستان مسؤوليتهما",
			[]want{{"المقاومة الإسلامية في العراق", "actor:iq-islamic-resistance"}, {"وجيش تحرير بلوشستان", "actor:pk-bla"}}},
		{"قال أنطونيو غوتيريش إن محكمة العدل الدولية أصدرت قرارها",
			[]want{{"أنطونيو غوتيريش", "actor:un-guterres"}, {"محكمة العدل الدولية", "actor:icj"}}},
		{"اشتبكت قوات المجلس الانتقالي الجنوبي مع ألوية العمالقة، وتبنى تنظيم حراس الدين هجوما",
			[]want{{"قوات المجلس الانتقالي الجنوبي", "actor:ye-stc"}, {"ألوية العمالقة", "actor:ye-giants-brigades"}, {"تنظيم حراس الدين", "actor:sy-hurras-al-din"}}},
		{"قاتل لواء آزوف قوات أحمد الشيشانية، وهاجم جيش إنقاذ روهينغا أراكان مواقع",
			[]want{{"لواء آزوف", "actor:ua-azov"}, {"قوات أحمد الشيشانية", "actor:ru-akhmat"}, {"جيش إنقاذ روهينغا أراكان", "actor:mm-arsa"}}},
		{"هاجمت الجماعة مواقع للجيش البنيني والجيش التوغولي، وقاتل الجيش الموزمبيقي في كابو ديلغادو",
			[]want{{"للجيش البنيني", "actor:bj-army"}, {"والجيش التوغولي", "actor:tg-army"}, {"الجيش الموزمبيقي", "actor:mz-army"}}},
		// leaders and bodies of current news; a name other men bear (حسين
		// الشيخ, a footballer too) or a phrase (بسيف العدل, "with the
		// sword of justice") needs the actor's country or a strong name
		{"قال رئيس الوزراء الهندي ناريندرا مودي إن الرئيس الصيني شي جين بينغ التقى كيم جونغ أون",
			[]want{{"ناريندرا مودي", "actor:in-modi"}, {"شي جين بينغ", "actor:cn-xi"}, {"كيم جونغ أون", "actor:kp-kim"}}},
		{"دعت جورجيا ميلوني وكير ستارمر إلى هدنة، وقال مين أونغ هلاينغ إن أونغ سان سو تشي ستحاكم",
			[]want{{"جورجيا ميلوني", "actor:it-meloni"}, {"وكير ستارمر", "actor:gb-starmer"}, {"مين أونغ هلاينغ", "actor:mm-min-aung-hlaing"}, {"أونغ سان سو تشي", "actor:mm-suu-kyi"}}},
		{"أعلن التيار الصدري وحزب الدعوة مقاطعة الانتخابات، ووزعت جمعية الهلال الأحمر الفلسطيني ومؤسسة غزة الإنسانية المساعدات",
			[]want{{"التيار الصدري", "actor:iq-sadrist-movement"}, {"وحزب الدعوة", "actor:iq-dawa"}, {"جمعية الهلال الأحمر الفلسطيني", "actor:ps-red-crescent"}, {"ومؤسسة غزة الإنسانية", "actor:ghf"}}},
		{"قال حسين الشيخ نائب رئيس السلطة الفلسطينية إن زعيم تنظيم القاعدة سيف العدل لم يظهر",
			[]want{{"حسين الشيخ", "actor:ps-hussein-sheikh"}, {"السلطة الفلسطينية", "actor:ps-authority"}, {"تنظيم القاعدة", "actor:al-qaeda"}, {"سيف العدل", "actor:aq-saif-al-adel"}}},
		{"سجل اللاعب حسين الشيخ هدفين، فاضرب بسيف العدل", nil},
		{"قالت وكالة الأنباء العراقية (واع) وشبكة رووداو وهيئة البث الإسرائيلية إن الانفجار وقع",
			[]want{{"وكالة الأنباء العراقية", "actor:iq-ina"}, {"واع", "actor:iq-ina"}, {"رووداو", "actor:rudaw"}, {"وهيئة البث الإسرائيلية", "actor:il-kan"}}},
		{"قالت قيادة العمليات المشتركة العراقية إن الضربة قتلت خمسة، وقال أحمد المسماري إن الجيش الوطني الليبي ضبط شاحنتين",
			[]want{{"قيادة العمليات المشتركة العراقية", "actor:iq-joc"}, {"أحمد المسماري", "actor:ly-mismari"}, {"الجيش الوطني الليبي", "actor:ly-lna"}}},
		// حكومة الإقليم is Kurdistan's only where Iraq or the KRG is named
		{"قال المتحدث باسم حكومة الإقليم في بيشاور إن الهجوم فشل", nil},
		// عبد joined to the next word or apart, either way round; but a
		// title and a name stay the mentions the text's spelling makes
		{"استقبل خادم الحرمين الشريفين الملك سلمان بن عبد العزيز الوفد",
			[]want{{"خادم الحرمين الشريفين", "actor:sa-king-salman"}, {"الملك سلمان بن عبد العزيز", "actor:sa-king-salman"}}},
		// عبد joined to the next word or apart, either way round
		{"قال عبدالفتاح البرهان إن بدر عبدالعاطي نقل رسالة من عبد الله الثاني",
			[]want{{"عبدالفتاح البرهان", "actor:sd-burhan"}, {"بدر عبدالعاطي", "actor:eg-abdelatty"}, {"عبد الله الثاني", "actor:jo-king-abdullah"}}},
		{"قال محمد عبدالسلام المتحدث باسم جماعة الحوثي إن محمد علي الحوثي التقى علي لاريجاني",
			[]want{{"محمد عبدالسلام", "actor:ye-mohammed-abdulsalam"}, {"جماعة الحوثي", "actor:ye-houthis"}, {"محمد علي الحوثي", "actor:ye-mohammed-ali-houthi"}, {"علي لاريجاني", "actor:ir-larijani"}}},
		{"فاز محمد عبد السلام بجائزة الشعر", nil},
		{"رحب دولت بهتشلي زعيم حزب الحركة القومية بحل حزب العمال الكردستاني",
			[]want{{"دولت بهتشلي", "actor:tr-bahceli"}, {"حزب الحركة القومية", "actor:tr-mhp"}, {"حزب العمال الكردستاني", "actor:pkk"}}},
		// leaders, commanders and spokesmen of current reports
		{"وقال قيس الخزعلي إن أبو فدك المحمداوي التقى فرهاد شامي في بغداد",
			[]want{{"قيس الخزعلي", "actor:iq-khazali"}, {"أبو فدك المحمداوي", "actor:iq-abu-fadak"}, {"فرهاد شامي", "actor:sy-farhad-shami"}}},
		{"والتقى جدعون ساعر مورغان أورتاغوس وغير بيدرسن وهانس غروندبرغ",
			[]want{{"جدعون ساعر", "actor:il-saar"}, {"مورغان أورتاغوس", "actor:us-ortagus"}, {"وغير بيدرسن", "actor:un-pedersen"}, {"وهانس غروندبرغ", "actor:un-grundberg"}}},
		{"قال الناطق باسم الدفاع المدني في غزة محمود بصل إن الشبكة السورية لحقوق الإنسان وثقت القصف",
			[]want{{"الدفاع المدني في غزة", "actor:ps-civil-defence"}, {"محمود بصل", "actor:ps-basal"}, {"الشبكة السورية لحقوق الإنسان", "actor:sy-snhr"}}},
		// in Yemen's news of 2015 the popular resistance committees are
		// Yemen's, not the Palestinian PRC
		{"قاتلت لجان المقاومة الشعبية الحوثيين في عدن",
			[]want{{"المقاومة الشعبية", "actor:ye-popular-resistance"}, {"الحوثيين", "actor:ye-houthis"}}},
		{"ورحب هبة الله آخوند زاده وأمير خان متقي بالاتفاق",
			[]want{{"هبة الله آخوند زاده", "actor:af-akhundzada"}, {"وأمير خان متقي", "actor:af-muttaqi"}}},
		// a common name is the actor's where its country's adjective comes
		// right before it (the office and its holder), not another country's
		{"وقال رئيس الوزراء الفلسطيني محمد مصطفى إن الحكومة مستعدة",
			[]want{{"محمد مصطفى", "actor:ps-mohammad-mustafa"}}},
		{"وقال اللاعب المصري محمد مصطفى إن الفريق مستعد", nil},
		// a weak alias supported by its country's adjective anywhere in the text
		{"قتل عشرة من قوات الأمن العام في كمين، وقالت وزارة الداخلية السورية إنها تلاحق المهاجمين",
			[]want{{"قوات الأمن العام", "actor:sy-general-security"}}},
		{"قتل عشرة من قوات الأمن العام في كمين، وقالت الوزارة إنها تلاحق المهاجمين", nil},
		// ISWAP by the name of the state it claims
		{"قتل مسلحو تنظيم الدولة في غرب أفريقيا 20 صيادا", []want{{"تنظيم الدولة في غرب أفريقيا", "actor:is-west-africa"}}},
		// Hezbollah's name for its fighters, AFRICOM, Egypt's army spokesman
		{"أعلنت المقاومة الإسلامية في لبنان استهداف موقع للجيش", []want{{"المقاومة الإسلامية في لبنان", "actor:hezbollah"}}},
		{"وفق بيان للقيادة الأمريكية في أفريقيا أفريكوم", []want{{"للقيادة الأمريكية في أفريقيا", "actor:us-africom"}, {"أفريكوم", "actor:us-africom"}}},
		{"قال العقيد غريب عبد الحافظ إن القوات قتلت سبعة", []want{{"العقيد غريب عبد الحافظ", "actor:eg-gharib-abdel-hafez"}}},
		{"قال المتحدث باسم وزارة الخارجيه المصريه تميم خلاف ان مصر تدين الهجوم", []want{{"تميم خلاف", "actor:eg-tamim-khallaf"}}},
		// "the banner of monotheism", not Aleppo's Liwa al-Tawhid, unless Syria is named
		{"ستبقى المملكة حاملة لواء التوحيد مستعينة بالله", nil},
		{"قاتل لواء التوحيد تنظيم داعش في ريف حلب بسوريا", []want{{"لواء التوحيد", "actor:sy-liwa-al-tawhid"}, {"تنظيم داعش", "actor:islamic-state"}}},
		{"وقال نائب رئيس مجلس السيادة السوداني مالك عقار إن الجيش تقدم",
			[]want{{"مالك عقار", "actor:sd-agar"}}},
		{"وضع مالك عقار في جدة شروطا للبيع", nil},
		// a branch named by its mother group and its province is the branch
		{"تبنى تنظيم داعش في غرب أفريقيا الهجوم، كما تبنى تنظيم داعش خراسان هجوما على قاعة للحفلات",
			[]want{{"تنظيم داعش في غرب أفريقيا", "actor:is-west-africa"}, {"تنظيم داعش خراسان", "actor:is-khorasan"}}},
		{"أضف كوبا من النخالة إلى الكعكة", nil},
		{"وين تبون السهرة الليلة", nil},
		// public figures of the 2015 news
		{"بدأت محاكمة الرئيس التشادي السابق حسين حبري وقال وزير الدفاع الفرنسي جان إيف لودريان",
			[]want{{"حسين حبري", "actor:td-habre"}, {"جان إيف لودريان", "actor:fr-le-drian"}}},
		{"وقال نائب الرئيس خالد محفوظ بحاح إن نظام صدام حسين سقط قبل سنوات",
			[]want{{"خالد محفوظ بحاح", "actor:ye-bahah"}, {"صدام حسين", "actor:iq-saddam"}}},
		{"ونقلت وكالة سبوتنيك أن رئيس بوروندي بيير نكورونزيزا فاز",
			[]want{{"وكالة سبوتنيك", "actor:ru-sputnik"}, {"بيير نكورونزيزا", "actor:bi-nkurunziza"}}},
		{"واتصل الملك حمد بن عيسى آل خليفة بالشيخ تميم بن حمد آل ثاني وبالعاهل المغربي محمد السادس",
			[]want{{"الملك حمد بن عيسى آل خليفة", "actor:bh-king-hamad"}, {"بالشيخ تميم بن حمد آل ثاني", "actor:qa-emir-tamim"},
				{"وبالعاهل المغربي", "actor:ma-king-mohammed-vi"}, {"محمد السادس", "actor:ma-king-mohammed-vi"}}},
		{"والتقى وزير الخارجية لوران فابيوس سمير جعجع ثم فيديريكا موغيريني",
			[]want{{"لوران فابيوس", "actor:fr-fabius"}, {"سمير جعجع", "actor:lb-geagea"}, {"فيديريكا موغيريني", "actor:eu-mogherini"}}},
		{"وقالت المنظمة الدولية للهجرة إن منظمة الطاقة الذرية في إيران لا علاقة لها",
			[]want{{"المنظمة الدولية للهجرة", "actor:iom"}, {"منظمة الطاقة الذرية في إيران", "actor:ir-aeoi"}}},
		{"والتقى فرانك فالتر شتاينماير عبد اللطيف الزياني وأنور قرقاش بعد أن تبنى ذبيح الله مجاهد الهجوم",
			[]want{{"فرانك فالتر شتاينماير", "actor:de-steinmeier"}, {"عبد اللطيف الزياني", "actor:gcc-zayani"},
				{"وأنور قرقاش", "actor:ae-gargash"}, {"ذبيح الله مجاهد", "actor:af-zabihullah-mujahid"}}},
		{"وقالت حركة فارك إن المفاوضات مستمرة، وقصف الجيش التركي مواقع بي كي كي، وعقدت الإيقاد قمة",
			[]want{{"حركة فارك", "actor:co-farc"}, {"الجيش التركي", "actor:tr-army"}, {"بي كي كي", "actor:pkk"}, {"الإيقاد", "actor:igad"}}},
		{"قضت محكمة بإعدام سيف الإسلام القذافي نجل معمر القذافي، وقال مولود جاويش أوغلو ومجدي عبد الغفار إن",
			[]want{{"سيف الإسلام القذافي", "actor:ly-saif-al-islam"}, {"معمر القذافي", "actor:ly-muammar-gaddafi"},
				{"مولود جاويش أوغلو", "actor:tr-cavusoglu"}, {"ومجدي عبد الغفار", "actor:eg-abdel-ghaffar"}}},
		// a nationality adjective of another country after an actor's name
		// makes it that country's namesake; of its own, it stays
		{"وصلت أعداد من الجيش الوطني الإماراتي إلى عدن في اليمن", nil},
		{"وفاز فريق حرس الحدود المصري على الوحدة في الرياض بالسعودية", nil},
		{"قاتل حزب الله اللبناني في القلمون", []want{{"حزب الله اللبناني", "actor:hezbollah"}}},
		{"أعلنت حركة طالبان الباكستانية مسؤوليتها", []want{{"حركة طالبان الباكستانية", "actor:ttp"}}},
		// a weak name listed with another armed group's is the group; not a
		// base's, nor a group of another country
		{"لن تعود الهدنة بالفائدة إلا على داعش والقاعدة", []want{{"داعش", "actor:islamic-state"}, {"والقاعدة", "actor:al-qaeda"}}},
		{"سيطرت المقاومة على مواقع الحوثيين والقاعدة الجوية", []want{{"الحوثيين", "actor:ye-houthis"}}},
		{"قاتلت قوات حزب الله والحرس الجمهوري في ريف دمشق", []want{{"حزب الله", "actor:hezbollah"}}},
		{"وقال ذبيح الله مجاهد المتحدث باسم طالبان إن", []want{{"ذبيح الله مجاهد", "actor:af-zabihullah-mujahid"}, {"طالبان", "actor:taliban"}}},
		{"والتقى الشيخ عبدالله بن زايد آل نهيان الأمير فيصل بن خالد", []want{{"عبدالله بن زايد آل نهيان", "actor:ae-abdullah-bin-zayed"}, {"فيصل بن خالد", "actor:sa-faisal-bin-khalid"}}},
		{"وأعلنت منظمة الأمن والتعاون في أوروبا أن المراقبين غادروا", []want{{"منظمة الأمن والتعاون في أوروبا", "actor:osce"}}},
		// the newspaper is quoted or named as one; the region is not it
		{"وقال المتحدث لـ«الشرق الأوسط» إن الأمن في الشرق الأوسط مهدد", []want{{"الشرق الأوسط", "actor:asharq-al-awsat"}}},
		// a descriptive alias does not cross a place's name
		{"أصدر الشيخ خليفة بن زايد آل نهيان رئيس دولة الإمارات العربية المتحدة مرسوما",
			[]want{{"الشيخ خليفة بن زايد آل نهيان", "actor:ae-khalifa-bin-zayed"}}},
		// أبو سياف is also a kunya (an IS commander killed in Syria in 2015):
		// the Philippine group needs the Philippines or its own name
		{"قتل القيادي في التنظيم أبو سياف في دير الزور", nil},
		{"هاجمت جماعة أبو سياف جزيرة في الفلبين وقال أبو سياف إنه سيقاتل", []want{{"جماعة أبو سياف", "actor:abu-sayyaf"}, {"أبو سياف", "actor:abu-sayyaf"}}},
		// a quoted weak alias is the name, but not after a place's word
		{"قالت منظمة الأغذية والزراعة (الفاو) إن الأسعار انخفضت", []want{{"منظمة الأغذية والزراعة", "actor:fao"}, {"الفاو", "actor:fao"}}},
		{"سيطرت المقاومة في مأرب على منطقة «الفاو» بعد مواجهات", nil},
		// news agencies named by acronyms in letter names, one word each
		{"ونقلت وكالة د.ب.أ وشبكة إن.بي.سي عن مصدر أمني (أ.ف.ب)",
			[]want{{"د.ب.أ", "actor:dpa"}, {"إن.بي.سي", "actor:nbc"}, {"أ.ف.ب", "actor:afp"}}},
		// two ruling parties share a name: the country named tells them apart
		{"فشل حزب العدالة والتنمية في الفوز بالأغلبية في تركيا",
			[]want{{"حزب العدالة والتنمية", "actor:tr-akp"}}},
		{"قاد حزب العدالة والتنمية الحكومة في المغرب",
			[]want{{"حزب العدالة والتنمية", "actor:ma-pjd"}}},
		{"قصفت الطائرات مواقع حزب العمال الكردستاني (بي كيه كيه) وقتل جندي من المارينز",
			[]want{{"حزب العمال الكردستاني", "actor:pkk"}, {"بي كيه كيه", "actor:pkk"}, {"المارينز", "actor:us-armed-forces"}}},
		// a name is not the adjective after it (الإرهابي, "the terrorist")
		{"أعلن تنظيم داعش الإرهابي مسؤوليته", []want{{"تنظيم داعش", "actor:islamic-state"}}},
		// a weak alias needs the actor named strongly, or its country
		{"خرج الشباب في مسيرة رياضية", nil},
		{"هاجمت حركة الشباب المجاهدين قاعدة وقال الشباب إنهم سيطروا عليها",
			[]want{{"حركة الشباب المجاهدين", "actor:al-shabaab"}, {"الشباب", "actor:al-shabaab"}}},
		// naming Somalia is not enough: "the youth" (الشباب) in an article on the Horn of Africa
		{"هاجم مسلحون من الشباب بلدة في الصومال", nil},
		{"تستقطب الجماعات الشباب في الصومال وكينيا", nil},
		{"يسعى تنظيم القاعدة إلى استقطاب الشباب", []want{{"تنظيم القاعدة", "actor:al-qaeda"}}},
		{"قالت وكالة أعماق التابعة للتنظيم", []want{{"وكالة أعماق", "actor:is-amaq"}}},
		// a weak alias in quotation marks is the name, for an actor of no
		// one country; bare it needs more
		{"تبنى تنظيم «القاعدة» الهجوم", []want{{"القاعدة", "actor:al-qaeda"}}},
		{"وضعت القاعدة الأساسية للمشروع", nil},
		// الحر is "free" (and "heat"): the FSA only where the document names it
		{"فشلت تجربة الاقتصاد الحر في سوريا", nil},
		{"تقدم مقاتلو الجيش الحر في درعا وسيطر الحر على البلدة", []want{{"الجيش الحر", "actor:sy-fsa"}, {"الحر", "actor:sy-fsa"}}},
		{"يطالب التيار الوطني الحر بانتخاب رئيس للبنان", []want{{"التيار الوطني الحر", "actor:lb-fpm"}}},
		// أرنا is "show us"; IRNA's short name counts where the agency is named
		{"أطلعه المغرب فأرنا مثله", nil},
		{"ذكرت وكالة الأنباء الإيرانية أن الوزير وصل. وقالت إرنا إن", []want{{"وكالة الأنباء الإيرانية", "actor:ir-irna"}, {"إرنا", "actor:ir-irna"}}},
		// an everyday word (الهيئة, "the commission") needs the actor named
		// strongly: the country named is not enough
		{"أفادت الهيئة العامة للثورة باشتباكات في ريف دمشق بسوريا", nil},
		{"سيطرت هيئة تحرير الشام على البلدة وقالت الهيئة إنها أسرت جنودا",
			[]want{{"هيئة تحرير الشام", "actor:sy-hts"}, {"الهيئة", "actor:sy-hts"}}},
		// names of later wars, as current reporting writes them
		{"اشتبك الجيش السوداني مع الدعم السريع واتهم حميدتي البرهان بالقصف",
			[]want{{"الجيش السوداني", "actor:sd-army"}, {"الدعم السريع", "actor:sd-rsf"}, {"حميدتي", "actor:sd-hemedti"}, {"البرهان", "actor:sd-burhan"}}},
		{"تبنت جماعة نصرة الإسلام والمسلمين الهجوم", []want{{"جماعة نصرة الإسلام والمسلمين", "actor:jnim"}}},
		// an organisation's alias that names another after ل is a
		// description: the names in it count, its own name at its head
		// included; a name that holds another's without ل is a name
		{"دعا مجلس الأمن التابع للأمم المتحدة إلى وقف القتال",
			[]want{{"مجلس الأمن", "actor:unsc"}, {"للأمم المتحدة", "actor:un"}}},
		{"قالت كتائب عز الدين القسام الجناح العسكري لحركة حماس إنها قصفت مواقع",
			[]want{{"كتائب عز الدين القسام", "actor:qassam-brigades"}, {"لحركة حماس", "actor:hamas"}}},
		{"وهاجمت كتائب حزب الله قاعدة أمريكية", []want{{"كتائب حزب الله", "actor:iq-kataib-hezbollah"}}},
		// a member noun before the group's name is not part of the name
		{"اشتبك مسلحي الحوثي مع الجيش", []want{{"الحوثي", "actor:ye-houthis"}}},
		// Libya after 2016; the Libyan army's full name is not the Yemeni
		// army's alias قوات الجيش الوطني followed by an adjective
		{"اشتبكت قوات الجيش الوطني الليبي مع قوات حكومة الوفاق وجهاز الردع",
			[]want{{"قوات الجيش الوطني الليبي", "actor:ly-lna"}, {"قوات حكومة الوفاق", "actor:ly-gna"}, {"وجهاز الردع", "actor:ly-radaa"}}},
		{"قال الرئيس السوري أحمد الشرع إن هيئة تحرير الشام حلت",
			[]want{{"الرئيس السوري أحمد الشرع", "actor:jolani"}, {"هيئة تحرير الشام", "actor:sy-hts"}}},
		// a description of a person that holds another name gives way to
		// the names in it; a person's own name does not, whatever its words
		// name (الحوثي is also the movement)
		{"ظهر زعيم داعش في تسجيل جديد", []want{{"داعش", "actor:islamic-state"}}},
		{"وقال الأمين العام لحزب الله إن المعركة طويلة", []want{{"لحزب الله", "actor:hezbollah"}}},
		{"وقال قائد الجيش السوداني عبد الفتاح البرهان إن الحرب ستنتهي",
			[]want{{"الجيش السوداني", "actor:sd-army"}, {"عبد الفتاح البرهان", "actor:sd-burhan"}}},
		{"ألقى عبدالملك الحوثي خطابا", []want{{"عبدالملك الحوثي", "actor:ye-abdulmalik-houthi"}}},
		{"التقى الرئيس السوري بشار الأسد الوفد", []want{{"الرئيس السوري بشار الأسد", "actor:sy-assad"}}},
		// البرهان is also a word ("the proof"): alone it needs the actor's country
		{"قدم المحامي البرهان على براءة موكله", nil},
	}
	for _, tt := range tests {
		var got []want
		for _, m := range k.FindActors(tt.text, arabic.Tokenize(tt.text)) {
			got = append(got, want{m.Text, m.Actor.Ref})
		}
		if !equalWants(got, tt.want) {
			t.Errorf("FindActors(%q)\n got %v\nwant %v", tt.text, got, tt.want)
		}
	}
}

func TestCatalogue(t *testing.T) {
	k := Default()
	if n := len(k.Actors()); n < 300 {
		t.Errorf("%d actors, want at least 300", n)
	}
	kinds := map[string]int{}
	for _, a := range k.Actors() {
		kinds[a.Kind]++
		if a.Parent != "" && k.Actor(a.Parent) == nil {
			t.Errorf("%s: parent %s missing", a.Ref, a.Parent)
		}
	}
	for _, kind := range []string{"state_forces", "rebel_group", "government", "international_org", "person", "media"} {
		if kinds[kind] == 0 {
			t.Errorf("no actor of kind %s", kind)
		}
	}
	is := k.Actor("islamic-state")
	if is == nil || is.Wikidata != "Q2429253" || is.Kind != "rebel_group" {
		t.Errorf("islamic-state: %+v", is)
	}
	if a := k.Actor("is-sinai"); a == nil || a.Parent != "actor:islamic-state" {
		t.Errorf("is-sinai should be a branch of islamic-state: %+v", a)
	}
}

func TestHierarchy(t *testing.T) {
	k := Default()
	mosul := k.Place("99072")
	if mosul.Admin1Ref != "place:iq-nineveh" || mosul.Admin1 != "Nineveh Governorate" {
		t.Errorf("Mosul: admin1 %q %q", mosul.Admin1Ref, mosul.Admin1)
	}
	anc := k.Ancestors("place:99072")
	if len(anc) != 2 || anc[0].Ref != "place:iq-nineveh" || anc[1].Ref != "place:iq" {
		t.Errorf("Ancestors(Mosul) = %v", refs(anc))
	}
	if !k.Within("99072", "iq") || !k.Within("99072", "iq-nineveh") || k.Within("99072", "sy") {
		t.Error("Within is wrong for Mosul")
	}
	if !k.Within("sy-tal-abyad", "sy-raqqa") {
		t.Error("Tal Abyad should lie in Raqqa Governorate")
	}
	if k.Country("sy").NameEn != "Syria" || len(k.Neighbours("SY")) == 0 {
		t.Error("Syria's country record is incomplete")
	}
}

func refs(ps []*Place) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.Ref)
	}
	return out
}

func TestFeatures(t *testing.T) {
	k := Default()
	if !k.IsFirstName("أحمد") || !k.IsFirstName("احمد") {
		t.Error("أحمد should be a first name in any spelling")
	}
	if place, _ := k.NameKind("الموصل"); place != KindCity {
		t.Errorf("NameKind(الموصل) place = %q", place)
	}
	if _, actor := k.NameKind("داعش"); actor != "rebel_group" {
		t.Errorf("NameKind(داعش) actor = %q", actor)
	}
	if place, _ := k.NameKind("الخبر"); place != "" {
		t.Errorf("NameKind(الخبر) = %q: an everyday word should not count", place)
	}
	names := k.Names()
	found := 0
	for _, n := range names {
		if n == "الموصل" || n == "داعش" {
			found++
		}
	}
	if found != 2 {
		t.Error("Names() misses الموصل or داعش")
	}
}

// FuzzLoad feeds arbitrary bytes to the loaders as a user's file: they must
// report problems, never panic.
func FuzzLoad(f *testing.F) {
	f.Add([]byte(placeHeader+"x\tبلدة\t\tTown\t\ttown\tSY\t\t\t35\t36\t\n"), uint8(0))
	f.Add([]byte(actorHeader+"x\tجماعة\t~ب|ج\tGroup\t\trebel_group\tSY\tislamic-state\tQ1\n"), uint8(1))
	f.Add([]byte("geonameid\tname_ar\tname_en\tcountry\tlat\tlon\n1\tا\tA\tSY\t1\t2\n"), uint8(2))
	f.Add([]byte("!كلمة\nكلمة\n\t\n"), uint8(3))
	f.Add([]byte("\ufeff#\n\xff\n"), uint8(0))
	// a tiny base, so that each run is fast
	base := fstest.MapFS{
		"countries.tsv":      {Data: []byte("iso2\tname_ar\taliases_ar\nSY\tسوريا\tسورية\n")},
		"countries-odbl.tsv": {Data: []byte("iso2\tname_en\tlat\tlon\nSY\tSyria\t35\t38\n")},
		"actors.tsv":         {Data: []byte(actorHeader + "islamic-state\tداعش\t\tIslamic State\t\trebel_group\t\t\t\n")},
	}
	names := []string{"places-x.tsv", "actors-x.tsv", "geonames-x.tsv", "weak-names-x.txt", "countries.tsv"}
	f.Fuzz(func(t *testing.T, data []byte, which uint8) {
		over := fstest.MapFS{names[int(which)%len(names)]: &fstest.MapFile{Data: data}}
		k, err := loadFS(base, over, "fuzz")
		if err == nil && k == nil {
			t.Fatal("nil KB without an error")
		}
	})
}

func TestMain(m *testing.M) {
	os.Exit(m.Run())
}

// TestArticle runs the whole matcher on a sample article written for the
// tests and checks the places a reader would expect.
func TestArticle(t *testing.T) {
	b, err := os.ReadFile("testdata/article.txt")
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	k := Default()
	ps, as, _ := k.Find(text, arabic.Tokenize(text))
	got := map[string]bool{}
	for _, m := range ps {
		got[m.Place.Ref] = true
	}
	for _, ref := range []string{"place:sa-jazan", "place:sa-khubah", "place:71334", "place:ye-saada", "place:ye-anad",
		"place:78754", "place:172059", "place:sy-rif-dimashq", "place:sy-sahl-al-ghab", "place:sy-hama-countryside",
		"place:sy-aleppo-countryside", "place:sy-tal-abyad", "place:97783", "place:98717", "place:iq-anbar",
		"place:iq-tal-afar", "place:eg-sheikh-zuweid", "place:eg-north-sinai", "place:eg-rafah-crossing", "place:88319",
		"place:ye-nuqum", "place:69426", "place:ye-abyan"} {
		if !got[ref] {
			p := k.Place(ref)
			name := ""
			if p != nil {
				name = p.Name
			}
			t.Errorf("article: %s (%s) not found", ref, name)
		}
	}
	actors := map[string]bool{}
	for _, m := range as {
		actors[m.Actor.Ref] = true
	}
	for _, ref := range []string{"actor:saudi-led-coalition", "actor:ye-houthis", "actor:ye-saleh-forces", "actor:sa-asiri",
		"actor:aqap", "actor:islamic-state", "actor:sy-sohr", "actor:sy-army", "actor:hezbollah", "actor:sy-jaysh-al-fatah",
		"actor:sy-ypg", "actor:iq-pmf", "actor:us-led-coalition", "actor:is-sinai", "actor:eg-army"} {
		if !actors[ref] {
			t.Errorf("article: %s not found", ref)
		}
	}
	for _, m := range ps {
		if strings.TrimSpace(m.Text) == "" || m.Place == nil {
			t.Errorf("bad mention %+v", m)
		}
	}
}

func TestHamzaAlef(t *testing.T) {
	for _, tt := range []struct {
		s    string
		want bool
	}{{"بأبها", true}, {"إب", true}, {"آمرلي", true}, {"بابها", false}, {"ؤئء", false}, {"", false}, {"abc", false}} {
		if got := hamzaAlef(tt.s); got != tt.want {
			t.Errorf("hamzaAlef(%q) = %v, want %v", tt.s, got, tt.want)
		}
	}
}

func TestAbdVariant(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"عبد الفتاح البرهان", "عبدالفتاح البرهان"},
		{"بدر عبدالعاطي", "بدر عبد العاطي"},
		{"علي عبد الله صالح", "علي عبدالله صالح"},
		{"عبد", ""},
		{"عبدة", ""},
		{"محمد بن سلمان", ""},
	} {
		if got := abdVariant(c.in); got != c.want {
			t.Errorf("abdVariant(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
