// The three legs of the lethal trifecta (guide section 6, control 6.4).
export const LEGS = ['private_data', 'untrusted_content', 'external_send'] as const;
export type Leg = (typeof LEGS)[number];

export const LEG_LABELS: Record<Leg, string> = {
  private_data: 'Private data',
  untrusted_content: 'Untrusted content',
  external_send: 'External send',
};

export function isLeg(value: string): value is Leg {
  return (LEGS as readonly string[]).includes(value);
}
