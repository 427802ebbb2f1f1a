// tollgate evidence verify PACK.zip [--json] — checks an evidence pack's files and signature; no database.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { loadSigningKey } from '@/lib/audit/signing.ts';
import { verifyPack } from '@/lib/evidence/pack-verify.ts';
import type { Env } from '@/lib/runtime/config-error.ts';
import { dataDirPath } from '@/lib/runtime/data-dir.ts';

/**
 * Which key to trust: the signing key lives in TOLLGATE_AUDIT_SIGNING_KEY or <data dir>/audit-signing-key.pem,
 * never in the database, so no database is needed. When this install has a key, the pack must be signed by it.
 * Otherwise (an auditor's machine) the pack is checked with the key it carries, and the keyId is printed so
 * the auditor compares it with Settings. The data dir is looked up without resolveDataDir, which would create
 * ./.data wherever an auditor happens to run the command; and an existing key is never generated anew.
 */
function installKey(env: Env): { publicKeyPem: string; keyId: string } | null {
  const dataDir = dataDirPath(env);
  if (!env.TOLLGATE_AUDIT_SIGNING_KEY && !existsSync(path.join(dataDir, 'audit-signing-key.pem'))) return null;
  return loadSigningKey(dataDir, env);
}

export async function evidenceVerifyCommand(
  options: { json: boolean; args: string[] },
  env: Env = process.env,
): Promise<number> {
  if (options.args.length !== 1) {
    console.error('Usage: tollgate evidence verify PACK.zip [--json]');
    return 2;
  }
  const key = installKey(env);
  const result = await verifyPack(options.args[0]!, { trustedPublicKeyPem: key?.publicKeyPem });
  const trustedKey = key ? 'install' : 'pack';
  if (options.json) {
    console.log(JSON.stringify({ ...result, trustedKey }));
  } else if (result.ok) {
    console.log(`OK: ${result.files} file(s) match manifest.json (SHA-256 ${result.manifestSha256}).`);
    console.log(`Signed by ${result.generatedBy} at ${result.generatedAt} with key ${result.keyId}`);
    console.log(
      key
        ? "  — this install's audit signing key."
        : '  — compare this key id with Settings in the Tollgate that produced the pack.',
    );
  } else {
    console.log(`FAILED: ${result.error}`);
  }
  return result.ok ? 0 : 1;
}
