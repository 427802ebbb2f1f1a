// Item 19: a control's "Next step" is whole in the posture, the report (HTML and PDF) and, for snapshots
// stored when the posture still cut it with "…", whole again in the report.
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { agents, some } from '@/lib/posture/facts.fixture.ts';
import { reportHtml } from './html.ts';
import { buildReportModel } from './model.ts';
import { reportPdf } from './pdf.ts';
import { reportFacts, reportInput } from './report.fixture.ts';

const LONG =
  'Customer escalation summarizer for the EMEA support desk (reads Zendesk and the CRM, posts to #support-escalations)';
const input = () =>
  reportInput(
    { framework: 'all', controlId: '6.4' },
    reportFacts({ agents: agents({ exposed: some(1, { label: LONG, href: '/agents/a1' }) }) }),
  );

/** The words a viewer would extract from the PDF, joined with spaces (PDFKit wraps long lines). */
function pdfWords(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  const texts: string[] = [];
  for (const m of raw.matchAll(/\/FlateDecode[\s\S]*?>>\s*stream\r?\n/g)) {
    const start = m.index! + m[0].length;
    const stream = inflateSync(pdf.subarray(start, raw.indexOf('endstream', start))).toString('latin1');
    for (const tj of stream.matchAll(/\[(.*?)\] TJ/g))
      texts.push(
        [...tj[1]!.matchAll(/<([0-9a-f]*)>/g)].map((h) => Buffer.from(h[1]!, 'hex').toString('latin1')).join(''),
      );
  }
  return texts.join(' ').replace(/\s+/g, ' ');
}

describe('the next step in the report', () => {
  it('is whole in the posture itself', () => {
    expect(input().posture.data.controls.find((c) => c.id === '6.4')!.next).toBe(
      `No agent exposed to the lethal trifecta. Start with: ${LONG}`,
    );
  });

  it('is whole in the report, also from a snapshot that shortened it', async () => {
    const i = input();
    const control = i.posture.data.controls.find((c) => c.id === '6.4')!;
    const lead = control.next!.slice(0, control.next!.indexOf('Start with: ') + 'Start with: '.length);
    control.next = `${lead}${LONG.slice(0, 89)}…`;
    expect(buildReportModel(i).controls[0]!.next).toBe(`No agent exposed to the lethal trifecta. Start with: ${LONG}`);
    expect(reportHtml(i)).toContain(`Start with: ${LONG.replace('&', '&amp;')}`);
    const words = pdfWords(await reportPdf(i));
    expect(words).toContain('posts to #support-escalations)');
    expect(words).not.toMatch(/Start with: [^…]*\x85/);
  });
});
