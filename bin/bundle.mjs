// Bundles one TypeScript entry of this package with esbuild (packages stay external) and imports it.
// The bundle is cached under node_modules/.cache (so bare imports resolve against the package's
// node_modules) and rebuilt whenever the size or mtime of any of its source files changes.
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const root = path.resolve(import.meta.dirname, '..');

export async function runBundled(entry) {
  const outDir = path.join(root, 'node_modules', '.cache', 'tollgate-cli');
  const name = path.basename(entry, '.ts');
  const file = path.join(outDir, `${name}.mjs`);
  const stampFile = path.join(outDir, `${name}.inputs.json`);
  if (!isFresh(stampFile, file)) await build(entry, outDir, file, stampFile);
  return import(`${pathToFileURL(file).href}?v=${statSync(file).mtimeMs}`);
}

function stamp(relative) {
  try {
    const s = statSync(path.join(root, relative));
    return `${s.size}:${s.mtimeMs}`;
  } catch {
    return 'missing';
  }
}

function isFresh(stampFile, file) {
  if (!existsSync(stampFile) || !existsSync(file)) return false;
  try {
    const inputs = JSON.parse(readFileSync(stampFile, 'utf8'));
    return Object.entries(inputs).every(([relative, value]) => stamp(relative) === value);
  } catch {
    return false;
  }
}

async function build(entry, outDir, file, stampFile) {
  const { buildSync } = await import('esbuild');
  const { outputFiles, metafile } = buildSync({
    entryPoints: [path.join(root, entry)],
    absWorkingDir: root,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    metafile: true,
    write: false,
  });
  mkdirSync(outDir, { recursive: true });
  const inputs = Object.fromEntries(Object.keys(metafile.inputs).map((relative) => [relative, stamp(relative)]));
  // Write then rename: a concurrent run never imports a half-written bundle.
  writeFileSync(`${file}.${process.pid}.tmp`, outputFiles[0].text);
  renameSync(`${file}.${process.pid}.tmp`, file);
  writeFileSync(`${stampFile}.${process.pid}.tmp`, JSON.stringify(inputs));
  renameSync(`${stampFile}.${process.pid}.tmp`, stampFile);
}
