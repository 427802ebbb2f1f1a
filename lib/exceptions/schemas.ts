// Zod input schemas for CAB exceptions: what a request and a decision may contain (attachments: lib/attachments).
import { z } from 'zod';
import { ACTION_MODES, ROLE_BITS } from './rules.ts';

const email = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ message: 'must be an e-mail address' }));

export const scopeInputSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('role_bit'),
    bit: z.enum(ROLE_BITS, { message: 'choose one of the five agent permission dimensions' }),
    people: z
      .array(email)
      .min(1, 'name at least one person')
      .max(200)
      .transform((p) => [...new Set(p)].sort()),
  }),
  z.object({
    kind: z.literal('action_control'),
    appId: z.string().trim().min(1, 'choose an app').max(200),
    mode: z.enum(ACTION_MODES),
  }),
  // The configuration hash is not taken from the client: the service pins the agent's current one.
  z.object({ kind: z.literal('trifecta'), agentId: z.string().trim().min(1, 'choose an agent').max(200) }),
  z.object({
    kind: z.literal('control_na'),
    controlId: z
      .string()
      .trim()
      .regex(/^\d+\.\d+$/, 'name the control as the guide numbers it, e.g. 2.3'),
  }),
  // Covers only the findings listed by key; a request must list at least one (requestInputSchema).
  z.object({ kind: z.literal('findings') }),
  z.object({
    kind: z.literal('approval_gate'),
    agentId: z.string().trim().min(1, 'choose an agent').max(200),
    categories: z
      .array(
        z
          .string()
          .trim()
          .regex(/^[a-z][a-z0-9_]*$/, 'approval categories are lower_snake_case names')
          .max(100),
      )
      .min(1, 'name at least one approval category')
      .max(20)
      .transform((c) => [...new Set(c)].sort()),
  }),
]);
export type ScopeInput = z.infer<typeof scopeInputSchema>;

export const requestInputSchema = z
  .object({
    title: z.string().trim().min(3, 'give a title of at least 3 characters').max(200),
    businessCase: z.string().trim().min(10, 'explain the business case (at least 10 characters)').max(10_000),
    scope: scopeInputSchema,
    findingKeys: z
      .array(z.string().trim().min(1).max(500))
      .max(200)
      .default([])
      .transform((k) => [...new Set(k)]),
    cabTicket: z
      .string()
      .trim()
      .max(100)
      .optional()
      .transform((t) => t || null),
    reviewAt: z.date({ message: 'give a review date' }),
    links: z.array(z.string().trim().min(1).max(2000)).max(20).default([]),
  })
  .refine((r) => r.scope.kind !== 'findings' || r.findingKeys.length > 0, {
    message: 'tick at least one finding: this exception covers only the findings it lists',
    path: ['findingKeys'],
  });
export type RequestInput = z.input<typeof requestInputSchema>;

export const decisionInputSchema = z.object({
  note: z
    .string()
    .trim()
    .max(2000)
    .optional()
    .transform((n) => n || null),
  /** The approver may set a review date other than the proposed one (still at most 90 days). */
  reviewAt: z.date().optional(),
});
export type DecisionInput = z.input<typeof decisionInputSchema>;

/** The first message of a failed parse, with its field, for forms. */
export function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0]!;
  const path = issue.path.join('.');
  return path ? `${path}: ${issue.message}` : issue.message;
}
