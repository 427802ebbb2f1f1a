// TOLLGATE_PACKS_DIR (decision 0038): one folder every instance mounts, checked at start with the setting's name.
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '@/lib/runtime/config-error.ts';
import { tmp } from './pack.fixture.ts';
import { assertPacksDir, PACK_FILE, packsDir } from './packs-dir.ts';

const refusal = (env: Record<string, string>) => {
  try {
    assertPacksDir(env);
    return null;
  } catch (error) {
    return error;
  }
};

describe('the packs folder', () => {
  it('is the data dir’s own packs/ unless TOLLGATE_PACKS_DIR names a shared one', () => {
    expect(packsDir('/var/lib/tollgate-a', {})).toBe('/var/lib/tollgate-a/packs');
    const shared = { TOLLGATE_PACKS_DIR: '/mnt/tollgate-packs' };
    expect(packsDir('/var/lib/tollgate-a', shared)).toBe(packsDir('/var/lib/tollgate-b', shared));
  });

  it('refuses a relative, missing, non-folder shared setting by name, and accepts a writable folder', () => {
    const root = tmp('packs-dir');
    const file = path.join(root, 'a-file');
    writeFileSync(file, '');
    for (const value of ['packs', path.join(root, 'missing'), file]) {
      const error = refusal({ TOLLGATE_PACKS_DIR: value });
      expect(error, value).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).setting).toBe('TOLLGATE_PACKS_DIR');
      expect((error as Error).message).toContain(value);
    }
    const shared = path.join(root, 'shared');
    mkdirSync(shared);
    expect(refusal({ TOLLGATE_PACKS_DIR: shared })).toBeNull();
    expect(readdirSync(shared)).toEqual([]); // the write probe is gone
    expect(refusal({})).toBeNull();
  });

  it('names only packs and their attempts as pack files (the sweep leaves anything else of a shared folder)', () => {
    const id = '0b8e2a44-63f1-4b0e-9d6f-3f6f8f0f2a11';
    expect(PACK_FILE.test(`${id}.zip`)).toBe(true);
    expect(PACK_FILE.test(`${id}.zip.2-0a1b2c3d.part`)).toBe(true);
    for (const other of ['backup.tar', `${id}.zip.bak`, `x${id}.zip`, '.tollgate-probe-1-ab'])
      expect(PACK_FILE.test(other), other).toBe(false);
  });
});
