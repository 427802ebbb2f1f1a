// The configured IdP's metadata, loaded from SAML_IDP_METADATA_URL / SAML_IDP_METADATA. A URL is fetched again
// after an hour (certificate rollover reaches Tollgate without a restart); if a later fetch fails, the last good
// metadata stays in use and the failure is logged.
import { readFile } from 'node:fs/promises';
import { ConfigError } from '@/lib/runtime/config-error.ts';
import type { SamlSettings } from './config.ts';
import { MAX_METADATA_BYTES, parseIdpMetadata, type IdpMetadata } from './metadata.ts';

const REFRESH_MS = 3600_000;
let cached: { key: string; at: number; idp: IdpMetadata } | null = null;

/** Loads and parses the metadata; a failure is a ConfigError naming the setting it came from. */
export async function loadIdpMetadata(settings: SamlSettings, now = Date.now()): Promise<IdpMetadata> {
  const key = JSON.stringify(settings.metadata);
  if (cached?.key === key && (settings.metadata.kind !== 'url' || now - cached.at < REFRESH_MS)) return cached.idp;
  try {
    const idp = parseIdpMetadata(await readMetadata(settings));
    cached = { key, at: now, idp };
    return idp;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    if (cached?.key === key) {
      console.error(`${settings.metadataSetting}: metadata refresh failed (${reason}); keeping the last good one`);
      cached.at = now;
      return cached.idp;
    }
    throw new ConfigError(settings.metadataSetting, reason);
  }
}

async function readMetadata(settings: SamlSettings): Promise<string> {
  const source = settings.metadata;
  if (source.kind === 'xml') return source.xml;
  if (source.kind === 'file') {
    try {
      return await readFile(source.path, 'utf8');
    } catch (error) {
      throw new Error(`cannot read the file ${source.path} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
    }
  }
  let res: Response;
  try {
    res = await fetch(source.url, { redirect: 'error', signal: AbortSignal.timeout(8000) });
  } catch (error) {
    throw new Error(`cannot fetch ${source.url} (${(error as Error).message})`);
  }
  if (!res.ok) throw new Error(`fetching ${source.url} answered HTTP ${res.status}`);
  if (Number(res.headers.get('content-length') ?? 0) > MAX_METADATA_BYTES) {
    throw new Error('the metadata is larger than 1 MB');
  }
  const text = await res.text();
  if (Buffer.byteLength(text, 'utf8') > MAX_METADATA_BYTES) throw new Error('the metadata is larger than 1 MB');
  return text;
}
