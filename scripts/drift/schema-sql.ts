// Renders the SQL that Prisma Migrate would create for a schema from scratch (PostgreSQL), following
// Prisma's conventions: type mapping, default names, list columns without NOT NULL, client-side
// defaults (uuid(), cuid(), @updatedAt) left out, implicit many-to-many join tables. The drift check
// runs this in an empty database and compares the catalog with that of a migrated one, so PostgreSQL
// itself normalises types and default expressions on both sides.
import type { DmmfField, DmmfIndex, DmmfModel, PrismaSchema } from './prisma-schema.ts';
import { defaultName, ident, literal } from './sql.ts';

const SCALAR_TYPES: Record<string, string> = {
  String: 'TEXT',
  Boolean: 'BOOLEAN',
  Int: 'INTEGER',
  BigInt: 'BIGINT',
  Float: 'DOUBLE PRECISION',
  Decimal: 'DECIMAL(65,30)',
  DateTime: 'TIMESTAMP(3)',
  Json: 'JSONB',
  Bytes: 'BYTEA',
};
const SERIAL_TYPES: Record<string, string> = { INTEGER: 'SERIAL', BIGINT: 'BIGSERIAL', SMALLINT: 'SMALLSERIAL' };
/**
 * An identifier mapped to a name ending so exists for Prisma's client alone (it insists on one per model): the
 * database keeps no such key, because its index would cost more than it serves (decision 0032, LogEvent).
 */
export const PRISMA_ONLY = '_prisma_only';
const CLIENT_SIDE_DEFAULTS = new Set(['uuid', 'cuid', 'nanoid', 'ulid', 'autoincrement']);
const REFERENTIAL_ACTIONS: Record<string, string> = {
  Cascade: 'CASCADE',
  Restrict: 'RESTRICT',
  NoAction: 'NO ACTION',
  SetNull: 'SET NULL',
  SetDefault: 'SET DEFAULT',
};

export function renderSchemaSql(schema: PrismaSchema): string {
  if (schema.provider !== 'postgresql')
    throw new Error(`the drift check supports postgresql only, not ${schema.provider}`);
  if (schema.schemas.length > 0) throw new Error('the drift check does not handle multiSchema (datasource `schemas`)');
  const r = new Renderer(schema);
  const statements = [
    ...schema.enums.map(
      (e) =>
        `CREATE TYPE ${ident(e.dbName ?? e.name)} AS ENUM ` +
        `(${e.values.map((v) => literal(v.dbName ?? v.name)).join(', ')});`,
    ),
    ...schema.models.map((m) => r.createTable(m)),
    ...r.joinTables().flat(),
    ...schema.indexes.filter((i) => i.type === 'unique' || i.type === 'normal').map((i) => r.createIndex(i)),
    ...(relationModePrisma(schema.source) ? [] : schema.models.flatMap((m) => r.foreignKeys(m))),
  ];
  return `${statements.join('\n\n')}\n`;
}

/** `relationMode = "prisma"` means no foreign keys in the database (not in the DMMF, so read from the source). */
const relationModePrisma = (source: string) => /^\s*relationMode\s*=\s*"prisma"/m.test(source);

class Renderer {
  constructor(private readonly schema: PrismaSchema) {}

  model(name: string): DmmfModel {
    const model = this.schema.models.find((m) => m.name === name);
    if (!model) throw new Error(`unknown model ${name}`);
    return model;
  }

  table = (m: DmmfModel) => m.dbName ?? m.name;
  column = (m: DmmfModel, fieldName: string) => {
    const field = m.fields.find((f) => f.name === fieldName);
    return field?.dbName ?? fieldName;
  };

  createTable(m: DmmfModel): string {
    const table = this.table(m);
    const lines = m.fields
      .filter((f) => f.kind === 'scalar' || f.kind === 'enum')
      .map((f) => `    ${this.columnSql(f)}`);
    const id = this.schema.indexes.find((i) => i.model === m.name && i.type === 'id');
    if (id && !id.dbName?.endsWith(PRISMA_ONLY)) {
      const name = id.dbName ?? defaultName([table], '_pkey');
      lines.push(
        `    CONSTRAINT ${ident(name)} PRIMARY KEY (${id.fields.map((f) => ident(this.column(m, f.name))).join(',')})`,
      );
    }
    return `CREATE TABLE ${ident(table)} (\n${lines.join(',\n')}\n);`;
  }

  columnSql(f: DmmfField): string {
    let type = this.baseType(f);
    const fn = typeof f.default === 'object' && !Array.isArray(f.default) ? f.default : undefined;
    if (fn?.name === 'autoincrement' && !f.isList) {
      if (!SERIAL_TYPES[type]) throw new Error(`autoincrement() on ${type} is not supported`);
      type = SERIAL_TYPES[type];
    }
    if (f.isList) type += '[]';
    const def = this.defaultSql(f);
    // Prisma never renders NOT NULL for scalar lists.
    return [ident(f.dbName ?? f.name), type, f.isRequired && !f.isList ? 'NOT NULL' : '', def ? `DEFAULT ${def}` : '']
      .filter(Boolean)
      .join(' ');
  }

  baseType(f: DmmfField): string {
    if (f.kind === 'enum') {
      const e = this.schema.enums.find((x) => x.name === f.type);
      return ident(e?.dbName ?? f.type);
    }
    if (f.nativeType) {
      const [name, args] = f.nativeType;
      const sql = name === 'DoublePrecision' ? 'DOUBLE PRECISION' : name.toUpperCase();
      return args.length ? `${sql}(${args.join(',')})` : sql;
    }
    const sql = SCALAR_TYPES[f.type];
    if (!sql) throw new Error(`no PostgreSQL type for Prisma type ${f.type}`);
    return sql;
  }

  defaultSql(f: DmmfField): string | null {
    const d = f.default;
    if (d === undefined) return null;
    if (Array.isArray(d)) return `ARRAY[${d.map((v) => this.value(f, v)).join(', ')}]::${this.baseType(f)}[]`;
    if (typeof d !== 'object') return this.value(f, d);
    if (d.name === 'now') return 'CURRENT_TIMESTAMP';
    if (d.name === 'dbgenerated') return typeof d.args[0] === 'string' ? d.args[0] : null;
    if (CLIENT_SIDE_DEFAULTS.has(d.name)) return null;
    throw new Error(`default ${d.name}() is not supported by the drift check`);
  }

  value(f: DmmfField, v: string | number | boolean): string {
    if (f.kind === 'enum') {
      const e = this.schema.enums.find((x) => x.name === f.type);
      return literal(e?.values.find((x) => x.name === v)?.dbName ?? String(v));
    }
    if (f.type === 'Bytes') return literal(`\\x${Buffer.from(String(v), 'base64').toString('hex')}`);
    if (f.type === 'String' || f.type === 'Json' || f.type === 'DateTime') return literal(String(v));
    return String(v);
  }

  createIndex(i: DmmfIndex): string {
    const m = this.model(i.model);
    const table = this.table(m);
    const columns = i.fields.map((f) => this.column(m, f.name));
    const unique = i.type === 'unique';
    const name = i.dbName ?? defaultName([table, ...columns], unique ? '_key' : '_idx');
    const using = i.algorithm && i.algorithm !== 'BTree' ? ` USING ${i.algorithm.toUpperCase()}` : '';
    const parts = i.fields.map((f, n) =>
      [ident(columns[n]!), f.operatorClass ? operatorClass(f.operatorClass) : '', f.sortOrder === 'desc' ? 'DESC' : '']
        .filter(Boolean)
        .join(' '),
    );
    return `CREATE ${unique ? 'UNIQUE ' : ''}INDEX ${ident(name)} ON ${ident(table)}${using}(${parts.join(', ')});`;
  }

  foreignKeys(m: DmmfModel): string[] {
    const table = this.table(m);
    return m.fields
      .filter((f) => f.kind === 'object' && f.relationFromFields?.length)
      .map((f) => {
        const target = this.model(f.type);
        const from = f.relationFromFields!.map((n) => this.column(m, n));
        const to = (f.relationToFields ?? []).map((n) => this.column(target, n));
        const name = relationMap(this.schema.source, m.name, f.name) ?? defaultName([table, ...from], '_fkey');
        const onDelete = REFERENTIAL_ACTIONS[f.relationOnDelete ?? (f.isRequired ? 'Restrict' : 'SetNull')];
        const onUpdate = REFERENTIAL_ACTIONS[f.relationOnUpdate ?? 'Cascade'];
        return (
          `ALTER TABLE ${ident(table)} ADD CONSTRAINT ${ident(name)} FOREIGN KEY (${from.map(ident).join(', ')}) ` +
          `REFERENCES ${ident(this.table(target))}(${to.map(ident).join(', ')}) ` +
          `ON DELETE ${onDelete} ON UPDATE ${onUpdate};`
        );
      });
  }

  /** Implicit many-to-many: Prisma's `_{relation}` table with columns A and B (A = the model whose name sorts
   * first). */
  joinTables(): string[][] {
    const seen = new Set<string>();
    const out: string[][] = [];
    for (const m of this.schema.models) {
      for (const f of m.fields) {
        if (
          f.kind !== 'object' ||
          !f.isList ||
          !f.relationName ||
          f.relationFromFields?.length ||
          seen.has(f.relationName)
        )
          continue;
        const back = this.model(f.type).fields.find((x) => x.relationName === f.relationName && x !== f);
        if (!back?.isList) continue; // one-to-many: the foreign key lives on the other side
        seen.add(f.relationName);
        const [a, b] = [m, this.model(f.type)].sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0)) as [
          DmmfModel,
          DmmfModel,
        ];
        out.push(this.joinTable(`_${f.relationName}`, a, b));
      }
    }
    return out;
  }

  joinTable(table: string, a: DmmfModel, b: DmmfModel): string[] {
    const idOf = (m: DmmfModel) => {
      const id = m.fields.filter((f) =>
        this.schema.indexes.some(
          (i) => i.model === m.name && i.type === 'id' && i.fields.length === 1 && i.fields[0]!.name === f.name,
        ),
      );
      if (id.length !== 1) throw new Error(`implicit many-to-many on ${m.name} needs a single-field @id`);
      return id[0]!;
    };
    const side = (col: 'A' | 'B', m: DmmfModel) => {
      const id = idOf(m);
      return {
        col,
        type: this.baseType(id),
        fk:
          `ALTER TABLE ${ident(table)} ADD CONSTRAINT ${ident(`${table}_${col}_fkey`)} FOREIGN KEY (${ident(col)}) ` +
          `REFERENCES ${ident(this.table(m))}(${ident(id.dbName ?? id.name)}) ON DELETE CASCADE ON UPDATE CASCADE;`,
      };
    };
    const [sa, sb] = [side('A', a), side('B', b)];
    return [
      `CREATE TABLE ${ident(table)} (\n    "A" ${sa.type} NOT NULL,\n    "B" ${sb.type} NOT NULL,\n` +
        `    CONSTRAINT ${ident(`${table}_AB_pkey`)} PRIMARY KEY ("A","B")\n);`,
      `CREATE INDEX ${ident(`${table}_B_index`)} ON ${ident(table)}("B");`,
      sa.fk,
      sb.fk,
    ];
  }
}

/** `@relation(..., map: "name")` is not in the DMMF, so it is read from the field's line in the source. */
function relationMap(source: string, model: string, field: string): string | undefined {
  const block = new RegExp(`^\\s*model\\s+${model}\\s*\\{([^}]*)\\}`, 'm').exec(source)?.[1] ?? '';
  const line = new RegExp(`^\\s*${field}\\s.*@relation\\(([^)]*)\\)`, 'm').exec(block)?.[1] ?? '';
  return /\bmap\s*:\s*"([^"]+)"/.exec(line)?.[1];
}

/** Prisma's operator class enum (JsonbPathOps, Int4MinMaxOps…) to PostgreSQL's names; raw("…") ones pass
 * through. */
function operatorClass(name: string): string {
  if (!/^[A-Z]/.test(name)) return name;
  return name
    .replace('MinMax', 'Minmax')
    .replace('TimestampTz', 'Timestamptz')
    .replace('TimeTz', 'Timetz')
    .replace('VarBit', 'Varbit')
    .replace(/(?<=[a-z0-9])([A-Z])/g, '_$1')
    .toLowerCase();
}
