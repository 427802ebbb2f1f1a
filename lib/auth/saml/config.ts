// SAML sign-in settings from the environment, validated once; every error names its setting. Pure: no Next, no
// Prisma (the metadata itself is read by idp.ts).
import { ConfigError, type Env } from '@/lib/runtime/config-error.ts';

export type MetadataSource =
  | { kind: 'url'; url: string }
  | { kind: 'xml'; xml: string }
  | { kind: 'file'; path: string };

export type SamlSettings = {
  metadata: MetadataSource;
  /** Which setting the metadata came from, to name it in errors. */
  metadataSetting: 'SAML_IDP_METADATA_URL' | 'SAML_IDP_METADATA';
  spEntityId: string;
  acsUrl: string;
  metadataUrl: string;
  groupsAttribute: string;
  allowIdpInitiated: boolean;
};

const LOOPBACK = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])$/;

/** True when either metadata setting is present: SAML is then configured (and demo mode is off). */
export function samlConfigured(env: Env): boolean {
  return Boolean(env.SAML_IDP_METADATA_URL?.trim() || env.SAML_IDP_METADATA?.trim());
}

/** The settings, or null when SAML is not configured. `appUrl` is AUTH_URL (the address browsers use). */
export function readSamlSettings(env: Env, appUrl: string): SamlSettings | null {
  const url = env.SAML_IDP_METADATA_URL?.trim() ?? '';
  const inline = env.SAML_IDP_METADATA?.trim() ?? '';
  if (!url && !inline) return null;
  if (url && inline) {
    throw new ConfigError('SAML_IDP_METADATA', 'and SAML_IDP_METADATA_URL are both set; keep one of them');
  }
  const base = appUrl.replace(/\/$/, '');
  const metadataUrl = `${base}/api/auth/saml/metadata`;
  const spEntityId = env.SAML_SP_ENTITY_ID?.trim() || metadataUrl;
  if (/\s/.test(spEntityId)) throw new ConfigError('SAML_SP_ENTITY_ID', 'must not contain spaces');
  const groupsAttribute = env.SAML_GROUPS_ATTRIBUTE?.trim() || 'groups';
  const allow = env.SAML_ALLOW_IDP_INITIATED?.trim() ?? '';
  if (!['', '0', '1'].includes(allow)) {
    throw new ConfigError('SAML_ALLOW_IDP_INITIATED', `"${allow}" is neither 1 (accept) nor 0 (refuse, the default)`);
  }
  return {
    metadata: url ? { kind: 'url', url: checkMetadataUrl(url) } : inlineSource(inline),
    metadataSetting: url ? 'SAML_IDP_METADATA_URL' : 'SAML_IDP_METADATA',
    spEntityId,
    acsUrl: `${base}/api/auth/saml/acs`,
    metadataUrl,
    groupsAttribute,
    allowIdpInitiated: allow === '1',
  };
}

function checkMetadataUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError('SAML_IDP_METADATA_URL', `"${value}" is not a URL`);
  }
  // The metadata carries the certificate every assertion is checked with: it must not be fetched in clear.
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK.test(url.hostname))) {
    throw new ConfigError('SAML_IDP_METADATA_URL', 'must be an https:// URL');
  }
  return url.href;
}

/** SAML_IDP_METADATA holds the XML itself, or the path of a file holding it. */
function inlineSource(value: string): MetadataSource {
  return value.startsWith('<') ? { kind: 'xml', xml: value } : { kind: 'file', path: value };
}
