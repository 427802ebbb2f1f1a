// Compares the catalog of a database built from prisma/migrations ("migrations") with one built from
// schema.prisma ("schema"). Returns one readable line per difference and the SQL that turns the first
// into the second, laid out like a Prisma migration (same section comments, same statement order).
import type { Catalog, Column, Table } from './catalog.ts';
import { ident, literal } from './sql.ts';

export type Drift = {
  /** One line per difference, e.g. `column "User"."email": nullability — migrations NULL, schema NOT NULL`. */
  differences: string[];
  /** Steps in `sql` that can fail on existing data, lose data, or must be finished by hand. */
  warnings: string[];
  /** A migration that brings the migrations up to the schema ('' when there is no drift). */
  sql: string;
};

const SECTIONS = [
  'CreateEnum',
  'AlterEnum',
  'DropForeignKey',
  'DropIndex',
  'AlterTable',
  'DropTable',
  'CreateTable',
  'DropEnum',
  'RenameIndex',
  'CreateIndex',
  'RenameForeignKey',
  'AddForeignKey',
] as const;
type Section = (typeof SECTIONS)[number];

export function diffCatalogs(migrations: Catalog, schema: Catalog): Drift {
  const out = new Out();
  diffEnums(migrations, schema, out);
  for (const [name, table] of sorted(schema.tables)) {
    const before = migrations.tables[name];
    if (before) diffTable(name, before, table, out);
    else createTable(name, table, out);
  }
  for (const [name, table] of sorted(migrations.tables)) {
    if (schema.tables[name]) continue;
    out.difference(`table ${ident(name)}: in the migrations, not in the schema`);
    out.warning(`DROP TABLE ${ident(name)} deletes all its rows.`);
    for (const fk of Object.keys(table.foreignKeys).sort())
      out.step('DropForeignKey', `ALTER TABLE ${ident(name)} DROP CONSTRAINT ${ident(fk)};`);
    out.step('DropTable', `DROP TABLE ${ident(name)};`);
  }
  return out.result();
}

/** Entries by name, so reports and migrations come out the same on every run. */
const sorted = <T>(record: Record<string, T>): [string, T][] =>
  Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

class Out {
  readonly differences: string[] = [];
  readonly warnings: string[] = [];
  readonly steps = new Map<Section, string[]>(SECTIONS.map((s) => [s, []]));
  difference = (line: string) => this.differences.push(line);
  warning = (line: string) => this.warnings.push(line);
  step = (section: Section, sql: string) => this.steps.get(section)!.push(sql);

  result(): Drift {
    const body = SECTIONS.flatMap((s) => this.steps.get(s)!.map((sql) => `-- ${s}\n${sql}`)).join('\n\n');
    const header = this.warnings.length
      ? `/*\n  Warnings:\n\n${this.warnings.map((w) => `  - ${w}`).join('\n')}\n*/\n`
      : '';
    return { differences: this.differences, warnings: this.warnings, sql: body ? `${header}${body}\n` : '' };
  }
}

function diffEnums(migrations: Catalog, schema: Catalog, out: Out): void {
  for (const [name, values] of sorted(schema.enums)) {
    const old = migrations.enums[name];
    if (!old) {
      out.difference(`enum ${ident(name)}: in the schema, not in the migrations`);
      out.step('CreateEnum', `CREATE TYPE ${ident(name)} AS ENUM (${values.map(literal).join(', ')});`);
    } else if (old.join('\0') !== values.join('\0')) {
      out.difference(`enum ${ident(name)}: values — migrations [${old.join(', ')}], schema [${values.join(', ')}]`);
      if (values.filter((v) => old.includes(v)).join('\0') === old.join('\0')) {
        // Only additions: ADD VALUE keeps existing rows valid; BEFORE keeps the schema's order.
        values.forEach((v, i) => {
          if (old.includes(v)) return;
          const next = values.slice(i + 1).find((x) => old.includes(x));
          out.step(
            'AlterEnum',
            `ALTER TYPE ${ident(name)} ADD VALUE ${literal(v)}${next ? ` BEFORE ${literal(next)}` : ''};`,
          );
        });
      } else {
        rebuildEnum(name, old, values, migrations, schema, out);
      }
    }
  }
  for (const [name] of sorted(migrations.enums)) {
    if (schema.enums[name]) continue;
    out.difference(`enum ${ident(name)}: in the migrations, not in the schema`);
    out.step('DropEnum', `DROP TYPE ${ident(name)};`);
  }
}

/**
 * Values removed or reordered: PostgreSQL cannot do that in place, so (as Prisma does) build the new type,
 * move every column over through text, and swap names. Defaults hold the old type, so they are lifted
 * and put back (only when the schema keeps them; otherwise the table step sets the new one).
 */
function rebuildEnum(
  name: string,
  old: string[],
  values: string[],
  migrations: Catalog,
  schema: Catalog,
  out: Out,
): void {
  const removed = old.filter((v) => !values.includes(v));
  if (removed.length) out.warning(`enum ${ident(name)} loses ${removed.join(', ')}: fails if rows still use them.`);
  const fresh = ident(`${name}_new`);
  const lines = [`CREATE TYPE ${fresh} AS ENUM (${values.map(literal).join(', ')});`];
  const restore: string[] = [];
  for (const [table, t] of sorted(migrations.tables)) {
    for (const [column, c] of sorted(t.columns)) {
      if (c.enum !== name) continue;
      const [tab, col, list] = [ident(table), ident(column), c.type.endsWith('[]') ? '[]' : ''];
      if (c.default) lines.push(`ALTER TABLE ${tab} ALTER COLUMN ${col} DROP DEFAULT;`);
      lines.push(
        `ALTER TABLE ${tab} ALTER COLUMN ${col} TYPE ${fresh}${list} USING (${col}::text${list}::${fresh}${list});`,
      );
      const kept = schema.tables[table]?.columns[column]?.default;
      if (c.default && kept === c.default) restore.push(`ALTER TABLE ${tab} ALTER COLUMN ${col} SET DEFAULT ${kept};`);
    }
  }
  lines.push(
    `ALTER TYPE ${ident(name)} RENAME TO ${ident(`${name}_old`)};`,
    `ALTER TYPE ${fresh} RENAME TO ${ident(name)};`,
    `DROP TYPE ${ident(`${name}_old`)};`,
  );
  out.step('AlterEnum', [...lines, ...restore].join('\n'));
}

const describeColumn = (c: Column) =>
  `${c.type}${c.notNull ? ' NOT NULL' : ''}${c.default ? ` DEFAULT ${c.default}` : ''}`;
const sequenceOf = (c: Column) =>
  c.default && /^(integer|bigint|smallint)$/.test(c.type)
    ? /^nextval\('(.+)'::regclass\)$/.exec(c.default)?.[1]
    : undefined;
const SERIAL: Record<string, string> = { integer: 'SERIAL', bigint: 'BIGSERIAL', smallint: 'SMALLSERIAL' };

/** A column as CREATE TABLE / ADD COLUMN writes it; a nextval() default is what SERIAL creates. */
function columnSql(name: string, c: Column): string {
  const serial = sequenceOf(c) !== undefined;
  return [
    ident(name),
    serial ? SERIAL[c.type] : c.type,
    c.notNull ? 'NOT NULL' : '',
    !serial && c.default ? `DEFAULT ${c.default}` : '',
  ]
    .filter(Boolean)
    .join(' ');
}

function createTable(name: string, table: Table, out: Out): void {
  out.difference(`table ${ident(name)}: in the schema, not in the migrations`);
  const lines = Object.entries(table.columns).map(([column, c]) => `    ${columnSql(column, c)}`);
  if (table.primaryKey) lines.push(`    CONSTRAINT ${ident(table.primaryKey.name)} ${table.primaryKey.definition}`);
  out.step('CreateTable', `CREATE TABLE ${ident(name)} (\n${lines.join(',\n')}\n);`);
  for (const [, index] of sorted(table.indexes)) out.step('CreateIndex', `${index.definition};`);
  for (const [fk, definition] of sorted(table.foreignKeys))
    out.step('AddForeignKey', `ALTER TABLE ${ident(name)} ADD CONSTRAINT ${ident(fk)} ${definition};`);
}

function diffTable(name: string, before: Table, after: Table, out: Out): void {
  const t = ident(name);
  const actions: string[] = [];
  const pre: string[] = [];
  const post: string[] = [];

  const oldPk = before.primaryKey;
  const newPk = after.primaryKey;
  if (oldPk?.definition === newPk?.definition && oldPk && newPk && oldPk.name !== newPk.name) {
    out.difference(
      `primary key of ${t}: named ${ident(oldPk.name)} in the migrations, ${ident(newPk.name)} in the schema`,
    );
    post.push(`ALTER TABLE ${t} RENAME CONSTRAINT ${ident(oldPk.name)} TO ${ident(newPk.name)};`);
  } else if (oldPk?.definition !== newPk?.definition) {
    out.difference(
      `primary key of ${t}: migrations ${oldPk?.definition ?? 'none'}, schema ${newPk?.definition ?? 'none'}`,
    );
    if (oldPk) actions.push(`DROP CONSTRAINT ${ident(oldPk.name)}`);
  }

  for (const column of Object.keys(before.columns)) {
    if (after.columns[column]) continue;
    out.difference(`column ${t}.${ident(column)}: in the migrations, not in the schema`);
    out.warning(`dropping ${t}.${ident(column)} deletes its data.`);
    actions.push(`DROP COLUMN ${ident(column)}`);
  }
  for (const [column, c] of Object.entries(after.columns)) {
    const old = before.columns[column];
    const col = ident(column);
    if (!old) {
      out.difference(`column ${t}.${col}: in the schema (${describeColumn(c)}), not in the migrations`);
      if (c.notNull && !c.default) out.warning(`adding required ${t}.${col} without a default fails if ${t} has rows.`);
      actions.push(`ADD COLUMN ${columnSql(column, c)}`);
      continue;
    }
    const retyped = old.type !== c.type;
    if (retyped) {
      out.difference(`column ${t}.${col}: type — migrations ${old.type}, schema ${c.type}`);
      out.warning(
        `changing the type of ${t}.${col} from ${old.type} to ${c.type} fails if existing values do not cast.`,
      );
      // The old default is typed too and rarely casts: PostgreSQL drops it before retyping, sets the new one after.
      if (old.default) actions.push(`ALTER COLUMN ${col} DROP DEFAULT`);
      // Enums have no cast to other types except through text.
      const via = old.enum ? `::text${old.type.endsWith('[]') ? '[]' : ''}` : '';
      actions.push(`ALTER COLUMN ${col} SET DATA TYPE ${c.type} USING (${col}${via}::${c.type})`);
    }
    if (old.notNull !== c.notNull) {
      out.difference(
        `column ${t}.${col}: nullability — migrations ` +
          `${old.notNull ? 'NOT NULL' : 'NULL'}, schema ${c.notNull ? 'NOT NULL' : 'NULL'}`,
      );
      if (c.notNull) out.warning(`making ${t}.${col} required fails if it holds NULLs.`);
      actions.push(`ALTER COLUMN ${col} ${c.notNull ? 'SET' : 'DROP'} NOT NULL`);
    }
    if (old.default !== c.default) {
      out.difference(
        `column ${t}.${col}: default — migrations ${old.default ?? 'none'}, schema ${c.default ?? 'none'}`,
      );
      const sequence = sequenceOf(c);
      if (sequence && sequenceOf(old) === undefined) {
        // autoincrement() added: create the sequence SERIAL would have made, and tie it to the column.
        pre.push(`CREATE SEQUENCE ${sequence};`);
        post.push(`ALTER SEQUENCE ${sequence} OWNED BY ${t}.${col};`);
      }
      if (!c.default && !(retyped && old.default)) actions.push(`ALTER COLUMN ${col} DROP DEFAULT`);
    }
    if (c.default && (old.default !== c.default || (retyped && old.default)))
      actions.push(`ALTER COLUMN ${col} SET DEFAULT ${c.default}`);
  }
  if (newPk && oldPk?.definition !== newPk.definition)
    actions.push(`ADD CONSTRAINT ${ident(newPk.name)} ${newPk.definition}`);
  if (actions.length || pre.length || post.length) {
    const alter = actions.length ? [`ALTER TABLE ${t} ${actions.join(',\n')};`] : [];
    out.step('AlterTable', [...pre, ...alter, ...post].join('\n'));
  }

  diffIndexes(name, before, after, out);
  diffForeignKeys(name, before, after, out);
}

/** An index definition without its name, to spot renames. */
const anonymous = (definition: string) =>
  definition.replace(/^(CREATE (?:UNIQUE )?INDEX )(?:"(?:[^"]|"")+"|\S+)( ON )/, '$1?$2');

function diffIndexes(name: string, before: Table, after: Table, out: Out): void {
  const t = ident(name);
  const removed = Object.keys(before.indexes)
    .sort()
    .filter((i) => before.indexes[i]!.definition !== after.indexes[i]?.definition);
  const added = Object.keys(after.indexes)
    .sort()
    .filter((i) => after.indexes[i]!.definition !== before.indexes[i]?.definition);
  for (const index of added) {
    const definition = after.indexes[index]!.definition;
    const renamed = removed.find(
      (old) => !after.indexes[old] && anonymous(before.indexes[old]!.definition) === anonymous(definition),
    );
    if (renamed) {
      removed.splice(removed.indexOf(renamed), 1);
      out.difference(`index on ${t}: named ${ident(renamed)} in the migrations, ${ident(index)} in the schema`);
      out.step('RenameIndex', `ALTER INDEX ${ident(renamed)} RENAME TO ${ident(index)};`);
    } else if (before.indexes[index]) {
      out.difference(
        `index ${ident(index)} on ${t}: migrations ${before.indexes[index]!.definition}; schema ${definition}`,
      );
      out.step('CreateIndex', `${definition};`);
    } else {
      out.difference(`index ${ident(index)} on ${t}: in the schema (${definition}), not in the migrations`);
      out.step('CreateIndex', `${definition};`);
    }
  }
  for (const index of removed) {
    if (!after.indexes[index])
      out.difference(
        `index ${ident(index)} on ${t}: in the migrations (${before.indexes[index]!.definition}), not in the schema`,
      );
    out.step(
      'DropIndex',
      before.indexes[index]!.constraint
        ? `ALTER TABLE ${t} DROP CONSTRAINT ${ident(index)};`
        : `DROP INDEX ${ident(index)};`,
    );
  }
}

function diffForeignKeys(name: string, before: Table, after: Table, out: Out): void {
  const t = ident(name);
  const removed = Object.keys(before.foreignKeys)
    .sort()
    .filter((k) => before.foreignKeys[k] !== after.foreignKeys[k]);
  const added = Object.keys(after.foreignKeys)
    .sort()
    .filter((k) => after.foreignKeys[k] !== before.foreignKeys[k]);
  for (const fk of added) {
    const definition = after.foreignKeys[fk]!;
    const renamed = removed.find((old) => !after.foreignKeys[old] && before.foreignKeys[old] === definition);
    if (renamed) {
      removed.splice(removed.indexOf(renamed), 1);
      out.difference(`foreign key on ${t}: named ${ident(renamed)} in the migrations, ${ident(fk)} in the schema`);
      out.step('RenameForeignKey', `ALTER TABLE ${t} RENAME CONSTRAINT ${ident(renamed)} TO ${ident(fk)};`);
      continue;
    }
    const old = before.foreignKeys[fk];
    out.difference(
      old
        ? `foreign key ${ident(fk)} on ${t}: migrations ${old}; schema ${definition}`
        : `foreign key ${ident(fk)} on ${t}: in the schema (${definition}), not in the migrations`,
    );
    out.step('AddForeignKey', `ALTER TABLE ${t} ADD CONSTRAINT ${ident(fk)} ${definition};`);
  }
  for (const fk of removed) {
    if (!after.foreignKeys[fk])
      out.difference(
        `foreign key ${ident(fk)} on ${t}: in the migrations (${before.foreignKeys[fk]}), not in the schema`,
      );
    out.step('DropForeignKey', `ALTER TABLE ${t} DROP CONSTRAINT ${ident(fk)};`);
  }
}
