// package.json says what an install needs: a runtime dependency is imported by code that runs in production,
// a package only tests import is a devDependency, and Prisma's three packages move together.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

// Runtime dependencies that no source file imports by name, and why they are still needed at run time.
const USED_WITHOUT_IMPORT: Record<string, string> = {
  prisma: 'scripts/prisma-generate.mjs runs its CLI on install (postinstall)',
  '@prisma/client': 'the generated client under lib/generated/prisma (skipped here) imports its runtime',
  'react-dom': 'Next renders with it',
};

const RUNTIME_DIRS = ['app', 'lib', 'cli', 'bin', 'scripts', 'components', 'prisma'];
const RUNTIME_FILES = ['next.config.ts', 'auth.ts', 'instrumentation.ts', 'proxy.ts', 'prisma.config.ts'];
const SOURCE = /\.(ts|tsx|mjs|js)$/;
const TEST = /\.test\.tsx?$|\/test\/|\/e2e\//;

function sources(dir: string): string[] {
  return readdirSync(path.join(root, dir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && SOURCE.test(e.name) && !e.parentPath.includes('generated'))
    .map((e) => path.join(e.parentPath, e.name));
}

function importedPackages(files: string[]): Set<string> {
  const found = new Set<string>();
  const specifier = /(?:from\s+|import\s*\(\s*|require\(\s*|import\s+)['"]([^'"./][^'"]*)['"]/g;
  for (const file of files) {
    for (const [, spec] of readFileSync(file, 'utf8').matchAll(specifier)) {
      const parts = spec!.split('/');
      found.add(spec!.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!);
    }
  }
  return found;
}

describe('package.json', () => {
  it('lists as runtime dependencies only packages that production code imports', () => {
    const runtime = [...RUNTIME_DIRS.flatMap(sources), ...RUNTIME_FILES.map((f) => path.join(root, f))].filter(
      (f) => !TEST.test(f),
    );
    const imported = importedPackages(runtime);
    const unused = Object.keys(pkg.dependencies).filter((name) => !imported.has(name) && !USED_WITHOUT_IMPORT[name]);
    expect(unused, 'only tests (or nothing) import these: move them to devDependencies').toEqual([]);
  });

  it('pins @prisma/client, prisma and @prisma/adapter-pg to one version, the one installed', () => {
    const names = ['@prisma/client', 'prisma', '@prisma/adapter-pg'];
    const declared = names.map((name) => pkg.dependencies[name]);
    expect(new Set(declared).size, `declared: ${declared.join(', ')}`).toBe(1);
    const installed = names.map(
      (name) =>
        (JSON.parse(readFileSync(path.join(root, 'node_modules', name, 'package.json'), 'utf8')) as { version: string })
          .version,
    );
    expect(installed).toEqual(names.map(() => declared[0]));
  });
});
