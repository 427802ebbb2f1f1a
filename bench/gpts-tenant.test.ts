// The benchmark's generated tenant has the proportions issue 17 asks for, and its editions change few GPTs.
import { describe, expect, it } from 'vitest';
import type { Json } from '@/lib/platform-sim/source.ts';
import { scaleSource } from './gpts-tenant.ts';

type Tool = { type: string; action?: { domain: string; openapi_schema: string } };
const config = (gpt: Json) => gpt.latest_config as { tools: Tool[]; files: unknown[] };
const actionDomains = (gpt: Json) => config(gpt).tools.flatMap((t) => (t.action ? [t.action.domain] : []));

describe('the scale generator', () => {
  it('has the benchmark proportions: ~3 versions, ~5 actions, ~10 files, ~2,000 distinct schemas', () => {
    const source = scaleSource({ count: 3000 });
    let versions = 0;
    let actions = 0;
    let files = 0;
    const schemas = new Set<string>();
    for (let i = 0; i < source.count; i++) {
      const gpt = source.gpt(i);
      versions += source.configs(i).length;
      for (const t of config(gpt).tools) if (t.action) schemas.add(t.action.openapi_schema);
      actions += actionDomains(gpt).length;
      files += config(gpt).files.length;
      expect(source.indexOf(source.idAt(i))).toBe(i);
    }
    expect(versions / source.count).toBeCloseTo(3, 0);
    expect(actions / source.count).toBeCloseTo(5, 0);
    expect(files / source.count).toBeCloseTo(10, 0);
    expect(schemas.size).toBeGreaterThan(1800);
    expect(schemas.size).toBeLessThanOrEqual(2000);
    expect(source.indexOf('g-s000000x')).toBe(-1);
  });

  it('changes about one GPT in twenty per edition, with a new latest version', () => {
    const before = scaleSource({ count: 2000 });
    const after = scaleSource({ count: 2000, edition: 1 });
    const changed = Array.from({ length: 2000 }, (_, i) => i).filter(
      (i) => before.gpt(i).updated_at !== after.gpt(i).updated_at,
    );
    expect(changed.length).toBeGreaterThan(50);
    expect(changed.length).toBeLessThan(150);
    const i = changed[0]!;
    expect(after.configs(i).length).toBe(before.configs(i).length + 1);
  });
});
