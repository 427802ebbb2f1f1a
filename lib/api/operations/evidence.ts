// Evidence packs as jobs, on the Evidence page's path (lib/evidence/jobs.ts startPackJob): POST answers 202 at
// once with the pack's id, a pack worker writes it (decision 0033), GET shows its progress, and the download
// streams the ZIP once it is done (409 before). Jobs live in PostgreSQL for an hour: any instance answers.
import { Readable } from 'node:stream';
import { z } from 'zod';
import { recordAccess } from '@/lib/audit/record.ts';
import { loadSigningKey } from '@/lib/audit/signing.ts';
import type { Db } from '@/lib/db.ts';
import { parsePeriod } from '@/lib/evidence/as-of.ts';
import {
  type PackJob,
  readPack,
  startPackJob,
  unfinishedPackJobs,
  workspacePackJob,
  workspacePackJobs,
} from '@/lib/evidence/jobs.ts';
import { PACK_FRAMEWORKS, parseScope } from '@/lib/evidence/scope.ts';
import type { PackFramework } from '@/lib/evidence/types.ts';
import { CATALOGUE } from '@/lib/posture/catalogue.ts';
import { resolveDataDir } from '@/lib/runtime/data-dir.ts';
import { listOf, pageOf, pageQuery } from '../cursor.ts';
import { defineOperation } from '../operation.ts';
import { ApiProblem, ProblemSchema } from '../problem.ts';
import { iso, Timestamp } from '../schemas.ts';
import { timeIdCursor } from './audit.ts';

// handler.ts's API_BASE: importing it would close a circle (the handler imports every operation).
const API_BASE = '/api/v1';

const SCOPES = ['all', ...PACK_FRAMEWORKS] as ['all', ...PackFramework[]];
const CONTROL_IDS = CATALOGUE.controls.map((c) => c.id) as [string, ...string[]];
// A UTC date or instant (lib/evidence/as-of.ts parsePeriod checks it again, and that from is before to).
const Instant = z
  .string()
  .regex(
    /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?Z)?$/,
    'a UTC date (2026-01-01) or instant (…T00:00:00Z)',
  );

const EvidencePack = z
  .object({
    id: z.string(),
    status: z.enum(['running', 'done', 'failed']),
    framework: z.enum(SCOPES),
    control_id: z.string().nullable(),
    period: z.object({ from: Timestamp, to: Timestamp }).meta({ description: '[from, to) in UTC.' }),
    created_at: Timestamp,
    file_count: z.number().int().meta({ description: 'Files the pack will hold.' }),
    files_written: z.number().int(),
    bytes: z.number().int(),
    filename: z.string(),
    manifest_sha256: z.string().nullable().meta({ description: 'Once done: the SHA-256 of manifest.json.' }),
    error: z.string().nullable().meta({ description: 'Why it failed; null otherwise.' }),
    download: z.string().nullable().meta({ description: 'Once done: the path of the ZIP.' }),
  })
  .meta({ id: 'EvidencePack', description: 'An evidence pack being generated, or ready to download.' });

const packPath = (job: PackJob) => `${API_BASE}/evidence-packs/${job.id}?ws=${encodeURIComponent(job.workspaceId)}`;

function showPack(job: PackJob): z.infer<typeof EvidencePack> {
  return {
    id: job.id,
    // A pack waiting for a worker is reported as running: v1 clients poll while a pack runs (0 files written yet).
    status: job.status === 'queued' ? 'running' : job.status,
    framework: job.request.scope.framework,
    control_id: job.request.scope.controlId ?? null,
    period: { from: iso(job.request.period.from), to: iso(job.request.period.to) },
    created_at: iso(job.createdAt),
    file_count: job.fileCount,
    files_written: job.files,
    bytes: job.bytes,
    filename: job.filename,
    manifest_sha256: job.manifestSha256,
    error: job.error,
    download:
      job.status === 'done'
        ? `${API_BASE}/evidence-packs/${job.id}/download?ws=${encodeURIComponent(job.workspaceId)}`
        : null,
  };
}

async function findPack(db: Db, workspaceId: string, id: string): Promise<PackJob> {
  const job = await workspacePackJob(db, workspaceId, id);
  if (!job) throw new ApiProblem('not-found', 'No such pack in this workspace (packs are kept for an hour).');
  return job;
}

/** Packs of one workspace written at the same time, at most. */
export const MAX_RUNNING = 3;

const PackId = z.object({ pack_id: z.string().min(1).max(100) });

export const evidenceOperations = [
  defineOperation({
    id: 'listEvidencePacks',
    method: 'GET',
    path: '/evidence-packs',
    tag: 'Evidence',
    summary: 'Evidence packs of the last hour, newest first',
    description:
      'Packs generated (or generating) within the hour, by anyone. Every pack ever produced is in the audit log: ' +
      'GET /audit-events?action=evidence.pack.',
    permission: 'evidence:download',
    workspace: 'query',
    query: z.object(pageQuery),
    responses: { 200: { description: 'A page of packs.', schema: listOf(EvidencePack) } },
    async handle({ db, workspaceId, query }) {
      const after = timeIdCursor(query.cursor);
      const jobs = (await workspacePackJobs(db, workspaceId)).filter(
        (j) => !after || iso(j.createdAt) < after[0] || (iso(j.createdAt) === after[0] && j.id < after[1]),
      );
      const rows = jobs.slice(0, query.limit + 1);
      return { status: 200, body: pageOf(rows, query.limit, (j) => [iso(j.createdAt), j.id], showPack) };
    },
  }),
  defineOperation({
    id: 'getEvidencePack',
    method: 'GET',
    path: '/evidence-packs/{pack_id}',
    tag: 'Evidence',
    summary: 'One evidence pack: its status and progress',
    permission: 'evidence:download',
    workspace: 'query',
    params: PackId,
    responses: { 200: { description: 'The pack.', schema: EvidencePack } },
    async handle({ db, workspaceId, params }) {
      return { status: 200, body: showPack(await findPack(db, workspaceId, params.pack_id)) };
    },
  }),
  defineOperation({
    id: 'downloadEvidencePack',
    method: 'GET',
    path: '/evidence-packs/{pack_id}/download',
    tag: 'Evidence',
    summary: 'The finished pack as a ZIP',
    description: 'Streamed as application/zip once the pack is done; a 409 problem while it runs or if it failed.',
    permission: 'evidence:download',
    workspace: 'query',
    params: PackId,
    responses: {
      200: { description: 'The pack (X-Manifest-SHA256: the hash of its manifest).', contentType: 'application/zip' },
      409: {
        description: 'conflict: the pack is still running, or failed.',
        contentType: 'application/problem+json',
        schema: ProblemSchema,
      },
    },
    async handle({ db, actor, workspaceId, params }) {
      const job = await findPack(db, workspaceId, params.pack_id);
      if (job.status !== 'done')
        throw new ApiProblem(
          'conflict',
          job.status !== 'failed'
            ? `The pack is still being written (${job.files} of ${job.fileCount} files): retry later.`
            : `The pack failed: ${job.error ?? 'unknown error'}. Start another.`,
        );
      const stream = await readPack(job, resolveDataDir());
      if (!stream)
        throw new ApiProblem('not-found', 'The pack’s file is gone (packs are kept for an hour): start another.');
      await recordAccess(db, actor, {
        action: 'evidence.download',
        targetType: 'workspace',
        targetId: job.workspaceId,
        workspaceId: job.workspaceId,
        diff: { filename: job.filename, manifestSha256: job.manifestSha256 },
      });
      const response = new Response(Readable.toWeb(stream) as ReadableStream, {
        headers: {
          'content-type': 'application/zip',
          'content-disposition': `attachment; filename="${job.filename}"`,
          'x-content-type-options': 'nosniff',
          'cache-control': 'private, no-store',
          'x-manifest-sha256': job.manifestSha256 ?? '',
        },
      });
      return { status: 200, response };
    },
  }),
  defineOperation({
    id: 'createEvidencePack',
    method: 'POST',
    path: '/evidence-packs',
    tag: 'Evidence',
    summary: 'Start an evidence pack',
    description:
      'Checks the request, answers 202 with the pack (Location: its status) and writes it in the background. A ' +
      'period still running at the time (to after now) covers everything recorded up to the moment it is written.',
    permission: 'evidence:download',
    workspace: 'query',
    body: z.object({
      framework: z.enum(SCOPES).meta({ description: 'A framework, or all for the whole programme.' }),
      control_id: z.enum(CONTROL_IDS).optional().meta({ description: 'Only this control of the guide.' }),
      from: Instant.meta({ description: 'Start of the period (inclusive), UTC.' }),
      to: Instant.meta({ description: 'End of the period (exclusive), UTC.' }),
    }),
    example: { framework: 'soc2', control_id: '6.4', from: '2026-01-01', to: '2100-01-01' },
    responses: {
      202: {
        description: 'Accepted: the pack is being written.',
        schema: EvidencePack,
        headers: { location: 'The pack’s status.' },
      },
    },
    async handle({ db, actor, workspaceId, body }) {
      // A pack reads the whole period's records: a script in a loop must not keep the server writing dozens at once.
      const running = await unfinishedPackJobs(db, workspaceId);
      if (running >= MAX_RUNNING)
        throw new ApiProblem(
          'conflict',
          `${running} packs of this workspace are being written: wait for one to finish, then retry.`,
        );
      const scope = parseScope(body.framework, body.control_id);
      const period = parsePeriod(body.from, body.to);
      const dataDir = resolveDataDir();
      loadSigningKey(dataDir); // an unusable key is refused here, not by the worker
      const job = await startPackJob(db, actor, { workspaceId, scope, period }, dataDir);
      return { status: 202, body: showPack(job), headers: { location: packPath(job) } };
    },
  }),
];
