// Test helpers: write a small pack to disk, and rewrite a ZIP entry by entry (to tamper with it the way an
// attacker would: a well-formed ZIP whose content differs from what was signed).
import { createWriteStream, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import yauzl from 'yauzl';
import { ZipFile } from 'yazl';
import { loadSigningKey, type SigningKey } from '@/lib/audit/signing.ts';
import { writePack, type PackMeta } from './pack-writer.ts';
import type { PackFile } from './types.ts';

export const tmp = (prefix: string) => mkdtempSync(path.join(tmpdir(), `tollgate-${prefix}-`));

export function newKey(): SigningKey {
  return loadSigningKey(tmp('key'), {});
}

export const META: PackMeta = {
  generator: { name: 'tollgate', version: '0.1.0' },
  workspace: { id: 'ws-pack', name: 'Pack Workspace' },
  period: { from: new Date('2026-01-01T00:00:00Z'), to: new Date('2026-04-01T00:00:00Z') },
  asOf: new Date('2026-04-01T00:00:00Z'),
  scope: { framework: 'soc2' },
};

/** A few files of each kind: a buffer, a streamed content, an empty file and a nested path. */
export function sampleFiles(): PackFile[] {
  return [
    { path: 'report.html', content: Buffer.from('<h1>Evidence</h1>\n') },
    {
      path: 'audit/events.jsonl',
      content: async function* () {
        for (let i = 0; i < 500; i++) yield `{"seq":${i}}\n`;
      },
    },
    { path: 'empty.csv', content: Buffer.alloc(0) },
    {
      path: 'agents/inventory.csv',
      content: () =>
        (async function* () {
          yield Buffer.from('id,name\r\n');
          yield 'a1,Inbox\r\n';
        })(),
    },
  ];
}

export async function writeTestPack(
  file: string,
  options: { files?: PackFile[]; key?: SigningKey; by?: string; at?: Date } = {},
) {
  const out = createWriteStream(file);
  return writePack(out, options.files ?? sampleFiles(), META, {
    key: options.key ?? newKey(),
    generatedBy: options.by ?? 'grc@example.com',
    generatedAt: options.at ?? new Date('2026-04-02T09:00:00Z'),
  });
}

/** Every entry of a ZIP with its bytes (test packs are small). */
export async function readEntries(zipPath: string): Promise<Map<string, Buffer>> {
  const zip = await yauzl.openPromise(zipPath, { autoClose: false });
  const entries = new Map<string, Buffer>();
  try {
    for await (const entry of zip.eachEntry()) {
      const chunks: Buffer[] = [];
      for await (const chunk of await zip.openReadStreamPromise(entry)) chunks.push(chunk as Buffer);
      entries.set(entry.fileName, Buffer.concat(chunks));
    }
  } finally {
    zip.close();
  }
  return entries;
}

/** Writes `to` from `from`'s entries: `change` returns new bytes, or null to drop the entry; `add` appends entries. */
export async function rewriteZip(
  from: string,
  to: string,
  change: (name: string, bytes: Buffer) => Buffer | null,
  add: Record<string, Buffer> = {},
) {
  const zip = new ZipFile();
  for (const [name, bytes] of await readEntries(from)) {
    const next = change(name, bytes);
    if (next) zip.addBuffer(next, name);
  }
  for (const [name, bytes] of Object.entries(add)) zip.addBuffer(bytes, name);
  zip.end();
  await new Promise<void>((resolve, reject) =>
    zip.outputStream.pipe(createWriteStream(to)).on('finish', resolve).on('error', reject),
  );
}

/** The same bytes with one byte changed. */
export function flipByte(bytes: Buffer, at = Math.floor(bytes.length / 2)): Buffer {
  const copy = Buffer.from(bytes);
  copy[at] = copy[at]! ^ 0x01;
  return copy;
}
