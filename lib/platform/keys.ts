// The two keys of a Compliance API source (docs/decisions/0026 "Two keys, kept apart"): what a save does to them,
// and "Test connection" with the stored key. Keys are sealed with a purpose each (one ciphertext cannot be opened
// as the other), bound to the origin of the base URL they were entered with, and never returned, logged or audited.
import type { Actor } from '@/lib/audit/record.ts';
import { recordAudit } from '@/lib/audit/record.ts';
import type { Db } from '@/lib/db.ts';
import { Prisma } from '@/lib/generated/prisma/client.ts';
import { AppError } from '@/lib/http/app-error.ts';
import { API_KEY_PURPOSE } from '@/lib/logs/puller/pull-all.ts';
import { open, seal } from '@/lib/runtime/secret-box.ts';
import { type KeyKind, type KeyTestOptions, keyOriginOf, testKey } from './connection.ts';
import { parseKeyTests, type StoredKeyTest } from './key-tests.ts';
import { ACT_KEY_PURPOSE } from './kinds.ts';

export type StoredKeys = {
  baseUrl: string;
  keyCiphertext: string;
  actKeyCiphertext: string | null;
  keyOrigin: string | null;
  keyTests: unknown;
};
export type KeyInput = { baseUrl: string; readKey?: string; actKey?: string; removeActKey?: boolean };
export type KeyPlan = {
  columns: {
    keyCiphertext: string;
    actKeyCiphertext: string | null;
    keyOrigin: string | null;
    keyTests: Prisma.InputJsonValue | typeof Prisma.DbNull;
  };
  readKeyChanged: boolean;
  actKeyChanged: boolean;
  keysClearedByOriginChange: boolean;
  hasReadKey: boolean;
  hasActKey: boolean;
};

const SAME_KEY =
  'The read key and the act key are the same key: the read key field takes the key with the read scope, ' +
  'the act key field the one with the delete/act scope.';

/** Opens a stored key to compare it, or null when it cannot be opened (the install's secret changed). */
function tryOpen(secretKey: string, purpose: string, sealed: string | null): string | null {
  if (!sealed) return null;
  try {
    return open(secretKey, purpose, sealed);
  } catch {
    return null;
  }
}

/**
 * What a save writes to the key columns. A base URL on another origin than the keys were entered with clears both
 * (the same request may carry new ones); a key left empty is kept; the last test of a changed key is dropped.
 */
export function planKeys(existing: StoredKeys | null, input: KeyInput, secretKey: string): KeyPlan {
  const readKey = input.readKey?.trim() || undefined;
  const actKey = input.actKey?.trim() || undefined;
  if (readKey && actKey && readKey === actKey) throw new AppError('unprocessable', SAME_KEY);
  if (actKey && input.removeActKey)
    throw new AppError('unprocessable', 'Enter a new act key or remove the stored one, not both.');
  const origin = keyOriginOf(input.baseUrl);
  const bound = existing ? (existing.keyOrigin ?? keyOriginOf(existing.baseUrl)) : null;
  const hadRead = Boolean(existing?.keyCiphertext);
  const hadAct = Boolean(existing?.actKeyCiphertext);
  const cleared = (hadRead || hadAct) && bound !== origin;
  if (existing && !cleared) {
    // A new key in one field that equals the key stored in the other.
    if (actKey && !readKey && tryOpen(secretKey, API_KEY_PURPOSE, existing.keyCiphertext) === actKey)
      throw new AppError('unprocessable', SAME_KEY);
    if (readKey && !actKey && !input.removeActKey) {
      if (tryOpen(secretKey, ACT_KEY_PURPOSE, existing.actKeyCiphertext) === readKey)
        throw new AppError('unprocessable', SAME_KEY);
    }
  }
  const keyCiphertext = readKey
    ? seal(secretKey, API_KEY_PURPOSE, readKey)
    : cleared
      ? ''
      : (existing?.keyCiphertext ?? '');
  const actKeyCiphertext = actKey
    ? seal(secretKey, ACT_KEY_PURPOSE, actKey)
    : cleared || input.removeActKey
      ? null
      : (existing?.actKeyCiphertext ?? null);
  const readKeyChanged = Boolean(readKey) || (cleared && hadRead);
  const actKeyChanged = Boolean(actKey) || (hadAct && (cleared || Boolean(input.removeActKey)));
  const tests = parseKeyTests(existing?.keyTests);
  if (readKeyChanged) delete tests.read;
  if (actKeyChanged || !actKeyCiphertext) delete tests.act;
  return {
    columns: {
      keyCiphertext,
      actKeyCiphertext,
      keyOrigin: origin,
      keyTests: Object.keys(tests).length ? (tests as Prisma.InputJsonValue) : Prisma.DbNull,
    },
    readKeyChanged,
    actKeyChanged,
    keysClearedByOriginChange: cleared,
    hasReadKey: keyCiphertext !== '',
    hasActKey: actKeyCiphertext !== null,
  };
}

/**
 * Runs "Test connection" for one stored key and stores the result with its time (audited, without the key).
 * The request is made outside any transaction; a key replaced meanwhile keeps its own (absent) result.
 */
export async function testStoredKey(
  db: Db,
  actor: Actor,
  workspaceId: string,
  which: KeyKind,
  secretKey: string,
  options: KeyTestOptions & { now?: () => Date } = {},
): Promise<StoredKeyTest> {
  const source = await db.complianceSource.findUnique({
    where: { workspaceId },
    select: { baseUrl: true, keyCiphertext: true, actKeyCiphertext: true, workspace: { select: { principal: true } } },
  });
  if (!source) throw new AppError('not_found', 'No Compliance API source is configured for this workspace.');
  const principal = source.workspace.principal;
  if (!principal) throw new AppError('unprocessable', 'Register the workspace’s Compliance API principal first.');
  const sealed = which === 'read' ? source.keyCiphertext : source.actKeyCiphertext;
  if (!sealed)
    throw new AppError(
      'unprocessable',
      which === 'read' ? 'No read key is stored: enter it and save first.' : 'No act key is stored.',
    );
  const key = open(secretKey, which === 'read' ? API_KEY_PURPOSE : ACT_KEY_PURPOSE, sealed);
  const result = await testKey({ baseUrl: source.baseUrl, principal, key }, which, options);
  const entry: StoredKeyTest = { at: (options.now?.() ?? new Date()).toISOString(), ...result };
  await db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT 1 FROM "ComplianceSource" WHERE "workspaceId" = ${workspaceId} FOR UPDATE`;
    const now = await tx.complianceSource.findUnique({
      where: { workspaceId },
      select: { baseUrl: true, keyCiphertext: true, actKeyCiphertext: true, keyTests: true },
    });
    const same =
      now?.baseUrl === source.baseUrl &&
      (which === 'read' ? now.keyCiphertext === sealed : now.actKeyCiphertext === sealed);
    if (!same) return;
    const tests = { ...parseKeyTests(now.keyTests), [which]: entry };
    await tx.complianceSource.update({ where: { workspaceId }, data: { keyTests: tests } });
    await recordAudit(tx, actor, {
      action: 'platform.key.test',
      targetType: 'compliance_source',
      targetId: workspaceId,
      workspaceId,
      diff: { key: which, ok: entry.ok, status: entry.status, detail: entry.detail },
    });
  });
  return entry;
}
