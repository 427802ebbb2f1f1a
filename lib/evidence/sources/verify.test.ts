// The verify's check of the sources set (decision 0039), on signed packs whose files agree with their manifest: only
// the sources check can catch what is wrong in them.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tmp, writeTestPack } from '@/lib/evidence/pack.fixture.ts';
import { verifyPack } from '@/lib/evidence/pack-verify.ts';

const SHA = 'a'.repeat(64);
const source = (eventId: string, namedBy: string[], more: Record<string, unknown> = {}) => ({
  eventId,
  stored: true,
  fileSource: 'puller',
  fileName: 'compliance-api/p/CUSTOM_AGENTS_LOG/log-1',
  fileSha256: SHA,
  platformFileId: 'log-1',
  platformChecksum: `sha-256:${SHA}`,
  namedBy,
  ...more,
});
const UPLOAD = { fileSource: 'upload', fileName: 'up.jsonl', platformFileId: null, platformChecksum: null };
const json = (rows: unknown[]) => Buffer.from(`[\n${rows.map((r) => JSON.stringify(r)).join(',\n')}\n]\n`);
const dir = tmp('sources-verify');
let n = 0;

async function verified(files: Record<string, unknown[]>) {
  const file = path.join(dir, `${n++}.zip`);
  await writeTestPack(file, {
    files: Object.entries(files).map(([name, rows]) => ({ path: `evidence/${name}.json`, content: json(rows) })),
  });
  return verifyPack(file);
}

describe('a pack’s sources set', () => {
  it('verifies when it lists every event the sets name, each once, by the sets naming it', async () => {
    expect(
      await verified({
        alerts: [{ id: 'al1', eventIds: ['e1', 'e2', 'e4'] }],
        agents: [
          { externalId: 'a1', lastEventId: 'e2' },
          { externalId: 'a2', lastEventId: null },
        ],
        'platform-actions': [{ confirmedEventId: 'p:e3' }, { confirmedEventId: 'gpt-read:run-1' }],
        sources: [
          source('e1', ['alerts']),
          source('e2', ['agents', 'alerts']),
          // Two uploads of the same name with other bytes: two files, no platform id.
          source('e3', ['platform-actions'], { ...UPLOAD, fileSha256: 'd'.repeat(64) }),
          source('e4', ['alerts'], { ...UPLOAD, fileSha256: 'c'.repeat(64) }),
        ],
      }),
    ).toMatchObject({ ok: true });
    // A pack written before sources sets existed has none, and still verifies.
    expect(await verified({ alerts: [{ eventIds: ['e1'] }] })).toMatchObject({ ok: true });
  });

  it('refuses a named event it does not list, a wrong namedBy, a malformed checksum, one file two ways', async () => {
    const alerts = [{ eventIds: ['e1'] }];
    const cases: [Record<string, unknown[]>, RegExp][] = [
      [{ alerts, sources: [] }, /event e1, named by evidence\/alerts.json, is not listed/],
      [{ alerts, sources: [source('e1', ['agents'])] }, /event e1 does not say it is named by evidence\/alerts.json/],
      [{ alerts: [], sources: [source('e1', ['alerts'])] }, /event e1 says evidence\/alerts.json names it/],
      [{ sources: [source('e1', ['alerts'])] }, /but the pack has no such file/],
      [{ sources: [source('e1', ['runs'])] }, /named by an unknown set runs/],
      [{ alerts, sources: [source('e1', ['alerts'], { platformChecksum: 'crc32:00' })] }, /is not algorithm:hex/],
      [{ alerts, sources: [source('e1', ['alerts'], { fileSha256: 'xyz' })] }, /fileSha256 is not a SHA-256/],
      [
        {
          alerts: [{ eventIds: ['e1', 'e2'] }],
          sources: [source('e1', ['alerts']), source('e2', ['alerts'], { platformFileId: 'log-9' })],
        },
        /described with two different checksums or platform ids/,
      ],
      [
        { alerts, sources: [source('e1', ['alerts'], { platformChecksum: `sha-256:${'b'.repeat(64)}` })] },
        /the platform's sha-256 of its file is not the file's SHA-256/,
      ],
      [{ alerts, sources: [source('e1', ['alerts']), source('e1', ['alerts'])] }, /event e1 is listed twice/],
    ];
    for (const [files, error] of cases) {
      const result = await verified(files);
      expect(result.ok, String(error)).toBe(false);
      expect(!result.ok && result.error, String(error)).toMatch(error);
    }
  });
});
