// Random and hostile members exports against a real PostgreSQL (issue 15, "done means"): a preview never changes
// the roster, and a commit of a file with a fatal error or invalid rows is refused with one clear sentence
// (naming the line when there is one) and changes nothing — no member, no version, no audit event.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '@/test/db.ts';
import { createDb, type Db } from '@/lib/db.ts';
import { createWorkspace } from '@/lib/workspaces/service.ts';
import { commitMemberImport, previewMemberImport } from './service.ts';

const actor = { id: null, label: 'test-admin', role: 'admin' };
const ws = 'ws-roster-hostile';
const HEADER = 'email,name,role,status,groups,agent_roles';
let db: Db;

beforeAll(async () => {
  db = createDb(await createTestDatabase('roster_hostile'));
  await createWorkspace(db, actor, { id: ws, name: ws, kind: 'workspace', principal: null });
  const { id } = await previewMemberImport(db, actor, ws, {
    filename: 'seed.csv',
    content: Buffer.from(`${HEADER}\nann@acme.com,Ann,member,active,,\nbob@acme.com,Bob,admin,active,,\n`),
    fullExport: true,
  });
  await commitMemberImport(db, actor, ws, id, { skipInvalid: false });
});
afterAll(async () => {
  await db.$disconnect();
});

async function roster() {
  const [members, audit] = await Promise.all([
    db.member.findMany({ where: { workspaceId: ws }, orderBy: { email: 'asc' } }),
    db.auditEvent.count({ where: { workspaceId: ws } }),
  ]);
  return { members, audit };
}

const piece = fc.constantFrom(
  'a',
  ',',
  '"',
  '\n',
  '\r\n',
  '\r',
  '\ufeff',
  '=1+1',
  '@x',
  'x@acme.com',
  ';',
  'admin',
  'é',
  '\u0000',
  ' ',
);
const hostile = fc.oneof(
  fc.uint8Array({ minLength: 1, maxLength: 200 }).map((b) => Buffer.from(b)),
  fc.array(piece, { maxLength: 80 }).map((p) => Buffer.from(`${HEADER}\n${p.join('')}`)),
  fc
    .array(piece, { maxLength: 80 })
    .map((p) => Buffer.from(`${HEADER}\n"cy@acme.com,Cy,member,active,,\n${p.join('')}`)),
);

describe('members import under hostile files (property)', () => {
  it('previews without changing anything; refuses a bad file’s commit in one sentence, changing nothing', async () => {
    await fc.assert(
      fc.asyncProperty(hostile, fc.boolean(), async (content, fullExport) => {
        const before = await roster();
        const { id } = await previewMemberImport(db, actor, ws, { filename: 'hostile.csv', content, fullExport });
        expect(await roster()).toEqual(before);
        const preview = (await db.memberImport.findUniqueOrThrow({ where: { id }, select: { preview: true } }))
          .preview as { fatal: { line: number } | null; errorCount: number };
        if (!preview.fatal && preview.errorCount === 0) {
          // a clean file: not what this test is about
          await db.memberImport.update({ where: { id }, data: { status: 'discarded' } });
          return;
        }
        const refusal = await commitMemberImport(db, actor, ws, id, { skipInvalid: false }).then(
          () => null,
          (e: unknown) => e as { status?: number; message: string },
        );
        expect(refusal?.status).toBe(422);
        expect(refusal?.message).toMatch(
          preview.fatal
            ? /^Line [1-9]\d*: [^\n]+\. Nothing was imported\.$/
            : /^\d+ invalid row\(s\)\. Fix the file, or choose to skip them\. Nothing was imported\.$/,
        );
        expect(await roster()).toEqual(before);
      }),
      { numRuns: 40 },
    );
  }, 120_000);
});
