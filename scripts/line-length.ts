// `npm run lint` (after Biome): every line of code and CSS within 120 characters. Biome's formatter breaks
// code at 120 but leaves long strings, template literals and comments alone; this catches those.
// Prints `file:line: N characters` for each long line and exits 1 when there is any.
// `tsx scripts/line-length.ts FILE…` checks just those files (those it would check in the whole tree).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

export const MAX_LINE = 120;
const CHECKED = /\.(ts|tsx|mjs|css)$/;
// Generated code, and test data kept byte for byte as the outside world wrote it.
const SKIPPED = [/^lib\/generated\//, /(^|\/)fixtures\//, /\.d\.ts$/];

export function isChecked(file: string): boolean {
  return CHECKED.test(file) && !SKIPPED.some((re) => re.test(file));
}

export type LongLine = { file: string; line: number; length: number };

/** A comment on the line before that names why a line must stay long (a literal a tool reads as it is). */
const ALLOWED = /\/\/ line-length: \S/;

/** Lines longer than `max` characters (code points, so "—" or "é" count once), numbered from 1. */
export function longLines(file: string, text: string, max = MAX_LINE): LongLine[] {
  const found: LongLine[] = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((line, i) => {
    const length = [...line].length;
    if (length > max && !(i > 0 && ALLOWED.test(lines[i - 1]!))) found.push({ file, line: i + 1, length });
  });
  return found;
}

/** Tracked files, plus new ones git does not ignore, so a file is checked before its first commit. */
function repositoryFiles(): string[] {
  const out = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return [...new Set(out.split('\0').filter(Boolean))];
}

function main(args: string[]): void {
  const files = (args.length > 0 ? args : repositoryFiles()).filter((f) => isChecked(f) && existsSync(f));
  const found = files.flatMap((f) => longLines(f, readFileSync(f, 'utf8')));
  for (const l of found) console.log(`${l.file}:${l.line}: ${l.length} characters`);
  if (found.length > 0) {
    console.error(`${found.length} line(s) over ${MAX_LINE} characters in ${files.length} files checked.`);
    process.exit(1);
  }
  console.log(`Line length: ${files.length} files, no line over ${MAX_LINE} characters.`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main(process.argv.slice(2));
