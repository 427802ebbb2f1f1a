// The content of an evidence pack, file by file, streamed: each evidence set as CSV and JSON, the sources set (the
// Compliance Logs events and files the others name, decision 0039), the OSCAL assessment results, then the readable
// report (HTML and PDF), which names every set with its row count.
// Everything is "as of" one instant (lib/evidence/as-of.ts): an ended period's end, so the same data and period
// give the same files; or, while the period runs, the moment of generation, so nothing recorded before it is left out.
import type { SigningKey } from '@/lib/audit/signing.ts';
import { verifyAuditChain } from '@/lib/audit/verify.ts';
import type { Db } from '@/lib/db.ts';
import { AppError } from '@/lib/http/app-error.ts';
import { evidenceAsOf, GENERATOR } from './as-of.ts';
import { buildOscal } from './oscal-export.ts';
import { reportHtml } from './report/html.ts';
import { reportPdf } from './report/pdf.ts';
import { scopeControls, setsFor } from './sets/index.ts';
import { csvLines, jsonLines } from './sets/serialize.ts';
import { SOURCE_COLUMNS, SOURCES_NOTE, SOURCES_TITLE, sourceRows } from './sets/sources.ts';
import { EVENT_REFS, SOURCES_SET } from './sources/refs.ts';
import type { SetContext } from './sets/types.ts';
import type { EvidenceSetSummary, PackFile, PackScope, Period, PostureAsOf } from './types.ts';

export type PackRequest = { workspaceId: string; scope: PackScope; period: Period };
type Workspace = { id: string; name: string };

/**
 * Files a pack of this scope holds besides its manifest and signature: two per evidence set and for the sources set,
 * OSCAL, the report.
 */
export const packFileCount = (scope: PackScope) => (setsFor(scope).length + 1) * 2 + 3;

/**
 * Checks the request and fixes the instant the pack speaks for; the files are read as they are written. `known`:
 * the posture an earlier attempt at the same pack reported (lib/evidence/worker.ts), so a retry writes the same files.
 */
export async function preparePack(db: Db, req: PackRequest, key: SigningKey, now = new Date(), known?: PostureAsOf) {
  const workspace = await db.workspace.findUnique({ where: { id: req.workspaceId }, select: { id: true, name: true } });
  if (!workspace) throw new AppError('not_found', `No workspace ${req.workspaceId}.`);
  const { asOf, posture } = await evidenceAsOf(db, workspace.id, req.period, now, known);
  const sets = setsFor(req.scope);
  return {
    meta: { generator: GENERATOR, workspace, period: req.period, asOf, scope: req.scope },
    asOf,
    posture,
    fileCount: packFileCount(req.scope),
    files: () => packFiles(db, { workspace, req, asOf, posture, key, sets }),
  };
}

type Context = {
  workspace: Workspace;
  req: PackRequest;
  asOf: Date;
  posture: PostureAsOf;
  key: SigningKey;
  sets: ReturnType<typeof setsFor>;
};

async function* packFiles(db: Db, { workspace, req, asOf, posture, key, sets }: Context): AsyncIterable<PackFile> {
  // A scoped pack keeps only its controls' findings and attestations.
  const controls = scopeControls(req.scope);
  const ctx: SetContext = { workspaceId: workspace.id, period: req.period, asOf, ...(controls ? { controls } : {}) };
  const summaries: EvidenceSetSummary[] = [];
  // Event id → the sets naming it, gathered as the CSV files are written (the JSON files hold the same rows).
  const named = new Map<string, Set<string>>();
  for (const def of sets) {
    const counted = { rows: 0 };
    const csv = `evidence/${def.name}.csv`;
    const json = `evidence/${def.name}.json`;
    const rows = naming(def.rows(db, ctx), def.name, named);
    // The pack writer reads one file to its end before asking for the next: the count is complete below.
    yield { path: csv, content: () => csvLines(def, counting(rows, counted)) };
    yield { path: json, content: () => jsonLines(def, def.rows(db, ctx)) };
    summaries.push({ title: def.title, csv, json, rows: counted.rows, note: def.note });
  }
  const sources = { csv: `evidence/${SOURCES_SET}.csv`, json: `evidence/${SOURCES_SET}.json`, counted: { rows: 0 } };
  const sourceDef = { name: SOURCES_SET, columns: SOURCE_COLUMNS };
  yield {
    path: sources.csv,
    content: () => csvLines(sourceDef, counting(sourceRows(db, workspace.id, named), sources.counted)),
  };
  yield { path: sources.json, content: () => jsonLines(sourceDef, sourceRows(db, workspace.id, named)) };
  summaries.push({
    title: SOURCES_TITLE,
    csv: sources.csv,
    json: sources.json,
    rows: sources.counted.rows,
    note: SOURCES_NOTE,
  });
  const oscal = await buildOscal(db, workspace, req.period, asOf, posture);
  yield { path: 'oscal/assessment-results.json', content: Buffer.from(`${JSON.stringify(oscal, null, 2)}\n`) };
  const chain = await verifyAuditChain(db, key.publicKeyPem, { before: asOf });
  const input = {
    workspace,
    period: req.period,
    scope: req.scope,
    generator: GENERATOR,
    posture,
    asOf,
    evidenceSets: summaries,
    auditChain: { ok: chain.ok, message: chain.message },
  };
  yield { path: 'report/report.html', content: Buffer.from(reportHtml(input)) };
  yield { path: 'report/report.pdf', content: await reportPdf(input) };
}

async function* naming(
  rows: AsyncIterable<Record<string, unknown>>,
  set: string,
  named: Map<string, Set<string>>,
): AsyncIterable<Record<string, unknown>> {
  const refs = EVENT_REFS[set];
  for await (const row of rows) {
    for (const id of refs?.(row) ?? []) {
      const by = named.get(id);
      if (by) by.add(set);
      else named.set(id, new Set([set]));
    }
    yield row;
  }
}

async function* counting<T>(rows: AsyncIterable<T>, counted: { rows: number }): AsyncIterable<T> {
  for await (const row of rows) {
    counted.rows++;
    yield row;
  }
}
