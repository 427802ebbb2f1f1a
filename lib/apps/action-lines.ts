// Actions as the Apps page edits them, one per line: `name | read|write | send|internal | category`.
// e.g. `send | write | send | email_send` or `search | read | internal`. Errors name the line.
import type { AppAction } from './types.ts';

export function formatActionLines(actions: AppAction[]): string {
  return actions
    .map((a) =>
      [a.name, a.access, a.externalSend ? 'send' : 'internal', a.approvalCategory ?? '']
        .join(' | ')
        .replace(/ \| $/, ''),
    )
    .join('\n');
}

export function parseActionLines(text: string): AppAction[] {
  const actions: AppAction[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === '') return;
    const [name, access, reach, category, ...rest] = line.split('|').map((p) => p.trim());
    const where = `Actions line ${i + 1}`;
    if (!name || !/^[a-z0-9_.:-]+$/i.test(name))
      throw new Error(`${where}: the action name must be letters, digits, _ . : or -`);
    if (access !== 'read' && access !== 'write') throw new Error(`${where}: the second field must be read or write`);
    if (reach !== undefined && reach !== 'send' && reach !== 'internal')
      throw new Error(`${where}: the third field must be send or internal`);
    if (rest.length) throw new Error(`${where}: too many fields (name | read|write | send|internal | category)`);
    if (actions.some((a) => a.name === name)) throw new Error(`${where}: ${name} is listed twice`);
    actions.push({ name, access, externalSend: reach === 'send', approvalCategory: category || null });
  });
  return actions;
}
