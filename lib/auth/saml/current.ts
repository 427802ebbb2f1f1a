// The SAML settings of this running app (from the environment the start script prepared), and the IdP's issuer
// whose users session.ts accepts.
import { logger } from '@/lib/log.ts';
import { readSamlSettings, type SamlSettings } from './config.ts';
import { loadIdpMetadata } from './idp.ts';

export function currentSamlSettings(): SamlSettings | null {
  const appUrl = process.env.AUTH_URL || `http://localhost:${process.env.PORT || 3000}`;
  return readSamlSettings(process.env, appUrl);
}

/** The IdP's entityID, or null when SAML is not configured or its metadata cannot be read just now. */
export async function samlIssuer(): Promise<string | null> {
  const settings = currentSamlSettings();
  if (!settings) return null;
  try {
    return (await loadIdpMetadata(settings)).entityId;
  } catch (error) {
    logger.error({ err: error }, 'SAML IdP metadata cannot be read');
    return null;
  }
}
