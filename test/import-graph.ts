// The import graph of the source tree, for test/layers.test.ts. Runtime edges come from esbuild's own
// TypeScript transform (which drops imports used only as types, exactly as the build does), so a circle
// through `import type` alone is not reported: it is erased before anything runs.
import { readFileSync, readdirSync, existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { transformSync } from 'esbuild';

export type Edge = { to: string; typeOnly: boolean };
/** Module (repo-relative path, or `pkg:name` for a package) → the modules it imports. */
export type Graph = Map<string, Edge[]>;

const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)['"]([^'"]+)['"]/g;

function specifiers(code: string): Set<string> {
  // Comment lines are left out: an example import in a doc comment is not an import.
  const text = code
    .split('\n')
    .filter((line) => !/^\s*(\/\/|\/\*|\*)/.test(line))
    .join('\n');
  return new Set([...text.matchAll(SPECIFIER)].map((m) => m[1]!));
}

/** Every .ts/.tsx under the given folders, tests, fixtures and generated code left out (they may import anything). */
export function sourceFiles(root: string, dirs: string[]): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const name of readdirSync(path.join(root, rel))) {
      const child = `${rel}/${name}`;
      if (name === 'node_modules' || child === 'lib/generated') continue;
      if (statSync(path.join(root, child)).isDirectory()) walk(child);
      else if (/\.tsx?$/.test(name) && !/\.(test|fixture)\.tsx?$|\.d\.ts$/.test(name)) out.push(child);
    }
  };
  for (const dir of dirs) if (existsSync(path.join(root, dir))) walk(dir);
  return out.sort();
}

function resolve(root: string, from: string, spec: string): string {
  let base: string;
  if (spec.startsWith('@/')) base = spec.slice(2);
  else if (spec.startsWith('.')) base = path.posix.normalize(path.posix.join(path.posix.dirname(from), spec));
  else return `pkg:${spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]}`;
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`, `${base}/index.tsx`]) {
    const full = path.join(root, candidate);
    if (existsSync(full) && statSync(full).isFile()) return candidate;
  }
  return base;
}

export function buildGraph(root: string, files: string[]): Graph {
  const graph: Graph = new Map();
  for (const file of files) {
    const text = readFileSync(path.join(root, file), 'utf8');
    const loader = file.endsWith('.tsx') ? 'tsx' : 'ts';
    const runtime = specifiers(transformSync(text, { loader, format: 'esm', jsx: 'preserve' }).code);
    const edges = new Map<string, Edge>();
    for (const spec of specifiers(text)) {
      const to = resolve(root, file, spec);
      const typeOnly = !runtime.has(spec);
      const seen = edges.get(to);
      if (!seen || (seen.typeOnly && !typeOnly)) edges.set(to, { to, typeOnly });
    }
    graph.set(file, [...edges.values()]);
  }
  return graph;
}

/** The shortest chain of imports from `from` to a module `target` accepts (runtime edges unless told). */
export function chainTo(graph: Graph, from: string, target: (m: string) => boolean, withTypes = false) {
  const previous = new Map<string, string | null>([[from, null]]);
  const queue = [from];
  while (queue.length > 0) {
    const at = queue.shift()!;
    for (const edge of graph.get(at) ?? []) {
      if (edge.typeOnly && !withTypes) continue;
      if (target(edge.to)) {
        const chain = [edge.to];
        for (let m: string | null | undefined = at; m; m = previous.get(m)) chain.unshift(m);
        return chain;
      }
      if (previous.has(edge.to)) continue;
      previous.set(edge.to, at);
      queue.push(edge.to);
    }
  }
  return null;
}

/** Every import circle (over runtime edges) among the modules `within` accepts, each as a → b → … → a. */
export function importCircles(graph: Graph, within: (m: string) => boolean): string[][] {
  // Tarjan's strongly connected components; one shortest circle is reported per component.
  let index = 0;
  const order = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const next = (m: string) => (graph.get(m) ?? []).filter((e) => !e.typeOnly && within(e.to)).map((e) => e.to);
  const visit = (m: string) => {
    order.set(m, index);
    low.set(m, index++);
    stack.push(m);
    onStack.add(m);
    for (const to of next(m)) {
      if (!order.has(to)) {
        visit(to);
        low.set(m, Math.min(low.get(m)!, low.get(to)!));
      } else if (onStack.has(to)) low.set(m, Math.min(low.get(m)!, order.get(to)!));
    }
    if (low.get(m) === order.get(m)) {
      const component: string[] = [];
      let top: string;
      do {
        top = stack.pop()!;
        onStack.delete(top);
        component.push(top);
      } while (top !== m);
      if (component.length > 1 || next(m).includes(m)) components.push(component);
    }
  };
  for (const m of [...graph.keys()].filter(within).sort()) if (!order.has(m)) visit(m);
  return components.map((component) => {
    const members = new Set(component);
    const start = [...component].sort()[0]!;
    const inside: Graph = new Map([...members].map((m) => [m, (graph.get(m) ?? []).filter((e) => members.has(e.to))]));
    return chainTo(inside, start, (m) => m === start) ?? [start, start];
  });
}
