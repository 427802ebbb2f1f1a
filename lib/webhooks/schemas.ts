// What a subscription form may send. The event list and formats come from events.ts (one list for all).
import { z } from 'zod';
import { SEVERITIES } from '@/lib/alerts/filter.ts';
import { WEBHOOK_EVENT_TYPES, WEBHOOK_FORMATS } from './events.ts';

export const subscriptionInput = z.object({
  eventTypes: z
    .array(z.enum(WEBHOOK_EVENT_TYPES))
    .min(1, 'Choose at least one event.')
    .refine((types) => new Set(types).size === types.length, 'Choose each event at most once.'),
  format: z.enum(WEBHOOK_FORMATS),
  minSeverity: z.enum(SEVERITIES).nullable(),
  enabled: z.boolean(),
  description: z.string().trim().max(200),
});
export type SubscriptionInput = z.infer<typeof subscriptionInput>;
