// The evidence pack's readable report as a PDF (issue 8), made with PDFKit (pure JavaScript, no browser) and
// reproducible: the same input gives the same bytes. PDFKit stamps `new Date()` as CreationDate unless told
// otherwise, and derives the trailer /ID from the info dictionary only (an MD5 of its values, no randomness
// unless the file is encrypted, which it is not here), so fixing every info value fixes the whole file.
import PDFDocument from 'pdfkit';
import type { ReportInput } from '@/lib/evidence/types.ts';
import { buildReportModel, utc } from './model.ts';
import { footers, layoutReport } from './pdf-layout.ts';

export const PDF_PRODUCER = 'Tollgate evidence report (PDFKit)';

/** The info dictionary: every value comes from the input, the dates from the instant the pack speaks for. */
export function reportPdfInfo(input: ReportInput, title: string): PDFKit.DocumentInfo {
  const at = new Date(input.asOf.getTime());
  return {
    Title: title,
    Subject:
      `Evidence for ${input.workspace.name}, [${utc(input.period.from)}, ` +
      `${utc(input.period.to)}), as of ${utc(input.asOf)}`,
    Author: `${input.generator.name} ${input.generator.version}`,
    Creator: `${input.generator.name} ${input.generator.version}`,
    Producer: PDF_PRODUCER,
    CreationDate: at,
    ModDate: at,
  };
}

/** The report as PDF bytes. `compress: false` leaves the page streams readable (for tests). */
export function reportPdf(input: ReportInput, options: { compress?: boolean } = {}): Promise<Buffer> {
  const m = buildReportModel(input);
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 50, bottom: 56, left: 50, right: 50 },
    bufferPages: true,
    autoFirstPage: true,
    compress: options.compress ?? true,
    lang: 'en',
    displayTitle: true,
    info: reportPdfInfo(input, m.title),
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  layoutReport(doc, m);
  footers(doc, m.title, `[${utc(input.period.from)}, ${utc(input.period.to)}) · as of ${m.asOf}`);
  doc.end();
  return done;
}
