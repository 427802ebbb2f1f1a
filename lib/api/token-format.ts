// The shape of an API token: `tg_api_` + 40 random base62 characters + a 6-character base62 CRC32 of them, so a
// secret scanner recognises the prefix and can tell a real token from a look-alike offline (as GitHub's do).
import { randomBytes } from 'node:crypto';
import { crc32 } from 'node:zlib';

export const API_TOKEN_PREFIX = 'tg_api_';
const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const BODY = 40;
const CHECK = 6;
export const API_TOKEN_SHAPE = /^tg_api_[0-9A-Za-z]{46}$/;
/** How much of a token is kept in clear: the prefix and 6 characters, enough to tell tokens apart in lists. */
export const CLEAR_LENGTH = API_TOKEN_PREFIX.length + 6;

function base62(value: number, width: number): string {
  let out = '';
  let n = value;
  for (let i = 0; i < width; i++) {
    out = ALPHABET[n % 62] + out;
    n = Math.floor(n / 62);
  }
  return out;
}

function randomBase62(length: number): string {
  let out = '';
  while (out.length < length) {
    // 248 = 4 × 62: bytes above it are dropped so every character is equally likely.
    for (const byte of randomBytes(length * 2)) if (byte < 248 && out.length < length) out += ALPHABET[byte % 62];
  }
  return out;
}

export function newApiToken(): string {
  const body = randomBase62(BODY);
  return API_TOKEN_PREFIX + body + base62(crc32(body), CHECK);
}

/** True when `text` has the token's shape and its checksum agrees (a typo or a look-alike fails here). */
export function looksLikeApiToken(text: string): boolean {
  if (!API_TOKEN_SHAPE.test(text)) return false;
  const body = text.slice(API_TOKEN_PREFIX.length, API_TOKEN_PREFIX.length + BODY);
  return base62(crc32(body), CHECK) === text.slice(-CHECK);
}
