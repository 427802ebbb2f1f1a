import { describe, expect, it } from 'vitest';
import { open, seal } from './secret-box.ts';

describe('secret box', () => {
  it('round-trips, never stores the plain text, and refuses another key or purpose by naming the setting', () => {
    const sealed = seal('k1', 'compliance-api-key', 'sk-live-123');
    expect(sealed).not.toContain('sk-live');
    expect(seal('k1', 'compliance-api-key', 'sk-live-123')).not.toBe(sealed);
    expect(open('k1', 'compliance-api-key', sealed)).toBe('sk-live-123');
    expect(() => open('k2', 'compliance-api-key', sealed)).toThrow(/^TOLLGATE_SECRET_KEY: cannot decrypt/);
    expect(() => open('k1', 'webhook', sealed)).toThrow(/TOLLGATE_SECRET_KEY/);
  });
});
