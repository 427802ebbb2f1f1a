// Evidence packs from the demo workspace's real records: a pack verifies, a one-byte change anywhere is caught,
// the same data and period give the same manifest, the manifest's hash is in the audit log; OSCAL validates.
import { createWriteStream, readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '@/test/db.ts';
import type { Actor } from '@/lib/audit/record.ts';
import { createDb, type Db } from '@/lib/db.ts';
import { DEMO_WORKSPACE, seedDemoWorkspace } from '@/lib/seed/demo.ts';
import { generatePack } from './generate.ts';
import { oscalFor } from './oscal-export.ts';
import { flipByte, newKey, readEntries, rewriteZip, tmp } from './pack.fixture.ts';
import { verifyPack } from './pack-verify.ts';
import type { PackFramework } from './types.ts';
import { FRAMEWORK_KEYS, FRAMEWORK_LABELS, mappingsFor } from '@/lib/frameworks/catalogues.ts';

let db: Db;
const ws = DEMO_WORKSPACE.id;
const now = new Date();
const DAY = 86_400_000;
const today = new Date(Math.floor(now.getTime() / DAY) * DAY);
// A period that has ended, inside the demo's weeks of history.
const period = { from: new Date(today.getTime() - 30 * DAY), to: new Date(today.getTime() - 2 * DAY) };
const key = newKey();
const grc: Actor = { id: null, label: 'greta.grc@demo.tollgate.local', role: 'grc' };
const dir = tmp('evidence');

async function pack(name: string, framework: PackFramework | 'all' = 'soc2', by = grc) {
  const file = path.join(dir, name);
  const outcome = await generatePack(
    db,
    by,
    { workspaceId: ws, scope: { framework }, period },
    createWriteStream(file),
    key,
  );
  return { file, ...outcome };
}

beforeAll(async () => {
  const url = await createTestDatabase('evidence');
  db = createDb(url);
  await seedDemoWorkspace(db, { url });
});
afterAll(async () => db.$disconnect());

describe('evidence packs of the demo workspace', () => {
  it('verifies, and holds the report, the evidence sets and the OSCAL results', async () => {
    const { file, manifestSha256 } = await pack('soc2.zip');
    expect(await verifyPack(file, { trustedPublicKeyPem: key.publicKeyPem })).toMatchObject({
      ok: true,
      manifestSha256,
      generatedBy: grc.label,
    });
    const entries = await readEntries(file);
    expect([...entries.keys()]).toEqual(
      expect.arrayContaining([
        'report/report.html',
        'report/report.pdf',
        'oscal/assessment-results.json',
        'evidence/audit-log.csv',
        'evidence/exceptions.json',
        'manifest.json',
        'signature.json',
      ]),
    );
    const html = entries.get('report/report.html')!.toString('utf8');
    expect(html).toContain('SOC 2');
    expect(html).toMatch(/chain intact \(\d+ events before/);
    expect(entries.get('report/report.pdf')!.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('writes a pack per AI-governance framework that verifies, with its mapping table and reasons', async () => {
    for (const framework of FRAMEWORK_KEYS) {
      const { file } = await pack(`${framework}.zip`, framework);
      expect(await verifyPack(file), framework).toMatchObject({ ok: true });
      const entries = await readEntries(file);
      const html = entries.get('report/report.html')!.toString('utf8');
      expect(html, framework).toContain(`${FRAMEWORK_LABELS[framework]} items`);
      expect(html, framework).toContain('Why each maps');
      expect(entries.get('report/report.pdf')!.subarray(0, 5).toString()).toBe('%PDF-');
      expect(entries.has('evidence/sources.json')).toBe(true);
    }
    const iso = await readEntries((await pack('iso42001-again.zip', 'iso42001')).file);
    const html = iso.get('report/report.html')!.toString('utf8');
    const first = mappingsFor('iso42001')[0]!;
    expect(html).toContain(`${first.from} — ${first.why}`.replaceAll("'", '&#39;').replaceAll('"', '&quot;'));
  });

  it('catches a one-byte change to any file or to the manifest', async () => {
    const { file } = await pack('tamper.zip');
    for (const target of ['evidence/audit-log.csv', 'report/report.html', 'manifest.json']) {
      const bad = path.join(dir, `bad-${target.replaceAll('/', '-')}.zip`);
      await rewriteZip(file, bad, (name, bytes) => (name === target ? flipByte(bytes) : bytes));
      const result = await verifyPack(bad);
      expect(result.ok, target).toBe(false);
    }
  });

  it('gives the same manifest for the same data and period, by another person, later; hash audited', async () => {
    const a = await pack('a.zip', 'all');
    const b = await pack('b.zip', 'all', { id: null, label: 'otto.auditor@demo.tollgate.local', role: 'auditor' });
    expect(b.manifestSha256).toBe(a.manifestSha256);
    const [ea, eb] = await Promise.all([readEntries(a.file), readEntries(b.file)]);
    expect(eb.get('manifest.json')!.equals(ea.get('manifest.json')!)).toBe(true);
    expect(JSON.parse(ea.get('manifest.json')!.toString('utf8')).asOf).toBe(
      period.to.toISOString().replace(/\.000Z$/, 'Z'),
    );
    expect(eb.get('signature.json')!.equals(ea.get('signature.json')!)).toBe(false);
    const audited = await db.auditEvent.findMany({
      where: { workspaceId: ws, action: 'evidence.pack' },
      select: { diff: true },
    });
    expect(audited.map((e) => (e.diff as { manifestSha256: string }).manifestSha256)).toContain(a.manifestSha256);
  });

  it('exports OSCAL assessment results that validate against NIST’s schema', async () => {
    const doc = await oscalFor(db, grc, ws, period, now);
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    const schema = JSON.parse(
      readFileSync(
        path.resolve(import.meta.dirname, '../../test/fixtures/oscal/oscal_assessment-results_schema-1.0.4.json'),
        'utf8',
      ),
    );
    const validate = ajv.compile(schema);
    expect(validate(doc), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    expect(JSON.stringify(doc)).toContain('chatgpt-ent-6.4');
  });

  it('speaks for the instant it is generated while the period runs, not for the latest snapshot', async () => {
    const running = { from: new Date(today.getTime() - 5 * DAY), to: new Date(today.getTime() + DAY) };
    const file = path.join(dir, 'running.zip');
    const at = new Date();
    const outcome = await generatePack(
      db,
      grc,
      { workspaceId: ws, scope: { framework: 'all' }, period: running },
      createWriteStream(file),
      key,
      { now: at },
    );
    expect(outcome.asOf.getTime()).toBe(at.getTime());
    const entries = await readEntries(file);
    expect(JSON.parse(entries.get('manifest.json')!.toString('utf8')).asOf).toBe(
      at.toISOString().replace(/\.000Z$/, 'Z'),
    );
    expect(entries.get('report/report.html')!.toString('utf8')).toContain('the period had not ended');
    // The extract is the audit log's events of the period up to that instant, whatever the seed spread over time.
    const extract = (JSON.parse(entries.get('evidence/audit-log.json')!.toString('utf8')) as { seq: string }[]).map(
      (e) => e.seq,
    );
    const logged = await db.auditEvent.findMany({
      where: { at: { gte: running.from, lt: at }, OR: [{ workspaceId: ws }, { workspaceId: null }] },
      orderBy: { seq: 'asc' },
      select: { seq: true },
    });
    expect(extract).toEqual(logged.map((e) => e.seq.toString()));
    expect(extract.length).toBeGreaterThan(0);
  });

  it('keeps a control’s pack to that control: its sets, and only its findings', async () => {
    const file = path.join(dir, 'control.zip');
    await generatePack(
      db,
      grc,
      { workspaceId: ws, scope: { framework: 'all', controlId: '1.4' }, period },
      createWriteStream(file),
      key,
    );
    const entries = await readEntries(file);
    expect(entries.has('evidence/suspensions.csv')).toBe(false);
    const findings = JSON.parse(entries.get('evidence/findings.json')!.toString('utf8')) as { control: string }[];
    expect(findings.length).toBeGreaterThan(0);
    expect(new Set(findings.map((f) => f.control))).toEqual(new Set(['1.4']));
  });

  it('refuses a period that ended before Tollgate had evaluated the workspace', async () => {
    await expect(
      generatePack(
        db,
        grc,
        {
          workspaceId: ws,
          scope: { framework: 'soc2' },
          period: { from: new Date('2020-01-01T00:00:00Z'), to: new Date('2020-04-01T00:00:00Z') },
        },
        createWriteStream(path.join(dir, 'early.zip')),
        key,
      ),
    ).rejects.toThrow(/no posture snapshot before 2020-04-01/);
  });
});
