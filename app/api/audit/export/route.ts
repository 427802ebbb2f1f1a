// GET /api/audit/export — the filtered audit log as CSV (streamed), with the chain head signed at export.
import { stringify } from 'csv-stringify';
import { Readable } from 'node:stream';
import { recordAccess } from '@/lib/audit/record.ts';
import { auditEventBatches, auditWhere, parseAuditFilter } from '@/lib/audit/queries.ts';
import { signAuditHead } from '@/lib/audit/sign-head.ts';
import { loadSigningKey } from '@/lib/audit/signing.ts';
import { safeCsvCell } from '@/lib/http/csv-safe.ts';
import { withRoute } from '@/lib/http/with-route.ts';
import { resolveDataDir } from '@/lib/runtime/data-dir.ts';

export const dynamic = 'force-dynamic';

const COLUMNS = [
  'seq',
  'at',
  'actorLabel',
  'actorId',
  'role',
  'action',
  'targetType',
  'targetId',
  'workspaceId',
  'diff',
  'requestId',
  'sourceIp',
  'prevHash',
  'hash',
];

export const GET = withRoute('audit:export', async ({ actor, db, request }) => {
  const filter = parseAuditFilter(Object.fromEntries(new URL(request.url).searchParams));
  const where = auditWhere(filter);
  // Recording an access is fine for a GET: it changes no governed state.
  await recordAccess(db, actor, { action: 'audit.export', targetType: 'audit_log', diff: { filter } });
  const signature = await signAuditHead(db, loadSigningKey(resolveDataDir()), 'export', { force: true });
  const csv = stringify({ header: true, columns: COLUMNS });
  void (async () => {
    for await (const batch of auditEventBatches(db, where)) {
      for (const e of batch) {
        const row: Record<string, unknown> = {
          ...e,
          seq: e.seq.toString(),
          at: e.at.toISOString(),
          diff: JSON.stringify(e.diff),
        };
        const ok = csv.write(COLUMNS.map((c) => safeCsvCell(row[c])));
        if (!ok) await new Promise((resolve) => csv.once('drain', resolve));
      }
    }
    csv.end();
  })().catch((error) => csv.destroy(error as Error));
  const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-');
  return new Response(Readable.toWeb(csv) as ReadableStream, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="tollgate-audit-${stamp}.csv"`,
      'X-Content-Type-Options': 'nosniff',
      'X-Audit-Head': `${signature.seq}:${signature.hash}`,
      'X-Audit-Head-Signature': signature.signature,
    },
  });
});
