import { inflateSync } from 'node:zlib';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CATALOGUE } from '@/lib/posture/catalogue.ts';
import { reportHtml } from './html.ts';
import { reportPdf } from './pdf.ts';
import { pdfSafe } from './pdf-text.ts';
import { EXCEPTION_TITLE, reportInput } from './report.fixture.ts';

/** Control id → status, from the HTML's control table. */
const rows = (html: string) =>
  new Map([...html.matchAll(/<tr id="control-([\d.]+)">.*?class="status s-(\w+)"/g)].map((m) => [m[1]!, m[2]!]));

/** WinAnsi bytes 0x80–0x9F the report uses (Node's TextDecoder reads 'windows-1252' as plain Latin-1). */
const CP1252: Record<number, string> = {
  133: '…',
  145: '‘',
  146: '’',
  147: '“',
  148: '”',
  149: '•',
  150: '–',
  151: '—',
};
const winAnsi = (bytes: Buffer) => [...bytes].map((b) => CP1252[b] ?? String.fromCharCode(b)).join('');

/**
 * The text a viewer would extract: every page stream inflated, each TJ array's hex strings decoded (WinAnsi) and
 * joined.
 */
function pdfText(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  const texts: string[] = [];
  for (const m of raw.matchAll(/\/FlateDecode[\s\S]*?>>\s*stream\r?\n/g)) {
    const start = m.index! + m[0].length;
    const stream = inflateSync(pdf.subarray(start, raw.indexOf('endstream', start))).toString('latin1');
    for (const tj of stream.matchAll(/\[(.*?)\] TJ/g))
      texts.push([...tj[1]!.matchAll(/<([0-9a-f]*)>/g)].map((h) => winAnsi(Buffer.from(h[1]!, 'hex'))).join(''));
  }
  return texts.join('\n');
}

/** The value of an info entry (PDFKit writes each as its own object). */
function infoValue(pdf: Buffer, key: string): string | undefined {
  const raw = pdf.toString('latin1');
  const ref = raw.match(new RegExp(`/${key} (\\d+) 0 R`))?.[1];
  return ref ? raw.match(new RegExp(`\\n${ref} 0 obj\\n(.*)\\n`))?.[1] : undefined;
}

afterEach(() => vi.useRealTimers());

describe('the report as HTML', () => {
  it('shows every SOC 2 control with its status, and no other control', () => {
    const input = reportInput({ framework: 'soc2' });
    const html = reportHtml(input);
    const expected = CATALOGUE.controls.filter((c) => c.soc2.length > 0).map((c) => c.id);
    const shown = rows(html);
    expect([...shown.keys()]).toEqual(expected);
    for (const c of input.posture.data.controls) {
      if (expected.includes(c.id)) expect(shown.get(c.id)).toBe(c.status);
    }
    expect(html).not.toContain('id="control-6.4"');
    expect(html).toMatch(/<td class="id">CC6\.1<\/td><td class="num">66\.7<\/td>/);
    expect(html).toContain('SOC 2 score: <strong>58.3</strong>');
  });

  it('shows one control for a control scope, and says so when the posture lacks it', () => {
    expect([...rows(reportHtml(reportInput({ framework: 'all', controlId: '6.4' }))).entries()]).toEqual([
      ['6.4', 'fail'],
    ]);
    expect(reportHtml(reportInput({ framework: 'all', controlId: '9.9' }))).toContain(
      'Control 9.9 was not evaluated in this posture.',
    );
  });

  it('escapes markup from the records and loads nothing', () => {
    const html = reportHtml(reportInput());
    expect(html).not.toContain('<script');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; No EKM in our plan');
    expect(html).not.toMatch(/\s(src|href)="(?!#)/);
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'"`);
  });

  it('states the period, the posture source, the formula and the audit result, and never the current time', () => {
    vi.useFakeTimers({ now: new Date('2031-07-07T07:07:07Z'), toFake: ['Date'] });
    const html = reportHtml(reportInput());
    vi.setSystemTime(new Date('2032-01-01T00:00:00Z'));
    expect(reportHtml(reportInput())).toBe(html);
    expect(html).toContain('[2026-01-01T00:00:00Z, 2026-04-01T00:00:00Z)');
    expect(html).toContain('from a posture snapshot taken at 2026-03-31T23:55:00Z');
    expect(html).toContain('Control score = 100 × the mean of its checks’ scores');
    expect(html).toContain('<strong>Verified.</strong> 1,204 events');
    expect(html).toContain('<code>evidence/agents.csv</code>');
    expect(html).not.toMatch(/203[12]/);
    expect(html).toContain('<dd>2026-04-01T00:00:00Z — the period’s end</dd>');
    expect(html).toContain('Scores as of 2026-04-01T00:00:00Z');
  });

  it('speaks for the moment of generation while the period runs, never for its end', () => {
    const html = reportHtml(running());
    expect(html).toContain(
      '<dt>As of</dt><dd>2026-03-15T09:30:00.250Z — the period had not ended: ' +
        'everything recorded before this instant, when the pack was generated</dd>',
    );
    expect(html).toContain(
      '<dt>Posture</dt><dd>evaluated at 2026-03-15T09:30:00.250Z, when the pack was generated</dd>',
    );
    expect(html).toContain('<h2 id="h-scores">Scores as of 2026-03-15T09:30:00.250Z</h2>');
    expect(html).not.toMatch(/(at|from) the period’s end/);
  });
});

/** A report of a period still running, generated at 2026-03-15T09:30:00.250Z with a live evaluation. */
function running() {
  const input = reportInput();
  const at = new Date('2026-03-15T09:30:00.250Z');
  return { ...input, asOf: at, posture: { ...input.posture, source: 'live' as const, at } };
}

describe('the report of a running period as PDF', () => {
  it('says as of the moment of generation in its text, and dates itself then', async () => {
    const pdf = await reportPdf(running());
    const text = pdfText(pdf);
    expect(text).toContain('Scores as of 2026-03-15T09:30:00.250Z');
    expect(text).toContain('the period had not ended');
    expect(text).not.toContain('Scores at the period’s end');
    expect(infoValue(pdf, 'CreationDate')).toBe('(D:20260315093000Z)');
  });
});

describe('the report as PDF', () => {
  it('is a PDF, byte-identical across calls at different times', async () => {
    vi.useFakeTimers({ now: new Date('2031-07-07T07:07:07Z'), toFake: ['Date'] });
    const a = await reportPdf(reportInput({ framework: 'soc2' }));
    vi.setSystemTime(new Date('2032-01-01T00:00:00Z'));
    const b = await reportPdf(reportInput({ framework: 'soc2' }));
    expect(a.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(a.equals(b)).toBe(true);
    expect(a.toString('latin1')).not.toMatch(/D:203[12]/);
  });

  it('fixes its metadata dates at the period’s end', async () => {
    const pdf = await reportPdf(reportInput());
    expect(infoValue(pdf, 'CreationDate')).toBe('(D:20260401000000Z)');
    expect(infoValue(pdf, 'ModDate')).toBe('(D:20260401000000Z)');
  });

  it('carries the controls in scope, with their statuses, in its text', async () => {
    const text = pdfText(await reportPdf(reportInput({ framework: 'soc2' })));
    expect(text).toContain('6.6  Stream Compliance Platform Logs to SIEM');
    expect(text).toContain('PARTIAL');
    expect(text).not.toContain('6.4  ');
    expect(text).toContain('CC6.1 — controls 1.1, 1.2, 6.1');
  });

  it('maps characters the standard fonts lack, keeping the ones they have', async () => {
    const text = pdfText(await reportPdf(reportInput()));
    expect(text).toContain('(Posture -> Attestations)');
    for (const part of ['“accepted”', '2 × per year', '-> reviewed']) expect(text).toContain(part);
    expect(EXCEPTION_TITLE).toContain('→');
    expect(pdfSafe('“a” — b’s 2 × 3 → ≥ Łódź 😀\u0093')).toBe('“a” — b’s 2 × 3 -> >= Lódz ?');
  });
});
