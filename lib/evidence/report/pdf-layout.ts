// The report's content laid out with PDFKit's text flow: it wraps long text and starts new pages itself; a
// block (a control, an evidence set) only moves to the next page when its first lines would not fit.
import type { ControlStatus } from '@/lib/posture/types.ts';
import type { ControlRow, ReportModel } from './model.ts';
import { pdfSafe } from './pdf-text.ts';

type Doc = PDFKit.PDFDocument;

const INK = '#1a1a1a';
const MUTED = '#555555';
const LINE = '#c8ccd1';
const STATUS_INK: Record<ControlStatus, string> = {
  pass: '#0b5a2a',
  partial: '#6b4a00',
  fail: '#8a1020',
  stale: '#8a1020',
  not_assessed: '#3d4650',
  not_applicable: '#3d4650',
};

const left = (doc: Doc) => doc.page.margins.left;
const width = (doc: Doc) => doc.page.width - doc.page.margins.left - doc.page.margins.right;

/** Starts a new page unless `height` points still fit on this one. */
function keepRoom(doc: Doc, height: number) {
  if (doc.y + height > doc.page.maxY()) doc.addPage();
}

function heading(doc: Doc, text: string) {
  keepRoom(doc, 80);
  doc
    .moveDown(0.8)
    .font('Helvetica-Bold')
    .fontSize(13)
    .fillColor(INK)
    .text(pdfSafe(text), left(doc), doc.y, { width: width(doc) });
  doc.outline.addItem(pdfSafe(text));
  const y = doc.y + 2;
  doc
    .moveTo(left(doc), y)
    .lineTo(left(doc) + width(doc), y)
    .lineWidth(1)
    .strokeColor(INK)
    .stroke();
  doc.y = y + 6;
}

/** "Label: value" with the label in bold, wrapping under itself. */
function labelled(doc: Doc, label: string, value: string, size = 10) {
  doc
    .fontSize(size)
    .fillColor(INK)
    .font('Helvetica-Bold')
    .text(`${pdfSafe(label)}: `, left(doc), doc.y, { width: width(doc), continued: true })
    .font('Helvetica')
    .text(pdfSafe(value));
}

/** A label and a right-aligned value on one line, as a two-column table row; the value column widens for words. */
function pairRow(doc: Doc, label: string, value: string, x: number, w: number, labelFont = 'Helvetica') {
  const [l, v] = [pdfSafe(label), pdfSafe(value)];
  const vw = Math.max(60, Math.min(doc.font('Helvetica-Bold').fontSize(10).widthOfString(v) + 2, w / 2));
  const h = Math.max(
    doc.heightOfString(v, { width: vw }),
    doc.font(labelFont).heightOfString(l, { width: w - vw - 10 }),
  );
  keepRoom(doc, h + 4);
  const y = doc.y;
  doc.fillColor(INK).text(l, x, y, { width: w - vw - 10 });
  doc.font('Helvetica-Bold');
  doc.text(v, x + w - vw, y, { width: vw, align: 'right' });
  doc.y = y + h + 3;
}

function bullets(doc: Doc, items: string[]) {
  doc.font('Helvetica').fontSize(9.5).fillColor(INK);
  for (const item of items)
    doc
      .text(pdfSafe(item), left(doc) + 12, doc.y, { width: width(doc) - 12, indent: -9, paragraphGap: 1, lineGap: 0.5 })
      .moveDown(0);
}

/** Roughly how tall a control's block is: short ones are kept whole, long ones start with a few lines. */
function controlHeight(doc: Doc, c: ControlRow): number {
  doc.font('Helvetica').fontSize(9.5);
  const w = width(doc) - 12;
  const text =
    c.reasons.reduce((h, r) => h + doc.heightOfString(pdfSafe(r), { width: w }) + 1, 0) +
    doc.heightOfString(pdfSafe(c.next ?? 'None.'), { width: w });
  return Math.min(40 + text, 140);
}

function control(doc: Doc, c: ControlRow) {
  keepRoom(doc, controlHeight(doc, c));
  doc.x = left(doc);
  doc
    .font('Helvetica-Bold')
    .fontSize(11)
    .fillColor(INK)
    .text(pdfSafe(`${c.id}  ${c.title}`), left(doc), doc.y, { width: width(doc) });
  doc
    .font('Helvetica')
    .fontSize(9.5)
    .fillColor(MUTED)
    .text(`Level ${c.level}   ·   Status: `, { continued: true })
    .font('Helvetica-Bold')
    .fillColor(STATUS_INK[c.status])
    .text(c.statusLabel.toUpperCase(), { continued: true })
    .font('Helvetica')
    .fillColor(MUTED)
    .text(`   ·   Score: ${c.score}`);
  doc.moveDown(0.2);
  bullets(doc, c.reasons.length ? c.reasons.map((r) => `•  ${r}`) : ['•  None recorded.']);
  labelled(doc, 'Next step', c.next ?? 'None.', 9.5);
  const y = doc.y + 5;
  doc
    .moveTo(left(doc), y)
    .lineTo(left(doc) + width(doc), y)
    .lineWidth(0.5)
    .strokeColor(LINE)
    .stroke();
  doc.y = y + 7;
}

function scores(doc: Doc, m: ReportModel) {
  heading(doc, m.scoresTitle);
  for (const [k, v] of m.scores) pairRow(doc, k, v, left(doc), Math.min(360, width(doc)));
  doc.moveDown(0.5).font('Helvetica-Bold').fontSize(10).text('Sections', left(doc));
  for (const [k, v] of m.sections) pairRow(doc, k, v, left(doc), Math.min(360, width(doc)));
  doc
    .moveDown(0.5)
    .font('Helvetica-Oblique')
    .fontSize(9)
    .fillColor(MUTED)
    .text(pdfSafe(`How scores are computed. ${m.formula}`), left(doc), doc.y, { width: width(doc) });
}

function framework(doc: Doc, m: ReportModel) {
  if (!m.framework) return;
  heading(doc, `${m.framework.label} items`);
  labelled(
    doc,
    `${m.framework.label} score`,
    `${m.framework.score} (the mean of its items; each item’s score is the mean of its controls)`,
  );
  if (m.framework.note) labelled(doc, 'Note', m.framework.note);
  doc.moveDown(0.3);
  for (const i of m.framework.items) {
    const mapped = i.checks
      ? [...i.controls.map((c) => `control ${c}`), ...i.checks].join(', ') || 'nothing mapped (not assessed)'
      : `controls ${i.controls.join(', ')}`;
    pairRow(doc, `${i.id}${i.title ? ` ${i.title}` : ''} — ${mapped}`, i.score, left(doc), width(doc));
    if (i.why?.length) bullets(doc, i.why);
  }
}

function evidence(doc: Doc, m: ReportModel) {
  heading(doc, 'Evidence sets');
  if (!m.evidence.length) doc.font('Helvetica').fontSize(10).text('This pack holds no evidence set.');
  for (const s of m.evidence) {
    keepRoom(doc, 50);
    pairRow(doc, s.title, `${s.rows} row${s.rows === 1 ? '' : 's'}`, left(doc), width(doc), 'Helvetica-Bold');
    doc
      .font('Courier')
      .fontSize(8.5)
      .fillColor(MUTED)
      .text(pdfSafe(`${s.csv}   ${s.json}`), left(doc) + 12, doc.y, { width: width(doc) - 12 });
    doc
      .font('Helvetica')
      .fontSize(9.5)
      .fillColor(INK)
      .text(pdfSafe(s.note), left(doc) + 12, doc.y, { width: width(doc) - 12 })
      .moveDown(0.5);
  }
}

/** Writes the whole report into `doc`, from the first page on. */
export function layoutReport(doc: Doc, m: ReportModel) {
  doc
    .font('Helvetica-Bold')
    .fontSize(18)
    .fillColor(INK)
    .text(pdfSafe(m.title), { width: width(doc) })
    .moveDown(0.5);
  for (const [k, v] of m.facts) labelled(doc, k, v);
  scores(doc, m);
  heading(doc, 'Controls in scope');
  if (!m.controls.length)
    doc
      .font('Helvetica')
      .fontSize(10)
      .text(pdfSafe(m.missing ?? 'No control is in scope.'));
  for (const c of m.controls) control(doc, c);
  framework(doc, m);
  evidence(doc, m);
  heading(doc, 'Audit chain');
  doc
    .font('Helvetica-Bold')
    .fontSize(10)
    .fillColor(m.audit.ok ? STATUS_INK.pass : STATUS_INK.fail)
    .text(m.audit.ok ? 'Verified. ' : 'Verification failed. ', left(doc), doc.y, { width: width(doc), continued: true })
    .font('Helvetica')
    .fillColor(INK)
    .text(pdfSafe(m.audit.message));
}

/** "Page n of m" and the report's title at the foot of every page (needs `bufferPages`). */
export function footers(doc: Doc, title: string, period: string) {
  const { start, count } = doc.bufferedPageRange();
  for (let i = start; i < start + count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0; // writing inside the margin must not start a new page
    const y = doc.page.height - bottom + 16;
    doc
      .font('Helvetica')
      .fontSize(8)
      .fillColor(MUTED)
      .text(pdfSafe(`${title} · ${period}`), left(doc), y, { width: width(doc) - 80, lineBreak: false, ellipsis: true })
      .text(`Page ${i + 1} of ${count}`, left(doc) + width(doc) - 80, y, {
        width: 80,
        align: 'right',
        lineBreak: false,
      });
    doc.page.margins.bottom = bottom;
  }
}
