// Labels in Arabic (the default) and English, and the formatting of numbers,
// dates and country names in the chosen language.

export type Lang = 'ar' | 'en';

const ar = {
  brand: 'مرصد',
  tagline: 'مرصد أخبار النزاعات المسلحة والإرهاب',
  skip: 'انتقل إلى المحتوى',
  nav_search: 'البحث',
  nav_events: 'الأحداث',
  nav_map: 'الخريطة',
  nav_timeline: 'الخط الزمني',
  nav_analyze: 'تحليل نص',
  an_title: 'العنوان',
  an_text: 'النص',
  an_submit: 'حلّل',
  an_hint: 'الصق خبرًا ليحلّله مرصد دون أن يُحفظ: الكيانات والأماكن والفاعلون والأحداث.',
  switch_lang: 'English',
  switch_lang_label: 'Switch to English',
  search_placeholder: 'ابحث في الأخبار…',
  search_label: 'نص البحث',
  search_button: 'بحث',
  filters: 'عوامل التصفية',
  from: 'من',
  to: 'إلى',
  country: 'الدولة',
  event_type: 'نوع الحدث',
  source: 'المصدر',
  actor: 'الفاعل',
  place: 'المكان',
  month: 'الشهر',
  any: 'الكل',
  clear: 'مسح الكل',
  remove_filter: 'إزالة عامل التصفية',
  apply: 'تطبيق',
  facets: 'التصنيفات',
  results: 'النتائج',
  results_count: '{from}–{to} من {total} نتيجة',
  no_results: 'لا توجد نتائج.',
  prev: 'السابق',
  next: 'التالي',
  page: 'الصفحة {n} من {of}',
  loading: 'جارٍ التحميل…',
  error: 'تعذّر تحميل البيانات',
  not_found: 'الصفحة غير موجودة.',
  retry: 'إعادة المحاولة',
  published: 'تاريخ النشر',
  open_source: 'المصدر الأصلي',
  entities: 'الكيانات',
  legend: 'دليل الألوان',
  PER: 'شخص',
  LOC: 'مكان',
  ORG: 'منظمة',
  MISC: 'أخرى',
  TIME: 'زمن',
  QTY: 'كمية',
  show_times: 'إظهار التواريخ',
  show_quantities: 'إظهار الكميات',
  events: 'الأحداث',
  places: 'الأماكن',
  actors: 'الفاعلون',
  times: 'التواريخ',
  quantities: 'الكميات',
  summary: 'الملخص',
  relevance: 'الصلة بالموضوع',
  relevant: 'ذو صلة',
  not_relevant: 'غير ذي صلة',
  score: 'الدرجة',
  topics: 'الموضوعات',
  none: 'لا شيء',
  date: 'التاريخ',
  type: 'النوع',
  sub_type: 'النوع الفرعي',
  location: 'الموقع',
  targets: 'المستهدفون',
  fatalities: 'القتلى',
  injuries: 'الجرحى',
  evidence: 'الدليل',
  confidence: 'الثقة',
  article: 'المقال',
  show_in_text: 'أظهر في النص',
  mentions: 'الإشارات',
  kind: 'الصنف',
  value: 'القيمة',
  unit: 'الوحدة',
  role: 'الدور',
  export: 'تصدير',
  export_label: 'تصدير الأحداث بالتصفية الحالية',
  sort_by: 'رتّب حسب {col}',
  events_count: '{total} حدثًا',
  map_title: 'خريطة الأحداث',
  map_mode: 'العرض',
  map_by_place: 'حسب المكان',
  map_by_event: 'حسب الحدث',
  map_hint: 'اختر دائرة لعرض تفاصيلها. حجم الدائرة يتناسب مع عدد القتلى.',
  zoom_in: 'تكبير',
  zoom_out: 'تصغير',
  zoom_reset: 'إعادة الضبط',
  map_shown: 'معروض: {n}',
  events_here: 'الأحداث في هذا المكان',
  all_events_here: 'كل الأحداث هنا',
  timeline_title: 'الخط الزمني',
  interval: 'الفترة',
  day: 'يوم',
  week: 'أسبوع',
  month_i: 'شهر',
  metric: 'المقياس',
  metric_events: 'عدد الأحداث',
  metric_fatalities: 'عدد القتلى',
  by: 'التقسيم',
  by_type: 'حسب النوع',
  by_actor: 'حسب الفاعل',
  by_country: 'حسب الدولة',
  chart: 'الرسم',
  stacked: 'أعمدة متراكمة',
  lines: 'خطوط',
  as_table: 'عرض البيانات جدولًا',
  other: 'أخرى',
  total: 'المجموع',
  chart_label: '{metric} لكل {interval}، {by}',
  place_page: 'مكان',
  actor_page: 'فاعل',
  coordinates: 'الإحداثيات',
  on_map: 'على الخريطة',
  in_table: 'في جدول الأحداث',
  over_time: 'الأحداث عبر الزمن',
  recent_events: 'أحدث الأحداث',
  documents: '{n} مقال',
  version: 'الإصدار',
  unknown: 'غير معروف',
  yes: 'نعم',
  no: 'لا',
};

type Dict = typeof ar;
export type Key = keyof Dict;

const en: Dict = {
  brand: 'marsad',
  tagline: 'An observatory of news on armed conflict and terrorism',
  skip: 'Skip to content',
  nav_search: 'Search',
  nav_events: 'Events',
  nav_map: 'Map',
  nav_timeline: 'Timeline',
  nav_analyze: 'Analyse',
  an_title: 'Title',
  an_text: 'Text',
  an_submit: 'Analyse',
  an_hint: 'Paste an article for marsad to analyse without storing it: entities, places, actors, events.',
  switch_lang: 'العربية',
  switch_lang_label: 'التبديل إلى العربية',
  search_placeholder: 'Search the news…',
  search_label: 'Search text',
  search_button: 'Search',
  filters: 'Filters',
  from: 'From',
  to: 'To',
  country: 'Country',
  event_type: 'Event type',
  source: 'Source',
  actor: 'Actor',
  place: 'Place',
  month: 'Month',
  any: 'Any',
  clear: 'Clear all',
  remove_filter: 'Remove filter',
  apply: 'Apply',
  facets: 'Facets',
  results: 'Results',
  results_count: '{from}–{to} of {total} results',
  no_results: 'No results.',
  prev: 'Previous',
  next: 'Next',
  page: 'Page {n} of {of}',
  loading: 'Loading…',
  error: 'Could not load the data',
  not_found: 'Page not found.',
  retry: 'Retry',
  published: 'Published',
  open_source: 'Original source',
  entities: 'Entities',
  legend: 'Legend',
  PER: 'Person',
  LOC: 'Place',
  ORG: 'Organisation',
  MISC: 'Other',
  TIME: 'Time',
  QTY: 'Quantity',
  show_times: 'Show dates',
  show_quantities: 'Show quantities',
  events: 'Events',
  places: 'Places',
  actors: 'Actors',
  times: 'Dates',
  quantities: 'Quantities',
  summary: 'Summary',
  relevance: 'Relevance',
  relevant: 'Relevant',
  not_relevant: 'Not relevant',
  score: 'Score',
  topics: 'Topics',
  none: 'None',
  date: 'Date',
  type: 'Type',
  sub_type: 'Sub-type',
  location: 'Location',
  targets: 'Targets',
  fatalities: 'Fatalities',
  injuries: 'Injuries',
  evidence: 'Evidence',
  confidence: 'Confidence',
  article: 'Article',
  show_in_text: 'Show in text',
  mentions: 'Mentions',
  kind: 'Kind',
  value: 'Value',
  unit: 'Unit',
  role: 'Role',
  export: 'Export',
  export_label: 'Export the events with the current filters',
  sort_by: 'Sort by {col}',
  events_count: '{total} events',
  map_title: 'Map of events',
  map_mode: 'Show',
  map_by_place: 'By place',
  map_by_event: 'By event',
  map_hint: 'Choose a circle to see its details. Circle size follows fatalities.',
  zoom_in: 'Zoom in',
  zoom_out: 'Zoom out',
  zoom_reset: 'Reset',
  map_shown: 'Shown: {n}',
  events_here: 'Events at this place',
  all_events_here: 'All events here',
  timeline_title: 'Timeline',
  interval: 'Interval',
  day: 'Day',
  week: 'Week',
  month_i: 'Month',
  metric: 'Metric',
  metric_events: 'Events',
  metric_fatalities: 'Fatalities',
  by: 'Split',
  by_type: 'By type',
  by_actor: 'By actor',
  by_country: 'By country',
  chart: 'Chart',
  stacked: 'Stacked bars',
  lines: 'Lines',
  as_table: 'Show the data as a table',
  other: 'Other',
  total: 'Total',
  chart_label: '{metric} per {interval}, {by}',
  place_page: 'Place',
  actor_page: 'Actor',
  coordinates: 'Coordinates',
  on_map: 'On the map',
  in_table: 'In the events table',
  over_time: 'Events over time',
  recent_events: 'Recent events',
  documents: '{n} articles',
  version: 'Version',
  unknown: 'Unknown',
  yes: 'Yes',
  no: 'No',
};

const dicts: Record<Lang, Dict> = { ar, en };

// ACLED's event types and sub-types (ANALYSIS.md), actor and place kinds.
const codes: Record<Lang, Record<string, string>> = {
  ar: {
    battles: 'معارك',
    explosions_remote_violence: 'تفجيرات وعنف عن بُعد',
    violence_against_civilians: 'عنف ضد المدنيين',
    protests: 'احتجاجات',
    riots: 'أعمال شغب',
    strategic_developments: 'تطورات استراتيجية',
    armed_clash: 'اشتباك مسلح',
    government_regains_territory: 'استعادة الحكومة أراضيَ',
    non_state_actor_overtakes_territory: 'سيطرة جهة غير حكومية على أراضٍ',
    chemical_weapon: 'سلاح كيميائي',
    air_drone_strike: 'غارة جوية أو بطائرة مسيّرة',
    suicide_bomb: 'تفجير انتحاري',
    shelling_artillery_missile_attack: 'قصف مدفعي أو صاروخي',
    remote_explosive_landmine_ied: 'عبوة ناسفة أو لغم',
    grenade: 'قنبلة يدوية',
    sexual_violence: 'عنف جنسي',
    attack: 'هجوم',
    abduction_forced_disappearance: 'اختطاف أو إخفاء قسري',
    peaceful_protest: 'احتجاج سلمي',
    protest_with_intervention: 'احتجاج مع تدخل',
    excessive_force_against_protesters: 'قوة مفرطة ضد المحتجين',
    violent_demonstration: 'مظاهرة عنيفة',
    mob_violence: 'عنف جماعي',
    agreement: 'اتفاق',
    arrests: 'اعتقالات',
    change_to_group_activity: 'تغيّر في نشاط جماعة',
    disrupted_weapons_use: 'إحباط استخدام أسلحة',
    headquarters_or_base_established: 'إنشاء مقر أو قاعدة',
    looting_property_destruction: 'نهب أو تدمير ممتلكات',
    non_violent_transfer_of_territory: 'انتقال سلمي للسيطرة على أراضٍ',
    other: 'أخرى',
    state_forces: 'قوات حكومية',
    rebel_group: 'جماعة متمردة',
    political_militia: 'ميليشيا سياسية',
    identity_militia: 'ميليشيا هوية',
    rioters: 'مثيرو شغب',
    protesters: 'محتجون',
    civilians: 'مدنيون',
    external_force: 'قوة خارجية',
    government: 'حكومة',
    international_org: 'منظمة دولية',
    coalition: 'تحالف',
    person: 'شخص',
    media: 'إعلام',
    country: 'دولة',
    admin1: 'إقليم',
    admin2: 'محافظة',
    city: 'مدينة',
    town: 'بلدة',
    village: 'قرية',
    region: 'منطقة',
    site: 'موقع',
    fatalities_role: 'قتلى',
    injuries_role: 'جرحى',
    arrests_role: 'معتقلون',
    abductions_role: 'مختطفون',
    fighters_role: 'مقاتلون',
    amount_role: 'مبلغ',
    duration_role: 'مدة',
    other_role: 'أخرى',
    year_p: 'سنة',
    month_p: 'شهر',
    day_p: 'يوم',
    week_p: 'أسبوع',
    range_p: 'مدى',
  },
  en: {
    battles: 'Battles',
    explosions_remote_violence: 'Explosions/Remote violence',
    violence_against_civilians: 'Violence against civilians',
    protests: 'Protests',
    riots: 'Riots',
    strategic_developments: 'Strategic developments',
    armed_clash: 'Armed clash',
    government_regains_territory: 'Government regains territory',
    non_state_actor_overtakes_territory: 'Non-state actor overtakes territory',
    chemical_weapon: 'Chemical weapon',
    air_drone_strike: 'Air/drone strike',
    suicide_bomb: 'Suicide bomb',
    shelling_artillery_missile_attack: 'Shelling/artillery/missile attack',
    remote_explosive_landmine_ied: 'Remote explosive/landmine/IED',
    grenade: 'Grenade',
    sexual_violence: 'Sexual violence',
    attack: 'Attack',
    abduction_forced_disappearance: 'Abduction/forced disappearance',
    peaceful_protest: 'Peaceful protest',
    protest_with_intervention: 'Protest with intervention',
    excessive_force_against_protesters: 'Excessive force against protesters',
    violent_demonstration: 'Violent demonstration',
    mob_violence: 'Mob violence',
    agreement: 'Agreement',
    arrests: 'Arrests',
    change_to_group_activity: 'Change to group/activity',
    disrupted_weapons_use: 'Disrupted weapons use',
    headquarters_or_base_established: 'Headquarters or base established',
    looting_property_destruction: 'Looting/property destruction',
    non_violent_transfer_of_territory: 'Non-violent transfer of territory',
    other: 'Other',
    state_forces: 'State forces',
    rebel_group: 'Rebel group',
    political_militia: 'Political militia',
    identity_militia: 'Identity militia',
    rioters: 'Rioters',
    protesters: 'Protesters',
    civilians: 'Civilians',
    external_force: 'External force',
    government: 'Government',
    international_org: 'International organisation',
    coalition: 'Coalition',
    person: 'Person',
    media: 'Media',
    country: 'Country',
    admin1: 'Province',
    admin2: 'District',
    city: 'City',
    town: 'Town',
    village: 'Village',
    region: 'Region',
    site: 'Site',
    fatalities_role: 'fatalities',
    injuries_role: 'injuries',
    arrests_role: 'arrests',
    abductions_role: 'abductions',
    fighters_role: 'fighters',
    amount_role: 'amount',
    duration_role: 'duration',
    other_role: 'other',
    year_p: 'year',
    month_p: 'month',
    day_p: 'day',
    week_p: 'week',
    range_p: 'range',
  },
};

const STORE_KEY = 'marsad.lang';

function initialLang(): Lang {
  try {
    const v = localStorage.getItem(STORE_KEY);
    if (v === 'ar' || v === 'en') return v;
  } catch {
    /* storage may be disabled */
  }
  return 'ar';
}

export let lang: Lang = initialLang();

/** Sets the language, on <html> too, and remembers it. */
export function setLang(l: Lang): void {
  lang = l;
  try {
    localStorage.setItem(STORE_KEY, l);
  } catch {
    /* ignore */
  }
  applyLang();
}

export function applyLang(): void {
  const root = document.documentElement;
  root.lang = lang;
  root.dir = lang === 'ar' ? 'rtl' : 'ltr';
  document.title = lang === 'ar' ? 'مرصد — marsad' : 'marsad — مرصد';
  numFmt = new Intl.NumberFormat(lang);
  regionNames = null;
}

/** A label, with {name} placeholders filled in (values are formatted numbers or text). */
export function t(key: Key, vars?: Record<string, string | number>): string {
  let s = dicts[lang][key] ?? key;
  if (vars) {
    s = s.replace(/\{(\w+)\}/g, (m, k: string) => {
      const v = vars[k];
      if (v === undefined) return m;
      return typeof v === 'number' ? num(v) : v;
    });
  }
  return s;
}

/** The label of an ACLED code, actor kind or place kind; the code itself when unknown. */
export function code(c: string | null | undefined): string {
  if (!c) return '';
  return codes[lang][c] ?? c.replace(/_/g, ' ');
}

/** The label of a quantity role or time precision. */
export function codeRole(c: string | null | undefined, suffix: '_role' | '_p'): string {
  if (!c) return '';
  return codes[lang][c + suffix] ?? c;
}

let numFmt = new Intl.NumberFormat(lang);

/** A share (0–1) as a percentage. */
export function pct(x: number | null | undefined): string {
  if (x === null || x === undefined || Number.isNaN(x)) return '—';
  return new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 0 }).format(x);
}

/** A number in the language's digits (Arabic-Indic in Arabic). */
export function num(n: number | null | undefined): string {
  if (n === null || n === undefined || Number.isNaN(n)) return '—';
  return numFmt.format(n);
}

const dateCache = new Map<string, Intl.DateTimeFormat>();
function dtf(opts: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const k = lang + JSON.stringify(opts);
  let f = dateCache.get(k);
  if (!f) {
    f = new Intl.DateTimeFormat(lang, { calendar: 'gregory', timeZone: 'UTC', ...opts });
    dateCache.set(k, f);
  }
  return f;
}

/**
 * A date (YYYY, YYYY-MM, YYYY-MM-DD or RFC 3339) in a readable form at the
 * precision it was given; anything else is shown as it is.
 */
export function fmtDate(v: string | null | undefined, style: 'long' | 'short' = 'long'): string {
  if (!v) return '—';
  let m = /^(\d{4})-(\d{2})-(\d{2})/.exec(v);
  if (m) {
    const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
    if (!Number.isNaN(d.getTime())) {
      return dtf(style === 'long' ? { year: 'numeric', month: 'long', day: 'numeric' } : { year: 'numeric', month: 'short', day: 'numeric' }).format(d);
    }
  }
  m = /^(\d{4})-(\d{2})$/.exec(v);
  if (m) return dtf({ year: 'numeric', month: style === 'long' ? 'long' : 'short' }).format(new Date(Date.UTC(+m[1], +m[2] - 1, 1)));
  m = /^(\d{4})$/.exec(v);
  if (m) return dtf({ year: 'numeric' }).format(new Date(Date.UTC(+m[1], 0, 1)));
  return v;
}

let regionNames: Intl.DisplayNames | null = null;

/** A country's name from its ISO 3166-1 alpha-2 code. */
export function countryName(iso2: string | null | undefined): string {
  if (!iso2) return '—';
  try {
    regionNames ??= new Intl.DisplayNames([lang], { type: 'region' });
    return regionNames.of(iso2.toUpperCase()) ?? iso2;
  } catch {
    return iso2;
  }
}

/** The name of a place or actor in the current language, falling back to the other. */
export function localName(o: { name?: string | null; name_en?: string | null; label?: string | null } | null | undefined): string {
  if (!o) return '—';
  if (lang === 'en') return o.name_en || o.label || o.name || '—';
  return o.name || o.label || o.name_en || '—';
}
