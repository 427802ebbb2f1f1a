// `tollgate platform configure` and `tollgate platform test`: the Compliance API source and its two keys for a
// headless install, through the same service as Alerts → Sources (docs/decisions/0026), audited as `cli:<os user>`.
// Keys come from files only: a key on the command line lands in the shell history and the process list.
// Exit 0 done (configure) or every stored key passed (test), 1 refused or a test failed, 2 usage.
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { complianceSourceOf } from '@/lib/logs/queries.ts';
import { saveComplianceSource } from '@/lib/logs/sources.ts';
import type { KeyKind } from '@/lib/platform/connection.ts';
import { keyStatusOf } from '@/lib/platform/key-queries.ts';
import type { StoredKeyTest } from '@/lib/platform/key-tests.ts';
import { testStoredKey } from '@/lib/platform/keys.ts';
import { ConfigError, type Env } from '@/lib/runtime/config-error.ts';
import { loadSecrets } from '@/lib/runtime/secrets.ts';
import { resolveWorkspace } from '@/lib/workspaces/service.ts';
import { withDatabase } from './context.ts';
import { cliActor } from './file-import.ts';

export type ConfigureOptions = {
  json: boolean;
  workspace?: string;
  baseUrl: string;
  readKeyFile: string | null;
  actKeyFile?: string;
  removeActKey?: boolean;
  logTypes?: string;
  paused?: boolean;
  /** A key given on the command line: refused, never used. */
  keyArgument?: boolean;
};
export type TestOptions = { json: boolean; workspace?: string };

const MAX_KEY_FILE_BYTES = 4096;
const DEFAULT_LOG_TYPES = ['CUSTOM_AGENTS_LOG', 'AUDIT_LOG'];

/** A usage error: one sentence, exit 2. */
class UsageError extends Error {}

/**
 * The key in `file`: the whole file but one trailing newline. Refuses a file others can read (the key would be
 * theirs too), an empty file, and one holding spaces or several lines (a wrong file, or two keys).
 */
export function readKeyFile(file: string, option: string, platform = process.platform): string {
  let stat: ReturnType<typeof statSync>;
  try {
    stat = statSync(file);
  } catch {
    throw new UsageError(`${option} ${file}: no such file.`);
  }
  if (!stat.isFile()) throw new UsageError(`${option} ${file}: not a file.`);
  if (stat.size > MAX_KEY_FILE_BYTES) throw new UsageError(`${option} ${file}: too large for a key.`);
  if (platform !== 'win32' && (stat.mode & 0o077) !== 0)
    throw new UsageError(
      `${option} ${file}: other users can read it (mode ${(stat.mode & 0o777).toString(8)}); run chmod 600 ${file}.`,
    );
  const key = readFileSync(file, 'utf8').replace(/\r?\n$/, '');
  if (key === '') throw new UsageError(`${option} ${file}: the file is empty.`);
  if (!/^[\x21-\x7e]+$/.test(key))
    throw new UsageError(`${option} ${file}: put the key alone in the file (it holds spaces or several lines).`);
  return key;
}

/**
 * The install's secret, which seals the keys. With DATABASE_URL a secret made up here would seal keys the running
 * Tollgate cannot open, so it must come from TOLLGATE_SECRET_KEY or the data dir's existing secrets.json.
 */
export function cliSecretKey(dataDir: string, env: Env = process.env): string {
  if (env.DATABASE_URL && !env.TOLLGATE_SECRET_KEY && !existsSync(path.join(dataDir, 'secrets.json')))
    throw new ConfigError(
      'TOLLGATE_SECRET_KEY',
      'is not set; with DATABASE_URL set this command needs the secret key of the Tollgate that uses that ' +
        'database (it seals the keys), so set TOLLGATE_SECRET_KEY to it',
    );
  return loadSecrets(dataDir, env).secretKey;
}

function usage(error: unknown): number {
  if (!(error instanceof UsageError)) throw error;
  console.error(`tollgate: ${error.message}`);
  return 2;
}

export async function platformConfigureCommand(options: ConfigureOptions): Promise<number> {
  let readKey: string;
  let actKey: string | undefined;
  try {
    if (options.keyArgument)
      throw new UsageError(
        'keys are read from files only (--read-key-file, --act-key-file): a key given as an argument stays in ' +
          'the shell history and the process list. Nothing was saved.',
      );
    if (!options.readKeyFile) throw new UsageError('--read-key-file F is required (the read key, in a file).');
    if (options.actKeyFile && options.removeActKey)
      throw new UsageError('give --act-key-file or --remove-act-key, not both.');
    readKey = readKeyFile(options.readKeyFile, '--read-key-file');
    actKey = options.actKeyFile ? readKeyFile(options.actKeyFile, '--act-key-file') : undefined;
  } catch (error) {
    return usage(error);
  }
  const logTypes = options.logTypes?.split(',').map((t) => t.trim());
  return withDatabase(async ({ db, dataDir }) => {
    const secretKey = cliSecretKey(dataDir);
    const workspace = await resolveWorkspace(db, options.workspace);
    const existing = await complianceSourceOf(db, workspace.id);
    const saved = await saveComplianceSource(
      db,
      cliActor(),
      workspace.id,
      {
        baseUrl: options.baseUrl,
        logTypes: logTypes ?? existing?.logTypes ?? DEFAULT_LOG_TYPES,
        apiKey: readKey,
        actKey,
        removeActKey: options.removeActKey,
        enabled: !options.paused,
      },
      secretKey,
    );
    if (options.json) {
      console.log(
        JSON.stringify({
          workspace: workspace.id,
          base_url: options.baseUrl,
          read_key: saved.readKey,
          act_key: saved.actKey,
          keys_cleared_by_origin_change: saved.keysClearedByOriginChange,
        }),
      );
    } else {
      if (saved.keysClearedByOriginChange)
        console.error("The base URL's origin changed: the keys stored before were cleared.");
      console.log(
        `Compliance API source of ${workspace.id} ${saved.created ? 'created' : 'saved'}: ${options.baseUrl}; ` +
          `read key ${saved.readKey}; act key ${saved.actKey}` +
          (saved.actKey === 'none' ? ' (suspensions fall back to the console steps)' : '') +
          `; ${saved.enabled ? 'pulled every 15 minutes' : 'paused'}. Check the keys with \`tollgate platform test\`.`,
      );
    }
    return 0;
  });
}

const shown = (test: StoredKeyTest | null) =>
  test && { ok: test.ok, status: test.status, detail: test.detail, at: test.at };

export async function platformTestCommand(options: TestOptions): Promise<number> {
  return withDatabase(async ({ db, dataDir }) => {
    const workspace = await resolveWorkspace(db, options.workspace);
    const status = await keyStatusOf(db, workspace.id);
    if (!status) {
      console.error(
        `tollgate: workspace ${workspace.id} has no Compliance API source; run \`tollgate platform configure\`.`,
      );
      return 1;
    }
    const secretKey = cliSecretKey(dataDir);
    const results: Record<KeyKind, StoredKeyTest | null> = { read: null, act: null };
    for (const which of ['read', 'act'] as const) {
      const stored = which === 'read' ? status.hasReadKey : status.hasActKey;
      if (stored) results[which] = await testStoredKey(db, cliActor(), workspace.id, which, secretKey);
    }
    const passed = status.hasReadKey && Object.values(results).every((r) => r === null || r.ok);
    if (options.json) {
      console.log(JSON.stringify({ workspace: workspace.id, read: shown(results.read), act: shown(results.act) }));
    } else {
      for (const which of ['read', 'act'] as const) {
        const r = results[which];
        const none = which === 'read' ? 'none stored' : 'none stored: suspensions fall back to the console steps';
        console.log(`${which} key: ${r ? `${r.ok ? 'passed' : 'FAILED'}: ${r.detail}` : none}`);
      }
    }
    return passed ? 0 : 1;
  });
}
