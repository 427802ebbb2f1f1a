// Triage: status, assignee and notes. Every change is kept as a note on the alert and in the audit log.
import type { Actor } from '@/lib/audit/record.ts';
import { recordAudit } from '@/lib/audit/record.ts';
import type { Db } from '@/lib/db.ts';
import { AppError } from '@/lib/http/app-error.ts';
import type { AlertStatus } from './filter.ts';

export type Triage = { status?: AlertStatus; assignee?: string | null; note?: string };

export async function triageAlert(db: Db, actor: Actor, workspaceId: string, alertId: string, change: Triage) {
  return db.$transaction(async (tx) => {
    const alert = await tx.alert.findFirst({ where: { id: alertId, workspaceId } });
    if (!alert) throw new AppError('not_found', 'No such alert in this workspace.');
    const notes: { kind: string; text: string }[] = [];
    const data: { status?: string; assignee?: string | null; updatedAt?: Date } = {};
    if (change.status && change.status !== alert.status) {
      if (change.status === 'false_positive' && !change.note?.trim())
        throw new AppError('unprocessable', 'Say why this is a false positive (a note is required).');
      data.status = change.status;
      notes.push({ kind: 'status', text: `${alert.status} → ${change.status}` });
    }
    if (change.assignee !== undefined && (change.assignee || null) !== alert.assignee) {
      data.assignee = change.assignee || null;
      notes.push({ kind: 'assignee', text: data.assignee ? `assigned to ${data.assignee}` : 'unassigned' });
    }
    if (change.note?.trim()) notes.push({ kind: 'note', text: change.note.trim().slice(0, 4000) });
    if (notes.length === 0) throw new AppError('unprocessable', 'Nothing to change.');
    await tx.alert.update({ where: { id: alertId }, data: { ...data, updatedAt: new Date() } });
    await tx.alertNote.createMany({
      data: notes.map((n) => ({ alertId, author: actor.label, kind: n.kind, text: n.text })),
    });
    await recordAudit(tx, actor, {
      action: 'alert.triage',
      targetType: 'alert',
      targetId: alertId,
      workspaceId,
      diff: {
        rule: alert.ruleId,
        ...(data.status ? { status: { from: alert.status, to: data.status } } : {}),
        ...('assignee' in data ? { assignee: { from: alert.assignee, to: data.assignee } } : {}),
        noted: Boolean(change.note?.trim()),
      },
    });
  });
}
