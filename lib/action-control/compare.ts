// Where one set of action controls departs from another: observed vs baseline, field by field.
import { packKeyOf, type ControlSpec } from './types.ts';

export type ControlField = 'enabled' | 'mode' | 'allowedActions' | 'deniedActions' | 'newActionsDefault';

export type ControlDeparture =
  | { kind: 'missing_app'; appId: string; message: string }
  | { kind: 'extra_app'; appId: string; message: string }
  | { kind: 'field'; appId: string; field: ControlField; expected: string; actual: string; message: string };

const FIELDS: ControlField[] = ['enabled', 'mode', 'allowedActions', 'deniedActions', 'newActionsDefault'];

export function fieldText(control: ControlSpec, field: ControlField): string {
  const value = control[field];
  if (Array.isArray(value)) return [...value].sort().join(', ') || '—';
  return String(value);
}

export function compareControls(
  reference: ControlSpec[],
  actual: ControlSpec[],
  label = 'baseline',
): ControlDeparture[] {
  const out: ControlDeparture[] = [];
  const actualById = new Map(actual.map((c) => [c.appId, c]));
  const referenceIds = new Set(reference.map((c) => c.appId));
  for (const ref of reference) {
    const got = actualById.get(ref.appId);
    const key = packKeyOf(ref.appId);
    if (!got) {
      // Apps are disabled until enabled: an app missing from an export departs only when the baseline enables it.
      if (ref.enabled)
        out.push({
          kind: 'missing_app',
          appId: ref.appId,
          message: `${key} is enabled in the ${label} but not in the observed configuration`,
        });
      continue;
    }
    for (const field of FIELDS) {
      // Action lists only mean something when both sides are custom (a different mode is already a departure).
      if ((field === 'allowedActions' || field === 'deniedActions') && (ref.mode !== 'custom' || got.mode !== 'custom'))
        continue;
      const expected = fieldText(ref, field);
      const value = fieldText(got, field);
      if (expected !== value)
        out.push({
          kind: 'field',
          appId: ref.appId,
          field,
          expected,
          actual: value,
          message: `${key}: ${field} ${value} (${label}: ${expected})`,
        });
    }
  }
  for (const c of actual) {
    if (!referenceIds.has(c.appId))
      out.push({
        kind: 'extra_app',
        appId: c.appId,
        message: `${packKeyOf(c.appId)} is not in the ${label} (${c.enabled ? 'enabled' : 'disabled'}, ${c.mode})`,
      });
  }
  return out;
}
