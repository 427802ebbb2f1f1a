// Sigma detections, pure: compile a rule's detection into a predicate over a Compliance Logs record (the
// rule file itself is read by rule-file.ts). Supported: selections as maps (AND of fields) or lists of maps
// (OR), value lists (OR, or AND with |all), the modifiers |startswith |endswith |contains |re |all,
// null for a missing field, dotted field paths into the record, and conditions with and / or / not,
// parentheses, "1 of X*", "all of X*" and "them". Strings compare case-insensitively, as in Sigma.
export type Record_ = Record<string, unknown>;
export type Predicate = (record: Record_) => boolean;
export type Detection = Record<string, unknown> & { condition: string };

export function compileDetection(detection: Detection): Predicate {
  const named = new Map<string, Predicate>();
  for (const [name, body] of Object.entries(detection))
    if (name !== 'condition') named.set(name, compileSelection(body, name));
  return compileCondition(detection.condition, named);
}

function compileSelection(body: unknown, name: string): Predicate {
  if (Array.isArray(body)) {
    const alternatives = body.map((b, i) => compileSelection(b, `${name}[${i}]`));
    return (r) => alternatives.some((p) => p(r));
  }
  if (!body || typeof body !== 'object') throw new Error(`selection "${name}" must be a map or a list of maps`);
  const fields = Object.entries(body as Record<string, unknown>).map(([key, expected]) => compileField(key, expected));
  return (r) => fields.every((p) => p(r));
}

function compileField(key: string, expected: unknown): Predicate {
  const [path, ...modifiers] = key.split('|');
  const all = modifiers.includes('all');
  const op = modifiers.find((m) => m !== 'all') ?? 'equals';
  if (!['equals', 'startswith', 'endswith', 'contains', 're'].includes(op))
    throw new Error(`unknown modifier |${op} on ${path}`);
  const values = Array.isArray(expected) ? expected : [expected];
  const tests = values.map((v) => valueTest(op, v, path!));
  const get = (r: Record_) => lookup(r, path!.split('.'));
  return all ? (r) => tests.every((t) => t(get(r))) : (r) => tests.some((t) => t(get(r)));
}

function valueTest(op: string, expected: unknown, path: string): (actual: unknown) => boolean {
  if (expected === null) return (actual) => actual === undefined || actual === null;
  if (typeof expected === 'number' || typeof expected === 'boolean') return (actual) => actual === expected;
  if (typeof expected !== 'string') throw new Error(`value of ${path} must be a string, number, boolean or null`);
  if (op === 're') {
    const re = new RegExp(expected);
    return (actual) => typeof actual === 'string' && re.test(actual);
  }
  const want = expected.toLowerCase();
  const match: (a: string) => boolean =
    op === 'startswith'
      ? (a) => a.startsWith(want)
      : op === 'endswith'
        ? (a) => a.endsWith(want)
        : op === 'contains'
          ? (a) => a.includes(want)
          : (a) => a === want;
  return (actual) =>
    typeof actual === 'string'
      ? match(actual.toLowerCase())
      : Array.isArray(actual)
        ? actual.some((x) => typeof x === 'string' && match(x.toLowerCase()))
        : false;
}

function lookup(record: unknown, path: string[]): unknown {
  let value = record;
  for (const part of path) {
    if (!value || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/** Sigma conditions: or < and < not < ( … ) | "1 of X*" | "all of X*" | name. */
function compileCondition(text: string, named: Map<string, Predicate>): Predicate {
  const tokens = text.match(/\(|\)|[^\s()]+/g) ?? [];
  let i = 0;
  const peek = () => tokens[i]?.toLowerCase();
  const select = (pattern: string) => {
    const names =
      pattern === 'them'
        ? [...named.keys()]
        : [...named.keys()].filter((n) =>
            new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`).test(n),
          );
    if (names.length === 0) throw new Error(`"${pattern}" names no selection`);
    return names.map((n) => named.get(n)!);
  };
  const primary = (): Predicate => {
    const token = tokens[i++];
    if (token === undefined) throw new Error(`condition "${text}" ends too early`);
    if (token === '(') {
      const inner = or();
      if (tokens[i++] !== ')') throw new Error(`condition "${text}": missing )`);
      return inner;
    }
    if ((token === '1' || token.toLowerCase() === 'all') && peek() === 'of') {
      i++;
      const parts = select(tokens[i++] ?? '');
      return token === '1' ? (r) => parts.some((p) => p(r)) : (r) => parts.every((p) => p(r));
    }
    const p = named.get(token);
    if (!p) throw new Error(`condition "${text}" names "${token}", which is not a selection`);
    return p;
  };
  const not = (): Predicate => {
    if (peek() === 'not') {
      i++;
      const inner = not();
      return (r) => !inner(r);
    }
    return primary();
  };
  const and = (): Predicate => {
    let left = not();
    while (peek() === 'and') {
      i++;
      const l = left,
        right = not();
      left = (r) => l(r) && right(r);
    }
    return left;
  };
  const or = (): Predicate => {
    let left = and();
    while (peek() === 'or') {
      i++;
      const l = left,
        right = and();
      left = (r) => l(r) || right(r);
    }
    return left;
  };
  const result = or();
  if (i !== tokens.length) throw new Error(`condition "${text}": unexpected "${tokens[i]}"`);
  return result;
}
