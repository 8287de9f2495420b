// Analyse a text that is not in the store: POST /api/v1/analyze, shown like an article.

import { type Analysis, post } from '../api';
import { h, put } from '../dom';
import { t } from '../i18n';
import type { Ctx } from '../router';
import { errorBox, isAbort, loading } from '../ui';
import { renderArticle } from './article';

export function analyzeView(ctx: Ctx): void {
  const title = h('input', { id: 'an-title', name: 'title', type: 'text', dir: 'auto', autocomplete: 'off' });
  const text = h('textarea', { id: 'an-text', name: 'text', rows: 10, dir: 'auto', required: true });
  const published = h('input', { id: 'an-published', name: 'published', type: 'date' });
  const out = h('div', { class: 'analyze-out', 'aria-live': 'polite' });
  let ctl: AbortController | null = null;

  const form = h(
    'form',
    { class: 'analyze-form' },
    h('div', { class: 'field' }, h('label', { for: 'an-title' }, t('an_title')), title),
    h('div', { class: 'field' }, h('label', { for: 'an-text' }, t('an_text')), text),
    h('div', { class: 'field inline' }, h('label', { for: 'an-published' }, t('published')), published, h('button', { type: 'submit', class: 'btn primary' }, t('an_submit'))),
  );
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    if (!text.value.trim()) return;
    ctl?.abort();
    ctl = new AbortController();
    ctx.signal.addEventListener('abort', () => ctl?.abort(), { once: true });
    const sig = ctl.signal;
    put(out, loading());
    const doc = { title: title.value, text: text.value, published: published.value || undefined };
    try {
      const a = await post<Analysis>('/analyze', doc, sig);
      if (sig.aborted) return;
      put(out, renderArticle({ document: { id: a.id ?? '—', title: doc.title || null, text: doc.text, published: doc.published ?? null, source: null, url: null }, analysis: a }));
    } catch (e) {
      if (sig.aborted || isAbort(e)) return;
      put(out, errorBox(e));
    }
  });
  put(ctx.root, h('h1', null, t('nav_analyze')), h('p', { class: 'muted' }, t('an_hint')), form, out);
}
