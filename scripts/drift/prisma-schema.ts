// Reads schema.prisma through Prisma's own parser (the WASM inside the installed `prisma` 7 CLI), offline:
// `prisma generate` on a temporary copy whose only generator is dmmf-generator.mjs, which writes the DMMF
// to a file. `generate` never runs the schema engine, so pointing PRISMA_SCHEMA_ENGINE_BINARY at any
// existing file stops the CLI from trying to download one (see docs/decisions/0002-…).
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const SCHEMA_PATH = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../prisma/schema.prisma');
const GENERATOR = fileURLToPath(new URL('./dmmf-generator.mjs', import.meta.url));

export type DmmfDefault =
  | string
  | number
  | boolean
  | { name: string; args: unknown[] }
  | Array<string | number | boolean>;

export type DmmfField = {
  name: string;
  dbName?: string | null;
  kind: 'scalar' | 'object' | 'enum' | 'unsupported';
  type: string;
  isList: boolean;
  isRequired: boolean;
  nativeType?: [string, string[]] | null;
  default?: DmmfDefault;
  relationName?: string;
  relationFromFields?: string[];
  relationToFields?: string[];
  relationOnDelete?: string;
  relationOnUpdate?: string;
};

export type DmmfModel = { name: string; dbName: string | null; fields: DmmfField[] };

export type DmmfIndex = {
  model: string;
  type: 'id' | 'unique' | 'normal' | 'fulltext';
  dbName?: string;
  algorithm?: string;
  fields: { name: string; sortOrder?: 'asc' | 'desc'; operatorClass?: string }[];
};

export type DmmfEnum = { name: string; dbName?: string | null; values: { name: string; dbName: string | null }[] };

/**
 * What the drift check needs from the schema: Prisma's parse, plus the source text for the few facts the DMMF omits.
 */
export type PrismaSchema = {
  models: DmmfModel[];
  enums: DmmfEnum[];
  indexes: DmmfIndex[];
  source: string;
  provider: string;
  schemas: string[];
};

export async function readPrismaSchema(schemaPath = SCHEMA_PATH): Promise<PrismaSchema> {
  const source = readFileSync(schemaPath, 'utf8');
  // Prisma drops `Unsupported(...)` fields from the DMMF, so they would show up as false drift.
  if (/^\s*\w+\s+Unsupported\s*\(/m.test(source))
    throw new Error(`${schemaPath}: Unsupported(...) fields are not handled by the drift check`);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tollgate-dmmf-'));
  try {
    const out = path.join(dir, 'dmmf.json');
    writeFileSync(path.join(dir, 'schema.prisma'), withDumpGenerator(source, out));
    await runPrismaGenerate(dir, schemaPath);
    const options = JSON.parse(readFileSync(out, 'utf8')) as {
      dmmf: { datamodel: { models: DmmfModel[]; enums: DmmfEnum[]; indexes: DmmfIndex[] } };
      datasources: { provider: string; schemas?: string[] }[];
    };
    const { models, enums, indexes } = options.dmmf.datamodel;
    const datasource = options.datasources[0];
    return {
      models,
      enums,
      indexes,
      source,
      provider: datasource?.provider ?? 'unknown',
      schemas: datasource?.schemas ?? [],
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Replaces every generator block by ours (keeping previewFeatures: they change what the parser accepts).
 * Blocks are blanked line for line and ours goes last, so Prisma's error line numbers still match the original.
 */
export function withDumpGenerator(source: string, outFile: string): string {
  const generators = /^[ \t]*generator\s+\w+\s*\{[^}]*\}/gm;
  const preview = /previewFeatures\s*=\s*\[[^\]]*\]/.exec(source.match(generators)?.join('\n') ?? '')?.[0];
  const provider = `${JSON.stringify(process.execPath)} ${JSON.stringify(GENERATOR)}`;
  const block = [
    'generator drift_dmmf {',
    `  provider = ${JSON.stringify(provider)}`,
    `  output   = ${JSON.stringify(outFile)}`,
  ];
  if (preview) block.push(`  ${preview}`);
  const blanked = source.replace(generators, (text) => text.replace(/[^\n]/g, ''));
  return `${blanked}\n${block.join('\n')}\n}\n`;
}

async function runPrismaGenerate(cwd: string, schemaPath: string): Promise<void> {
  const cli = createRequire(import.meta.url).resolve('prisma/build/index.js');
  const env = {
    ...process.env,
    PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY || process.execPath,
    PRISMA_HIDE_UPDATE_MESSAGE: '1',
    CHECKPOINT_DISABLE: '1',
    NO_COLOR: '1',
  };
  // cwd is the temporary folder so the app's prisma.config.ts (and its env needs) play no part.
  const child = spawn(process.execPath, [cli, 'generate', '--schema', 'schema.prisma'], {
    cwd,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  });
  if (code !== 0) throw new Error(`prisma could not read ${schemaPath} (exit ${code}):\n${output.trim()}`);
}
