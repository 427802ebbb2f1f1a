// The evidence pack's readable report as one self-contained HTML document (issue 8): inline CSS, no script,
// nothing fetched (its CSP forbids both), every string escaped. Pure and deterministic.
import type { ReportInput } from '@/lib/evidence/types.ts';
import { REPORT_CSS } from './html-style.ts';
import { buildReportModel, type ControlRow, type ReportModel } from './model.ts';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
const e = escapeHtml;

const badge = (c: ControlRow) => `<span class="status s-${c.status}">${e(c.statusLabel)}</span>`;

function facts(m: ReportModel): string {
  return `<dl class="facts">${m.facts.map(([k, v]) => `<dt>${e(k)}</dt><dd>${e(v)}</dd>`).join('')}</dl>`;
}

function pairs(caption: string, head: string, rows: [string, string][]): string {
  const body = rows.map(([k, v]) => `<tr><th scope="row">${e(k)}</th><td class="num">${e(v)}</td></tr>`).join('');
  return (
    `<table class="scores"><caption>${e(caption)}</caption>` +
    `<thead><tr><th scope="col">${e(head)}</th><th scope="col" class="num">Score</th></tr></thead>` +
    `<tbody>${body}</tbody></table>`
  );
}

function scores(m: ReportModel): string {
  return `<section aria-labelledby="h-scores"><h2 id="h-scores">${e(m.scoresTitle)}</h2>
<div class="grid">${pairs('Programme', 'Measure', m.scores)}${pairs('Sections', 'Section', m.sections)}</div>
<p class="formula"><strong>How scores are computed.</strong> ${e(m.formula)}</p></section>`;
}

function controlRow(c: ControlRow): string {
  const reasons = c.reasons.length
    ? `<ul class="reasons">${c.reasons.map((r) => `<li>${e(r)}</li>`).join('')}</ul>`
    : '<span class="muted">None recorded.</span>';
  const next = c.next ? e(c.next) : '<span class="muted">No next step.</span>';
  return (
    `<tr id="control-${e(c.id)}"><td class="id">${e(c.id)}</td><td>${e(c.title)}</td><td>${e(c.level)}</td>` +
    `<td>${badge(c)}</td><td class="num">${e(c.score)}</td><td>${reasons}</td><td>${next}</td></tr>`
  );
}

function controls(m: ReportModel): string {
  const head = ['Control', 'Title', 'Level', 'Status', 'Score', 'Reasons', 'Next step']
    .map((h) => `<th scope="col" class="c-${h.toLowerCase().replace(' ', '-')}">${h}</th>`)
    .join('');
  const caption = `${m.controls.length} control${m.controls.length === 1 ? '' : 's'}, evaluated as of ${e(m.asOf)}`;
  const rows = m.controls.map(controlRow).join('');
  const table = m.controls.length
    ? `<table class="controls"><caption>${caption}</caption><thead><tr>${head}</tr></thead>` +
      `<tbody>${rows}</tbody></table>`
    : `<p>${e(m.missing ?? 'No control is in scope.')}</p>`;
  return `<section aria-labelledby="h-controls"><h2 id="h-controls">Controls in scope</h2>${table}</section>`;
}

const NOTHING_MAPPED = '<span class="muted">Nothing mapped: not assessed</span>';

function framework(m: ReportModel): string {
  if (!m.framework) return '';
  const f = m.framework;
  const link = (id: string) =>
    m.controls.some((c) => c.id === id) ? `<a href="#control-${e(id)}">${e(id)}</a>` : e(id);
  // An AI-governance catalogue (issue 21) has titles, checks that are not controls and a reason per mapping.
  const ai = f.items.some((i) => i.title !== undefined);
  const body = f.items
    .map((i) => {
      const controls = i.controls.map(link).join(', ');
      if (!ai) return `<tr><td class="id">${e(i.id)}</td><td class="num">${e(i.score)}</td><td>${controls}</td></tr>`;
      const why = (i.why ?? []).map((w) => `<li>${e(w)}</li>`).join('');
      return (
        `<tr><td class="id">${e(i.id)}</td><td>${e(i.title ?? '')}</td><td class="num">${e(i.score)}</td>` +
        `<td>${controls}</td><td>${(i.checks ?? []).map((c) => `<code>${e(c)}</code>`).join('<br>')}</td>` +
        `<td>${why ? `<ul class="why">${why}</ul>` : NOTHING_MAPPED}</td></tr>`
      );
    })
    .join('');
  const head = ai
    ? '<th scope="col">Item</th><th scope="col">Title</th><th scope="col" class="num">Score</th>' +
      '<th scope="col">Controls</th><th scope="col">Checks</th><th scope="col">Why each maps</th>'
    : '<th scope="col">Item</th><th scope="col" class="num">Score</th><th scope="col">Controls</th>';
  const note = f.note ? `\n<p class="muted">${e(f.note)}</p>` : '';
  const mean = ai
    ? 'the mean of its assessed items; each item’s score is the mean of its controls and of its checks’ pass shares ' +
      '(an item with nothing mapped is not assessed and left out). A mapping is evidence, not certification.'
    : 'the mean of its items; each item’s score is the mean of its controls.';
  return `<section aria-labelledby="h-framework"><h2 id="h-framework">${e(f.label)} items</h2>
<p>${e(f.label)} score: <strong>${e(f.score)}</strong> — ${e(mean)}</p>${note}
<table class="items"><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table></section>`;
}

function evidence(m: ReportModel): string {
  const body = m.evidence
    .map(
      (s) =>
        `<tr><th scope="row">${e(s.title)}</th><td><code>${e(s.csv)}</code><br><code>${e(s.json)}</code></td>` +
        `<td class="num">${e(String(s.rows))}</td><td>${e(s.note)}</td></tr>`,
    )
    .join('');
  const table = m.evidence.length
    ? '<table><thead><tr><th scope="col">Evidence set</th><th scope="col">Files in this pack</th>' +
      `<th scope="col" class="num">Rows</th><th scope="col">Note</th></tr></thead><tbody>${body}</tbody></table>`
    : '<p>This pack holds no evidence set.</p>';
  return `<section aria-labelledby="h-evidence"><h2 id="h-evidence">Evidence sets</h2>${table}</section>`;
}

function audit(m: ReportModel): string {
  const verdict = m.audit.ok ? 'Verified' : 'Verification failed';
  return (
    '<section aria-labelledby="h-audit"><h2 id="h-audit">Audit chain</h2>' +
    `<p class="audit ${m.audit.ok ? 'ok' : 'bad'}"><strong>${verdict}.</strong> ${e(m.audit.message)}</p></section>`
  );
}

/** The report as a complete HTML document. */
export function reportHtml(input: ReportInput): string {
  const m = buildReportModel(input);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(m.title)}</title>
<style>${REPORT_CSS}</style>
</head>
<body>
<main>
<header><h1>${e(m.title)}</h1>${facts(m)}</header>
${scores(m)}
${controls(m)}
${framework(m)}
${evidence(m)}
${audit(m)}
</main>
</body>
</html>
`;
}
