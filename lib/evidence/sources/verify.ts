// The sources set checked as an auditor's verify does (decision 0039), without a database: every event another set
// names is listed; each listed event is named by the sets it says; every file's SHA-256 and platform checksum are
// well formed (a platform sha-256 is the file's SHA-256), and one file is described one way only. Rows are read one
// JSON line at a time (the pack's JSON sets hold one canonical row per line), so memory follows the number of events,
// not the size of the files.
import { EVENT_REFS, PLATFORM_CHECKSUM, SHA256_HEX, SOURCES_SET } from './refs.ts';

/** The rows of one evidence/<name>.json of the pack, or null when the pack has no such file. */
export type ReadRows = (path: string) => AsyncIterable<Record<string, unknown>> | null;

export const setPath = (name: string) => `evidence/${name}.json`;

/** The first problem, or null. A pack written before sources sets existed has none and passes. */
export async function checkSources(read: ReadRows): Promise<string | null> {
  const path = setPath(SOURCES_SET);
  const sourceRows = read(path);
  if (!sourceRows) return null;
  const listed = new Map<string, Set<string>>();
  const files = new Map<string, string>();
  for await (const row of sourceRows) {
    const id = row.eventId;
    if (typeof id !== 'string' || id === '') return `${path}: a row has no eventId`;
    if (listed.has(id)) return `${path}: event ${id} is listed twice`;
    const namedBy = Array.isArray(row.namedBy) ? row.namedBy.filter((s): s is string => typeof s === 'string') : [];
    const unknown = namedBy.find((set) => !(set in EVENT_REFS));
    if (namedBy.length === 0 || unknown !== undefined)
      return `${path}: event ${id} is named by ${unknown === undefined ? 'no set' : `an unknown set ${unknown}`}`;
    listed.set(id, new Set(namedBy));
    if (row.stored !== true) continue;
    if (typeof row.fileSha256 !== 'string' || !SHA256_HEX.test(row.fileSha256))
      return `${path}: event ${id}: fileSha256 is not a SHA-256`;
    const checksum = row.platformChecksum;
    if (checksum !== null && (typeof checksum !== 'string' || !PLATFORM_CHECKSUM.test(checksum)))
      return `${path}: event ${id}: platformChecksum ${JSON.stringify(checksum)} is not algorithm:hex`;
    // The puller stored only bytes matching the platform's checksum: a SHA-256 one is Tollgate's own hash.
    if (typeof checksum === 'string' && checksum.startsWith('sha-256:') && checksum.slice(8) !== row.fileSha256)
      return `${path}: event ${id}: the platform's sha-256 of its file is not the file's SHA-256`;
    // One file (its bytes, by their SHA-256) is described one way only.
    const described = JSON.stringify([row.platformFileId ?? null, checksum]);
    const before = files.get(row.fileSha256);
    if (before !== undefined && before !== described)
      return `${path}: file ${String(row.fileName)} is described with two different checksums or platform ids`;
    files.set(row.fileSha256, described);
  }
  for (const [set, refs] of Object.entries(EVENT_REFS)) {
    const rows = read(setPath(set));
    if (!rows) {
      const orphan = [...listed].find(([, by]) => by.has(set));
      if (orphan) return `${path}: event ${orphan[0]} says ${setPath(set)} names it, but the pack has no such file`;
      continue;
    }
    const naming = new Set<string>();
    for await (const row of rows) {
      for (const id of refs(row)) {
        naming.add(id);
        if (!listed.has(id)) return `${path}: event ${id}, named by ${setPath(set)}, is not listed`;
        if (!listed.get(id)!.has(set)) return `${path}: event ${id} does not say it is named by ${setPath(set)}`;
      }
    }
    for (const [id, by] of listed)
      if (by.has(set) && !naming.has(id))
        return `${path}: event ${id} says ${setPath(set)} names it, which it does not`;
  }
  return null;
}
