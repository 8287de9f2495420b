// The mock's corpus: a few articles written by hand for the UI tests, the
// stored-XSS article of ../fixtures/xss.jsonl, and a generated corpus of
// short reports (sentences written for this mock, recombined) so the UI can
// be tried at the scale it must handle (30,000 articles by default).
//
// Every article comes with a marsad.analysis/v1 object whose spans are
// computed while the text is built, so they are exact code-point offsets
// into title + "\n\n" + text.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cpLen = (s) => {
  let n = 0;
  for (const _ of s) n++;
  return n;
};

// ---- Knowledge base (places and actors) ------------------------------------

export const PLACES = Object.fromEntries(
  [
    ['place:99072', 'الموصل', 'Mosul', 'city', 'IQ', 'Nineveh', 36.335, 43.119],
    ['place:bgd', 'بغداد', 'Baghdad', 'city', 'IQ', 'Baghdad', 33.315, 44.366],
    ['place:fallujah', 'الفلوجة', 'Fallujah', 'city', 'IQ', 'Anbar', 33.349, 43.784],
    ['place:ramadi', 'الرمادي', 'Ramadi', 'city', 'IQ', 'Anbar', 33.426, 43.3],
    ['place:kirkuk', 'كركوك', 'Kirkuk', 'city', 'IQ', 'Kirkuk', 35.468, 44.392],
    ['place:raqqa', 'الرقة', 'Raqqa', 'city', 'SY', 'Raqqa', 35.95, 39.01],
    ['place:aleppo', 'حلب', 'Aleppo', 'city', 'SY', 'Aleppo', 36.202, 37.134],
    ['place:idlib', 'إدلب', 'Idlib', 'city', 'SY', 'Idlib', 35.931, 36.634],
    ['place:deir', 'دير الزور', 'Deir ez-Zor', 'city', 'SY', 'Deir ez-Zor', 35.336, 40.141],
    ['place:sanaa', 'صنعاء', 'Sanaa', 'city', 'YE', 'Amanat al-Asimah', 15.369, 44.191],
    ['place:aden', 'عدن', 'Aden', 'city', 'YE', 'Aden', 12.785, 45.018],
    ['place:marib', 'مأرب', 'Marib', 'city', 'YE', 'Marib', 15.462, 45.325],
    ['place:taiz', 'تعز', 'Taiz', 'city', 'YE', 'Taiz', 13.579, 44.021],
    ['place:abha', 'أبها', 'Abha', 'city', 'SA', 'Asir', 18.216, 42.505],
    ['place:qatif', 'القطيف', 'Qatif', 'city', 'SA', 'Eastern Province', 26.565, 49.996],
    ['place:arish', 'العريش', 'Arish', 'city', 'EG', 'North Sinai', 31.132, 33.803],
    ['place:rafah-eg', 'رفح', 'Rafah', 'town', 'EG', 'North Sinai', 31.28, 34.24],
    ['place:sirte', 'سرت', 'Sirte', 'city', 'LY', 'Sirte', 31.205, 16.588],
    ['place:benghazi', 'بنغازي', 'Benghazi', 'city', 'LY', 'Benghazi', 32.117, 20.068],
    ['place:derna', 'درنة', 'Derna', 'city', 'LY', 'Derna', 32.767, 22.636],
    ['place:mogadishu', 'مقديشو', 'Mogadishu', 'city', 'SO', 'Banaadir', 2.046, 45.318],
    ['place:kismayo', 'كيسمايو', 'Kismayo', 'city', 'SO', 'Lower Juba', -0.358, 42.545],
    ['place:kabul', 'كابول', 'Kabul', 'city', 'AF', 'Kabul', 34.528, 69.172],
    ['place:kunduz', 'قندوز', 'Kunduz', 'city', 'AF', 'Kunduz', 36.728, 68.868],
    ['place:maiduguri', 'مايدوغوري', 'Maiduguri', 'city', 'NG', 'Borno', 11.846, 13.16],
    ['place:gao', 'غاو', 'Gao', 'city', 'ML', 'Gao', 16.272, -0.044],
    ['place:mopti', 'موبتي', 'Mopti', 'city', 'ML', 'Mopti', 14.495, -4.198],
  ].map(([ref, name, name_en, kind, country, admin1, lat, lon]) => [ref, { ref, name, name_en, kind, country, admin1, lat, lon }]),
);

export const ACTORS = Object.fromEntries(
  [
    ['actor:islamic-state', 'تنظيم الدولة الإسلامية', 'Islamic State', 'rebel_group'],
    ['actor:al-qaeda', 'تنظيم القاعدة', 'Al-Qaeda', 'rebel_group'],
    ['actor:aqap', 'تنظيم القاعدة في جزيرة العرب', 'Al-Qaeda in the Arabian Peninsula', 'rebel_group'],
    ['actor:hts', 'هيئة تحرير الشام', 'Hayat Tahrir al-Sham', 'rebel_group'],
    ['actor:houthis', 'جماعة الحوثي', 'Houthi movement (Ansar Allah)', 'rebel_group'],
    ['actor:al-shabaab', 'حركة الشباب', 'Al-Shabaab', 'rebel_group'],
    ['actor:boko-haram', 'جماعة بوكو حرام', 'Boko Haram', 'rebel_group'],
    ['actor:taliban', 'حركة طالبان', 'Taliban', 'rebel_group'],
    ['actor:jnim', 'جماعة نصرة الإسلام والمسلمين', 'JNIM', 'rebel_group'],
    ['actor:iraqi-army', 'الجيش العراقي', 'Military Forces of Iraq', 'state_forces'],
    ['actor:syrian-army', 'الجيش السوري', 'Military Forces of Syria', 'state_forces'],
    ['actor:yemen-army', 'الجيش اليمني', 'Military Forces of Yemen', 'state_forces'],
    ['actor:saudi-security', 'قوات الأمن السعودية', 'Police Forces of Saudi Arabia', 'state_forces'],
    ['actor:egypt-army', 'الجيش المصري', 'Military Forces of Egypt', 'state_forces'],
    ['actor:lna', 'الجيش الوطني الليبي', 'Libyan National Army', 'state_forces'],
    ['actor:somali-army', 'الجيش الصومالي', 'Military Forces of Somalia', 'state_forces'],
    ['actor:afghan-army', 'الجيش الأفغاني', 'Military Forces of Afghanistan', 'state_forces'],
    ['actor:nigerian-army', 'الجيش النيجيري', 'Military Forces of Nigeria', 'state_forces'],
    ['actor:malian-army', 'الجيش المالي', 'Military Forces of Mali', 'state_forces'],
    ['actor:coalition', 'التحالف الدولي', 'Global Coalition against Daesh', 'external_force'],
    ['actor:arab-coalition', 'التحالف العربي', 'Saudi-led Coalition', 'external_force'],
    ['actor:amisom', 'قوات الاتحاد الأفريقي', 'AMISOM', 'external_force'],
    ['actor:civilians', 'مدنيون', 'Civilians', 'civilians'],
    ['actor:protesters', 'محتجون', 'Protesters', 'protesters'],
  ].map(([ref, name, name_en, kind]) => [ref, { ref, name, name_en, kind }]),
);

const BY_COUNTRY = {
  IQ: { militants: ['actor:islamic-state'], state: 'actor:iraqi-army', air: 'actor:coalition', w: [3, 2016] },
  SY: { militants: ['actor:islamic-state', 'actor:hts'], state: 'actor:syrian-army', air: 'actor:coalition', w: [3, 2016] },
  YE: { militants: ['actor:aqap', 'actor:houthis'], state: 'actor:yemen-army', air: 'actor:arab-coalition', w: [2, 2017] },
  SA: { militants: ['actor:islamic-state'], state: 'actor:saudi-security', air: null, w: [0.5, 2015] },
  EG: { militants: ['actor:islamic-state'], state: 'actor:egypt-army', air: 'actor:egypt-army', w: [1, 2017] },
  LY: { militants: ['actor:islamic-state', 'actor:al-qaeda'], state: 'actor:lna', air: 'actor:lna', w: [1, 2016] },
  SO: { militants: ['actor:al-shabaab'], state: 'actor:somali-army', air: 'actor:amisom', w: [1.5, 2018] },
  AF: { militants: ['actor:taliban', 'actor:islamic-state'], state: 'actor:afghan-army', air: 'actor:coalition', w: [2, 2018] },
  NG: { militants: ['actor:boko-haram'], state: 'actor:nigerian-army', air: 'actor:nigerian-army', w: [1.2, 2015] },
  ML: { militants: ['actor:jnim'], state: 'actor:malian-army', air: null, w: [0.8, 2019] },
};

const PEOPLE = ['سامر الخطيب', 'عادل المنصوري', 'هدى الكبيسي', 'ماجد العتيبي', 'يوسف الدوري', 'نادر الشامي', 'ليلى العمري', 'كريم الحداد'];
const SOURCES = ['wakala', 'sahifa', 'majalla', 'idhaa', 'mawqi'];
const MONTHS = ['يناير', 'فبراير', 'مارس', 'أبريل', 'مايو', 'يونيو', 'يوليو', 'أغسطس', 'سبتمبر', 'أكتوبر', 'نوفمبر', 'ديسمبر'];

// ---- A text builder that records code-point spans --------------------------

class B {
  constructor() {
    this.parts = [];
    this.len = 0;
    this.entities = [];
    this.times = [];
    this.quantities = [];
    this.evidence = [];
    this._ev = null;
  }
  t(s) {
    this.parts.push(s);
    this.len += cpLen(s);
    return this;
  }
  /** An entity; clitic is a prefix that is part of the surface (بـ, و, ل…). */
  e(type, name, ref = null, clitic = '') {
    const text = clitic + name;
    this.entities.push({ type, text, start: this.len, end: this.len + cpLen(text), norm: name, ref });
    return this.t(text);
  }
  place(ref, clitic = '') {
    return this.e('LOC', PLACES[ref].name, ref, clitic);
  }
  actor(ref, clitic = '') {
    const a = ACTORS[ref];
    return this.e(a.kind === 'state_forces' || a.kind === 'external_force' || a.kind === 'rebel_group' ? 'ORG' : 'MISC', a.name, ref, clitic);
  }
  time(text, value, precision) {
    this.times.push({ text, start: this.len, end: this.len + cpLen(text), value, precision });
    return this.t(text);
  }
  qty(text, value, unit, role) {
    const q = { text, start: this.len, end: this.len + cpLen(text), value, unit };
    if (role) q.role = role;
    this.quantities.push(q);
    return this.t(text);
  }
  evStart() {
    this._ev = this.len;
    return this;
  }
  evEnd() {
    this.evidence.push({ start: this._ev, end: this.len });
    this._ev = null;
    return this;
  }
  get str() {
    return this.parts.join('');
  }
}

function cnt(n, plural, singular) {
  return n >= 3 && n <= 10 ? plural : singular;
}

// ---- Documents and analyses ------------------------------------------------

/**
 * Makes a document and its analysis from a title builder and a text builder.
 * events: [{type, sub_type, cameo, date, place, actors, targets, fatalities,
 * injuries, evidence: index into the text builder's evidence, confidence}]
 */
function makeDoc({ id, published, source, url }, tb, xb, events, extra = {}) {
  const title = tb ? tb.str : null;
  const text = xb.str;
  const shift = tb ? tb.len + 2 : 0;
  const move = (arr) => arr.map((x) => ({ ...x, start: x.start + shift, end: x.end + shift }));
  const full = title ? title + '\n\n' + text : text;
  const cps = Array.from(full);
  const entities = [...(tb ? tb.entities : []), ...move(xb.entities)];
  const times = [...(tb ? tb.times : []), ...move(xb.times)];
  const quantities = [...(tb ? tb.quantities : []), ...move(xb.quantities)];
  const evid = move(xb.evidence);

  const mentions = new Map();
  for (const e of entities) if (e.ref) mentions.set(e.ref, (mentions.get(e.ref) ?? 0) + 1);
  const places = [...mentions.keys()].filter((r) => PLACES[r]).map((r) => ({ ...PLACES[r], mentions: mentions.get(r) }));
  const actors = [...mentions.keys()].filter((r) => ACTORS[r]).map((r) => ({ ...ACTORS[r], country: null, mentions: mentions.get(r) }));

  const ref = (r) => (r && ACTORS[r] ? { ref: r, name: ACTORS[r].name, name_en: ACTORS[r].name_en } : r);
  const evs = events.map((ev) => {
    const p = ev.place ? PLACES[ev.place] : null;
    const span = ev.evidence !== undefined ? evid[ev.evidence] : null;
    return {
      type: ev.type,
      sub_type: ev.sub_type ?? null,
      cameo: ev.cameo ?? null,
      date: ev.date ?? published,
      date_precision: 'day',
      location: p ? { ref: p.ref, name: p.name, name_en: p.name_en, country: p.country, lat: p.lat, lon: p.lon } : null,
      actors: (ev.actors ?? []).map(ref),
      targets: (ev.targets ?? []).map((x) => (typeof x === 'string' ? ref(x) : x)),
      fatalities: ev.fatalities ?? null,
      injuries: ev.injuries ?? null,
      evidence: span ? { start: span.start, end: span.end, text: cps.slice(span.start, span.end).join('') } : null,
      confidence: ev.confidence ?? 0.8,
    };
  });
  const summary = evid.slice(0, 2).map((s) => cps.slice(s.start, s.end).join(''));
  const analysis = {
    schema: 'marsad.analysis/v1',
    id,
    title,
    published,
    source,
    url: url ?? null,
    lang: 'ar',
    relevance: { relevant: evs.length > 0, score: evs.length ? 0.9 : 0.2, topics: evs.length ? ['armed_conflict', 'terrorism'] : [] },
    entities,
    places,
    actors,
    times,
    quantities,
    events: evs,
    summary,
    ...extra,
  };
  return { id, title, text, published, source, url: url ?? null, analysis };
}

function dateParts(iso) {
  const [y, m, d] = iso.split('-').map(Number);
  return { y, m, d, phrase: `${d} ${MONTHS[m - 1]} ${y}` };
}

// ---- Hand-written articles -------------------------------------------------

function handWritten() {
  const docs = [];

  // An emoji before the title and inside the text: spans after it must stay right.
  {
    const tb = new B().t('🔴 عاجل: ').actor('actor:iraqi-army').t(' يبدأ عملية واسعة لاستعادة ').place('place:99072');
    const xb = new B()
      .t('بدأ ')
      .actor('actor:iraqi-army')
      .t(' فجر ')
      .time('17 أكتوبر 2016', '2016-10-17', 'day')
      .t(' عملية عسكرية واسعة لاستعادة مدينة ')
      .place('place:99072')
      .t(' من ')
      .actor('actor:islamic-state')
      .t('، بدعم جوي من ')
      .actor('actor:coalition')
      .t('. ')
      .evStart()
      .t('وقال قائد العمليات ')
      .e('PER', 'عادل المنصوري')
      .t(' إن القوات سيطرت على ')
      .qty('خمس قرى', 5, 'village')
      .t(' جنوب المدينة بعد اشتباكات أسفرت عن مقتل ')
      .qty('30 مسلحاً', 30, 'person', 'fatalities')
      .t('.')
      .evEnd()
      .t('\n\n📍 ')
      .evStart()
      .t('وفي ')
      .place('place:kirkuk')
      .t('، شنّ مسلحون هجوماً على مبانٍ حكومية ')
      .time('أمس', '2016-10-20', 'day')
      .t('، ما أدى إلى مقتل ')
      .qty('12 شخصاً', 12, 'person', 'fatalities')
      .t(' وإصابة ')
      .qty('20 آخرين', 20, 'person', 'injuries')
      .t('.')
      .evEnd()
      .t(' وأعلنت ')
      .e('ORG', 'الأمم المتحدة')
      .t(' أنها تستعد لاستقبال آلاف النازحين خلال ')
      .e('MISC', 'عيد الأضحى')
      .t(' المقبل 🙏.');
    docs.push(
      makeDoc({ id: 'demo:mosul-2016', published: '2016-10-21', source: 'sahifa', url: 'https://example.org/news/mosul-2016' }, tb, xb, [
        { type: 'battles', sub_type: 'government_regains_territory', cameo: '190', date: '2016-10-17', place: 'place:99072', actors: ['actor:iraqi-army', 'actor:coalition'], targets: ['actor:islamic-state'], fatalities: 30, evidence: 0, confidence: 0.86 },
        { type: 'violence_against_civilians', sub_type: 'attack', cameo: '180', date: '2016-10-20', place: 'place:kirkuk', actors: ['actor:islamic-state'], targets: ['actor:civilians'], fatalities: 12, injuries: 20, evidence: 1, confidence: 0.74 },
      ]),
    );
  }

  // Adjacent and overlapping entities: an organisation whose name holds a place.
  {
    const tb = new B().t('اشتباكات عنيفة بين ').place('place:sanaa').t(' و').place('place:marib').t(' تخلّف قتلى');
    const xb = new B();
    xb.t('قالت ');
    const orgStart = xb.len;
    xb.t('بعثة الأمم المتحدة في ');
    xb.place('place:sanaa');
    xb.entities.push({ type: 'ORG', text: 'بعثة الأمم المتحدة في صنعاء', start: orgStart, end: xb.len, norm: 'بعثة الأمم المتحدة في صنعاء', ref: null });
    xb.t(' إن ')
      .evStart()
      .t('اشتباكات اندلعت ')
      .time('يوم الخميس', '2017-03-09', 'day')
      .t(' بين ')
      .actor('actor:houthis')
      .t(' و')
      .actor('actor:yemen-army')
      .t(' على أطراف ')
      .place('place:marib')
      .t(' أسفرت عن مقتل ')
      .qty('18 مقاتلاً', 18, 'person', 'fatalities')
      .t(' من الطرفين')
      .evEnd()
      .t('. وأضافت أن الطريق بين ')
      .place('place:sanaa')
      .place('place:aden', 'و')
      .t(' ما زال مغلقاً أمام قوافل الإغاثة، وأن ')
      .qty('40 ألف', 40000, 'person', 'other')
      .t(' شخص نزحوا منذ بداية ')
      .time('مارس 2017', '2017-03', 'month')
      .t('.');
    docs.push(
      makeDoc({ id: 'demo:marib-2017', published: '2017-03-11', source: 'wakala', url: 'https://example.org/news/marib-2017' }, tb, xb, [
        { type: 'battles', sub_type: 'armed_clash', cameo: '190', date: '2017-03-09', place: 'place:marib', actors: ['actor:houthis', 'actor:yemen-army'], targets: [], fatalities: 18, evidence: 0, confidence: 0.9 },
      ]),
    );
  }

  // Sinai: a suicide bombing with a person, an organisation, misc.
  {
    const tb = new B().t('مقتل ').qty('15 شخصاً', 15, 'person', 'fatalities').t(' في تفجير انتحاري استهدف مسجداً في ').place('place:arish');
    const xb = new B()
      .evStart()
      .t('قُتل ')
      .qty('15 شخصاً', 15, 'person', 'fatalities')
      .t(' وأصيب ')
      .qty('9 آخرون', 9, 'person', 'injuries')
      .t(' عندما فجّر انتحاري نفسه داخل مسجد في مدينة ')
      .place('place:arish')
      .t(' أثناء ')
      .e('MISC', 'صلاة الجمعة')
      .t(' ')
      .time('أمس', '2017-11-24', 'day')
      .evEnd()
      .t('. وتبنّى ')
      .actor('actor:islamic-state')
      .t(' الهجوم في بيان، فيما قالت المتحدثة باسم وزارة الصحة ')
      .e('PER', 'هدى الكبيسي')
      .t(' إن المستشفيات استقبلت الجرحى، وأعلن ')
      .actor('actor:egypt-army')
      .t(' تعزيز الإجراءات الأمنية حول دور العبادة.');
    docs.push(
      makeDoc({ id: 'demo:arish-2017', published: '2017-11-25', source: 'majalla', url: 'https://example.org/news/arish-2017' }, tb, xb, [
        { type: 'explosions_remote_violence', sub_type: 'suicide_bomb', cameo: '1831', date: '2017-11-24', place: 'place:arish', actors: ['actor:islamic-state'], targets: ['actor:civilians'], fatalities: 15, injuries: 9, evidence: 0, confidence: 0.92 },
      ]),
    );
  }

  // An article that is not about conflict (no events).
  {
    const tb = new B().t('افتتاح معرض للكتاب في ').place('place:bgd');
    const xb = new B()
      .t('افتُتح في ')
      .place('place:bgd')
      .t(' ')
      .time('أمس', '2018-02-14', 'day')
      .t(' معرض للكتاب يشارك فيه ')
      .qty('300 دار نشر', 300, 'publisher')
      .t(' من ')
      .qty('20 دولة', 20, 'country')
      .t('، وقال مدير المعرض ')
      .e('PER', 'كريم الحداد')
      .t(' إن الإقبال فاق التوقعات.');
    docs.push(makeDoc({ id: 'demo:book-fair-2018', published: '2018-02-15', source: 'idhaa', url: 'https://example.org/culture/book-fair' }, tb, xb, []));
  }

  // The stored-XSS article (also a fixture the real server can ingest).
  {
    const path = fileURLToPath(new URL('../fixtures/xss.jsonl', import.meta.url));
    const raw = JSON.parse(readFileSync(path, 'utf8').trim().split('\n')[0]);
    const tb = new B();
    // Mark the payloads as entities too: entity text is untrusted as well.
    const [pre, rest] = raw.title.split(' اختبار حقن ');
    tb.e('MISC', pre).t(' اختبار حقن ');
    const [word, script] = rest.split(' ');
    tb.e('ORG', word).t(' ').e('PER', script);
    const xb = new B();
    const i = raw.text.indexOf('بغداد');
    const j = raw.text.indexOf('مقتل 3 أشخاص');
    xb.t(raw.text.slice(0, i)).place('place:bgd');
    const between = raw.text.slice(i + 'بغداد'.length, j);
    xb.t(between).qty('مقتل 3 أشخاص', 3, 'person', 'fatalities');
    xb.evStart().t(raw.text.slice(j + 'مقتل 3 أشخاص'.length)).evEnd();
    if (tb.str !== raw.title || xb.str !== raw.text) throw new Error('xss fixture: rebuild mismatch');
    const doc = makeDoc({ id: raw.id, published: raw.published, source: raw.source, url: raw.url }, tb, xb, [
      { type: 'explosions_remote_violence', sub_type: 'remote_explosive_landmine_ied', date: raw.published, place: 'place:bgd', actors: [{ ref: null, name: '<img src=x onerror="window.__xss=11">', name_en: '<script>window.__xss=12</script>' }], targets: [{ ref: null, name: '"><svg onload="window.__xss=13">', name_en: '"><svg onload="window.__xss=13">' }], fatalities: 3, evidence: 0 },
    ]);
    doc.analysis.events[0].actors = [{ ref: null, name: '<img src=x onerror="window.__xss=11">', name_en: '<script>window.__xss=12</script>' }];
    doc.analysis.summary = [raw.title, doc.analysis.events[0].evidence.text];
    docs.push(doc);
  }
  return docs;
}

// ---- Generated reports -----------------------------------------------------

function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TEMPLATES = [
  {
    type: 'explosions_remote_violence', sub: 'suicide_bomb', cameo: '1831', lethal: true, w: 3,
    make(b, tb, s) {
      tb.t('مقتل ').qty(`${s.k} ${cnt(s.k, 'أشخاص', 'شخصاً')}`, s.k, 'person', 'fatalities').t(' في تفجير انتحاري في ').place(s.place);
      b.evStart().t('قُتل ').qty(`${s.k} ${cnt(s.k, 'أشخاص', 'شخصاً')}`, s.k, 'person', 'fatalities').t(' وأصيب ').qty(`${s.i} آخرون`, s.i, 'person', 'injuries').t(' في تفجير انتحاري استهدف سوقاً شعبية في ').place(s.place).t(' ').time(s.date.phrase, s.iso, 'day').evEnd();
      b.t('. وأعلن ').actor(s.militant).t(' مسؤوليته عن الهجوم في بيان تداولته حسابات مقربة منه. وقال ').e('PER', s.person).t('، المسؤول في الشرطة المحلية، إن الانتحاري فجّر حزامه الناسف وسط الحشود.');
      return { actors: [s.militant], targets: ['actor:civilians'], fatalities: s.k, injuries: s.i };
    },
  },
  {
    type: 'battles', sub: 'armed_clash', cameo: '190', lethal: true, w: 4,
    make(b, tb, s) {
      tb.t('اشتباكات بين ').actor(s.state).t(' و').actor(s.militant).t(' قرب ').place(s.place);
      b.evStart().t('اندلعت اشتباكات عنيفة بين ').actor(s.state).t(' و').actor(s.militant).t(' في محيط ').place(s.place).t(' ').time(s.date.phrase, s.iso, 'day').t('، ما أسفر عن مقتل ').qty(`${s.k} ${cnt(s.k, 'مسلحين', 'مسلحاً')}`, s.k, 'person', 'fatalities').evEnd();
      b.t('. وذكر شهود أن المعارك استمرت عدة ساعات قبل أن تهدأ مع حلول المساء، فيما أغلقت السلطات الطرق المؤدية إلى المنطقة.');
      return { actors: [s.state, s.militant], targets: [], fatalities: s.k };
    },
  },
  {
    type: 'explosions_remote_violence', sub: 'air_drone_strike', cameo: '195', lethal: true, w: 3, needsAir: true,
    make(b, tb, s) {
      tb.t('غارة جوية على مواقع ').actor(s.militant).t(' في ').place(s.place);
      b.evStart().t('شنّت طائرات ').actor(s.air).t(' غارة جوية على مواقع تابعة لـ').actor(s.militant).t(' في ').place(s.place).t(' ').time(s.date.phrase, s.iso, 'day').t('، وقالت مصادر محلية إنها أسفرت عن مقتل ').qty(`${s.k} ${cnt(s.k, 'مسلحين', 'مسلحاً')}`, s.k, 'person', 'fatalities').evEnd();
      b.t('. ولم يصدر تعليق فوري على الغارة، فيما حلّقت الطائرات فوق المدينة طوال الليل.');
      return { actors: [s.air], targets: [s.militant], fatalities: s.k };
    },
  },
  {
    type: 'strategic_developments', sub: 'arrests', cameo: '173', lethal: false, w: 2,
    make(b, tb, s) {
      tb.t('القبض على ').qty(`${s.n} ${cnt(s.n, 'مشتبهين', 'مشتبهاً')}`, s.n, 'person', 'arrests').t(' بالانتماء إلى ').actor(s.militant).t(' في ').place(s.place);
      b.evStart().t('أعلن ').actor(s.state).t(' القبض على ').qty(`${s.n} ${cnt(s.n, 'أشخاص', 'شخصاً')}`, s.n, 'person', 'arrests').t(' يشتبه في انتمائهم إلى ').actor(s.militant).t(' في ').place(s.place).t(' ').time(s.date.phrase, s.iso, 'day').evEnd();
      b.t('، وضبط بحوزتهم أسلحة ومواد تستخدم في صنع المتفجرات. وأوضح ').e('PER', s.person).t(' أن التحقيقات مستمرة لكشف بقية أفراد الخلية.');
      return { actors: [s.state], targets: [s.militant], fatalities: null };
    },
  },
  {
    type: 'violence_against_civilians', sub: 'abduction_forced_disappearance', cameo: '181', lethal: false, w: 1,
    make(b, tb, s) {
      tb.t('مسلحون يختطفون ').qty(`${s.n} ${cnt(s.n, 'مدنيين', 'مدنياً')}`, s.n, 'person', 'abductions').t(' قرب ').place(s.place);
      b.evStart().t('اختطف مسلحون ينتمون إلى ').actor(s.militant).t(' ').qty(`${s.n} ${cnt(s.n, 'مدنيين', 'مدنياً')}`, s.n, 'person', 'abductions').t(' على طريق يؤدي إلى ').place(s.place).t(' ').time(s.date.phrase, s.iso, 'day').evEnd();
      b.t('، بحسب ما أفاد به أقارب المختطفين. وطالبت ').e('ORG', 'منظمة العفو الدولية').t(' بالإفراج عنهم دون شروط.');
      return { actors: [s.militant], targets: ['actor:civilians'], fatalities: null };
    },
  },
  {
    type: 'protests', sub: 'peaceful_protest', cameo: '141', lethal: false, w: 1,
    make(b, tb, s) {
      tb.t('مظاهرة في ').place(s.place).t(' تندد بتصاعد العنف');
      b.evStart().t('خرج مئات المحتجين في مظاهرة سلمية وسط ').place(s.place).t(' ').time(s.date.phrase, s.iso, 'day').t(' للتنديد بتصاعد الهجمات على المدنيين').evEnd();
      b.t('، ورفع المشاركون لافتات تطالب بحماية الأسواق والمدارس. وانتهت المظاهرة دون تسجيل أي حوادث.');
      return { actors: ['actor:protesters'], targets: [], fatalities: 0 };
    },
  },
  {
    type: 'explosions_remote_violence', sub: 'remote_explosive_landmine_ied', cameo: '183', lethal: true, w: 3,
    make(b, tb, s) {
      tb.t('انفجار عبوة ناسفة يستهدف دورية في ').place(s.place);
      b.evStart().t('انفجرت عبوة ناسفة زُرعت على جانب الطريق لدى مرور دورية تابعة لـ').actor(s.state).t(' في ').place(s.place).t(' ').time(s.date.phrase, s.iso, 'day').t('، ما أدى إلى مقتل ').qty(`${s.k} ${cnt(s.k, 'جنود', 'جندياً')}`, s.k, 'person', 'fatalities').t(' وإصابة ').qty(`${s.i} آخرين`, s.i, 'person', 'injuries').evEnd();
      b.t('. ولم تتبنَّ أي جهة التفجير حتى الآن، فيما فتحت السلطات تحقيقاً في الحادث.');
      return { actors: [], targets: [s.state], fatalities: s.k, injuries: s.i };
    },
  },
  {
    type: 'explosions_remote_violence', sub: 'shelling_artillery_missile_attack', cameo: '194', lethal: true, w: 2,
    make(b, tb, s) {
      tb.t('قصف صاروخي يطال أحياء سكنية في ').place(s.place);
      b.evStart().t('تعرضت أحياء سكنية في ').place(s.place).t(' لقصف صاروخي ').time(s.date.phrase, s.iso, 'day').t(' اتُّهم ').actor(s.militant).t(' بتنفيذه، وأسفر عن مقتل ').qty(`${s.k} ${cnt(s.k, 'مدنيين', 'مدنياً')}`, s.k, 'person', 'fatalities').t(' وإصابة ').qty(`${s.i} بجروح`, s.i, 'person', 'injuries').evEnd();
      b.t('. وقال ').e('PER', s.person).t('، وهو أحد سكان الحي، إن القذائف سقطت قرب مدرسة ابتدائية.');
      return { actors: [s.militant], targets: ['actor:civilians'], fatalities: s.k, injuries: s.i };
    },
  },
  {
    type: 'battles', sub: 'government_regains_territory', cameo: '190', lethal: true, w: 1,
    make(b, tb, s) {
      tb.actor(s.state).t(' يستعيد السيطرة على ').place(s.place);
      b.evStart().t('أعلن ').actor(s.state).t(' ').time(s.date.phrase, s.iso, 'day').t(' استعادة السيطرة الكاملة على ').place(s.place).t(' بعد معارك مع ').actor(s.militant).t(' قُتل فيها ').qty(`${s.k} ${cnt(s.k, 'مسلحين', 'مسلحاً')}`, s.k, 'person', 'fatalities').evEnd();
      b.t('. وبدأت فرق الهندسة بإزالة الألغام من الطرق الرئيسية تمهيداً لعودة السكان.');
      return { actors: [s.state], targets: [s.militant], fatalities: s.k };
    },
  },
];

const PLACES_BY_COUNTRY = {};
for (const p of Object.values(PLACES)) (PLACES_BY_COUNTRY[p.country] ??= []).push(p.ref);

function pick(r, arr) {
  return arr[Math.floor(r() * arr.length)];
}

function weighted(r, items, weight) {
  const total = items.reduce((a, x) => a + weight(x), 0);
  let x = r() * total;
  for (const it of items) {
    x -= weight(it);
    if (x <= 0) return it;
  }
  return items[items.length - 1];
}

const START = Date.UTC(2014, 0, 1);
const DAYS = 6 * 365;

function generated(n) {
  const docs = [];
  const countries = Object.keys(BY_COUNTRY);
  for (let i = 0; i < n; i++) {
    const r = rng(i * 2654435761 + 7);
    const day = Math.floor(r() * DAYS);
    const when = new Date(START + day * 86400000);
    const year = when.getUTCFullYear();
    const country = weighted(r, countries, (c) => BY_COUNTRY[c].w[0] * Math.exp(-((year - BY_COUNTRY[c].w[1]) ** 2) / 3));
    const cfg = BY_COUNTRY[country];
    const tpl = weighted(r, TEMPLATES.filter((x) => !x.needsAir || cfg.air), (x) => x.w);
    const eventDay = new Date(when.getTime() - (r() < 0.5 ? 86400000 : 0));
    const iso = eventDay.toISOString().slice(0, 10);
    const heavy = r() < 0.08;
    const s = {
      place: pick(r, PLACES_BY_COUNTRY[country]),
      militant: pick(r, cfg.militants),
      state: cfg.state,
      air: cfg.air,
      person: pick(r, PEOPLE),
      k: heavy ? 11 + Math.floor(r() * 70) : 3 + Math.floor(r() * 8),
      i: 3 + Math.floor(r() * 30),
      n: 3 + Math.floor(r() * 15),
      iso,
      date: dateParts(iso),
    };
    const tb = new B();
    const xb = new B();
    const ev = tpl.make(xb, tb, s);
    docs.push(
      makeDoc({ id: `gen:${i}`, published: when.toISOString().slice(0, 10), source: pick(r, SOURCES), url: `https://example.org/news/${i}` }, tb, xb, [
        { type: tpl.type, sub_type: tpl.sub, cameo: tpl.cameo, date: iso, place: s.place, ...ev, evidence: 0, confidence: 0.55 + r() * 0.4 },
      ]),
    );
  }
  return docs;
}

/** The whole corpus, newest first. */
export function corpus(n = 30000) {
  const docs = [...handWritten(), ...generated(n)];
  docs.sort((a, b) => (b.published ?? '').localeCompare(a.published ?? '') || a.id.localeCompare(b.id));
  return docs;
}

// ---- A crude analyser for POST /analyze ------------------------------------

/**
 * Finds the knowledge base's places and actors in a text (with attached
 * clitics), and numbers, the way the real analyser reports them. Nothing
 * more: the mock reports no events.
 */
export function analyzeText({ title, text, published }) {
  const full = title ? title + '\n\n' + text : text;
  const toCp = (i) => cpLen(full.slice(0, i));
  const found = [];
  const names = [
    ...Object.values(PLACES).map((p) => ({ name: p.name, ref: p.ref, type: 'LOC' })),
    ...Object.values(ACTORS).filter((a) => a.kind !== 'civilians' && a.kind !== 'protesters').map((a) => ({ name: a.name, ref: a.ref, type: 'ORG' })),
  ];
  for (const n of names) {
    const bare = n.name.replace(/^ال/, '');
    for (let i = full.indexOf(bare); i >= 0; i = full.indexOf(bare, i + 1)) {
      let s = i;
      let e = i + bare.length;
      if (bare !== n.name) {
        if (full.slice(s - 2, s) !== 'ال' && full[s - 1] !== 'ل') continue;
        s -= full.slice(s - 2, s) === 'ال' ? 2 : 1; // الموصل, للموصل
      }
      while (s > 0 && 'وبلفك'.includes(full[s - 1]) && (s < 2 || /[\s،,.(]/.test(full[s - 2]))) s--;
      if (s > 0 && /[\p{L}]/u.test(full[s - 1])) continue;
      if (e < full.length && /[\p{L}]/u.test(full[e])) continue;
      found.push({ type: n.type, text: full.slice(s, e), start: toCp(s), end: toCp(e), norm: n.name, ref: n.ref, score: 0.9 });
    }
  }
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const entities = [];
  for (const f of found) if (!entities.length || f.start >= entities[entities.length - 1].end) entities.push(f);
  const quantities = [];
  for (const m of full.matchAll(/\d+(?:[.,]\d+)?/g)) {
    quantities.push({ text: m[0], start: toCp(m.index), end: toCp(m.index + m[0].length), value: Number(m[0].replace(',', '')), unit: null });
  }
  const mentions = new Map();
  for (const e of entities) mentions.set(e.ref, (mentions.get(e.ref) ?? 0) + 1);
  return {
    schema: 'marsad.analysis/v1',
    id: 'sha256:mock',
    title: title || null,
    published: published || null,
    source: null,
    url: null,
    lang: 'ar',
    relevance: { relevant: entities.length > 0, score: entities.length ? 0.6 : 0.1, topics: [] },
    entities,
    places: [...mentions.keys()].filter((r) => PLACES[r]).map((r) => ({ ...PLACES[r], mentions: mentions.get(r) })),
    actors: [...mentions.keys()].filter((r) => ACTORS[r]).map((r) => ({ ...ACTORS[r], mentions: mentions.get(r) })),
    times: [],
    quantities,
    events: [],
    summary: [],
  };
}
