'use server';
// CAB exceptions: request, approve, reject, revoke, add a link. Files are uploaded through a route handler
// (app/api/exceptions/[exceptionId]/attachments): server-action bodies are small and buffered.
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { formAction } from '@/lib/http/form-action.ts';
import { field } from '@/lib/http/form-data.ts';
import { parseReviewDate } from './rules.ts';
import { addAttachment, approveException, rejectException, requestException, revokeException } from './service.ts';

function lines(value: string): string[] {
  return value
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
}

function refresh(exceptionId?: string) {
  revalidatePath('/exceptions');
  if (exceptionId) revalidatePath(`/exceptions/${exceptionId}`);
  revalidatePath('/findings');
  revalidatePath('/agents');
  revalidatePath('/');
}

const UNKNOWN = 'Unknown exception.';
const decisionForm = z.object({
  workspaceId: field.id(UNKNOWN),
  exceptionId: field.id(UNKNOWN),
  note: field.text(),
  reviewAt: field.text(),
});

const requestForm = z.object({
  workspaceId: field.id('Unknown workspace.', Infinity),
  scopeKind: field.text(),
  bit: field.text(),
  people: field.text(),
  appId: field.text(),
  mode: field.text(),
  agentId: field.text(),
  controlId: field.text(),
  categories: field.text(),
  title: field.text(),
  businessCase: field.text(),
  findingKeys: field.list(),
  cabTicket: field.text(),
  reviewAt: field.text(),
  links: field.text(),
});
type RequestForm = z.output<typeof requestForm>;

// The form's fields for each kind of scope; the service validates the result with scopeInputSchema.
const SCOPE_FIELDS: Record<string, (f: RequestForm) => object> = {
  role_bit: (f) => ({ bit: f.bit, people: lines(f.people.replace(/[,;]/g, '\n')) }),
  action_control: (f) => ({ appId: f.appId, mode: f.mode }),
  trifecta: (f) => ({ agentId: f.agentId }),
  control_na: (f) => ({ controlId: f.controlId }),
  approval_gate: (f) => ({ agentId: f.agentId, categories: lines(f.categories.replace(/[,;]/g, '\n')) }),
};

export const requestExceptionAction = formAction('exceptions:request', requestForm, async ({ actor, db, input }) => {
  const kind = input.scopeKind;
  const scope = { kind, ...(Object.hasOwn(SCOPE_FIELDS, kind) ? SCOPE_FIELDS[kind]!(input) : {}) };
  const { id } = await requestException(db, actor, input.workspaceId, {
    title: input.title,
    businessCase: input.businessCase,
    scope,
    findingKeys: input.findingKeys,
    cabTicket: input.cabTicket,
    reviewAt: input.reviewAt ? parseReviewDate(input.reviewAt) : undefined,
    links: lines(input.links),
  });
  refresh();
  return { data: { id }, message: 'Exception requested: a CISO decides it.' };
});

export const approveExceptionAction = formAction('exceptions:approve', decisionForm, async ({ actor, db, input }) => {
  const { workspaceId, exceptionId, note, reviewAt } = input;
  await approveException(db, actor, workspaceId, exceptionId, {
    note,
    ...(reviewAt ? { reviewAt: parseReviewDate(reviewAt) } : {}),
  });
  refresh(exceptionId);
  return { message: 'Approved: the exception is in force until its review date.' };
});

export const rejectExceptionAction = formAction('exceptions:approve', decisionForm, async ({ actor, db, input }) => {
  await rejectException(db, actor, input.workspaceId, input.exceptionId, { note: input.note });
  refresh(input.exceptionId);
  return { message: 'Rejected.' };
});

export const revokeExceptionAction = formAction('exceptions:approve', decisionForm, async ({ actor, db, input }) => {
  await revokeException(db, actor, input.workspaceId, input.exceptionId, { note: input.note });
  refresh(input.exceptionId);
  return { message: 'Revoked: the findings it covered are open again.' };
});

const linkForm = z.object({ workspaceId: field.id(UNKNOWN), exceptionId: field.id(UNKNOWN), url: field.text() });

// A link as evidence; addAttachment checks it like every evidence (lib/attachments). Files come through the route.
export const addLinkAction = formAction('exceptions:request', linkForm, async ({ actor, db, input }) => {
  await addAttachment(db, actor, input.workspaceId, input.exceptionId, { url: input.url });
  refresh(input.exceptionId);
  return { message: 'Link added.' };
});
