// The report's stylesheet, inline so that the HTML opens from a ZIP with nothing to fetch. Printable (A4),
// and never colour alone: every status is also written out.
export const REPORT_CSS = `
:root { color-scheme: light; --ink: #1a1a1a; --muted: #555; --line: #d0d4d9; --head: #f2f4f6; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif;
  color: var(--ink); background: #fff; }
main { max-width: 1100px; margin: 0 auto; padding: 32px 24px 48px; }
h1 { font-size: 24px; margin: 0 0 16px; }
h2 { font-size: 18px; margin: 32px 0 8px; padding-bottom: 4px; border-bottom: 2px solid var(--ink); }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; margin: 0; }
dl.facts dt { font-weight: 600; }
dl.facts dd { margin: 0; }
table { width: 100%; border-collapse: collapse; margin: 8px 0 16px; }
caption { text-align: left; font-weight: 600; padding: 4px 0; }
th, td { border: 1px solid var(--line); padding: 6px 8px; text-align: left; vertical-align: top; }
thead th { background: var(--head); }
td.num, th.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
td.id { white-space: nowrap; font-weight: 600; }
table.scores { width: auto; min-width: 320px; }
table.controls { table-layout: fixed; }
.c-control { width: 64px; } .c-title { width: 16%; } .c-level { width: 52px; } .c-status { width: 150px; }
.c-score { width: 64px; text-align: right; } .c-reasons { width: 28%; }
table.items { width: auto; min-width: 50%; }
.grid { display: flex; flex-wrap: wrap; gap: 0 32px; align-items: flex-start; }
ul.reasons { margin: 0; padding-left: 18px; }
.status { display: inline-block; padding: 1px 8px; border-radius: 10px; font-weight: 600; white-space: nowrap;
  border: 1px solid; }
.s-pass { color: #0b5a2a; background: #e3f4e8; }
.s-partial { color: #6b4a00; background: #fff3d6; }
.s-fail, .s-stale { color: #8a1020; background: #fde7ea; }
.s-not_assessed, .s-not_applicable { color: #3d4650; background: #eef0f2; }
.formula { color: var(--muted); max-width: 80ch; }
.muted { color: var(--muted); }
code { font: 13px ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; }
p.audit { padding: 8px 12px; border-left: 4px solid; }
p.audit.ok { border-color: #0b5a2a; background: #e3f4e8; }
p.audit.bad { border-color: #8a1020; background: #fde7ea; }
@page { size: A4; margin: 16mm 14mm; }
@media print {
  body { font-size: 10.5pt; }
  main { max-width: none; padding: 0; }
  thead { display: table-header-group; }
  tr, p.audit { break-inside: avoid; }
  h2 { break-after: avoid; }
}
`;
