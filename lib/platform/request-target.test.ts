// A request names what it acts on: agent kinds for agents, GPT kinds for GPTs, a file only of that GPT, nothing on
// a deleted target.
import { describe, expect, it } from 'vitest';
import { AppError } from '@/lib/http/app-error.ts';
import { type ActionTargetInfo, requestTarget } from './request-target.ts';

const agent: ActionTargetInfo = {
  id: 'row-1',
  externalId: 'agt-1',
  kind: 'workspace_agent',
  name: 'Payroll',
  status: 'published',
  files: [],
};
const gpt: ActionTargetInfo = {
  id: 'row-2',
  externalId: 'g-1',
  kind: 'custom_gpt',
  name: '',
  status: 'unknown',
  files: [{ id: 'file-a', name: 'salaries.xlsx' }],
};

function refused(run: () => unknown, message: RegExp) {
  let error: unknown = null;
  try {
    run();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).message).toMatch(message);
}

describe('requestTarget', () => {
  it('names an agent by its row, platform id and name', () => {
    expect(requestTarget(agent, 'delete_agent', undefined)).toEqual({
      agentId: 'row-1',
      targetId: 'agt-1',
      label: 'Payroll',
    });
  });

  it('refuses a GPT kind on an agent and an agent kind on a GPT', () => {
    refused(() => requestTarget(agent, 'isolate_gpt', undefined), /does not apply to a workspace agent/);
    refused(() => requestTarget(gpt, 'unpublish_agent', undefined), /does not apply to a custom GPT/);
  });

  it('deletes only a knowledge file the GPT has, named with the GPT (its id when it has no name)', () => {
    expect(requestTarget(gpt, 'delete_gpt_file', 'file-a')).toEqual({
      agentId: 'row-2',
      targetId: 'g-1',
      fileId: 'file-a',
      label: 'g-1: salaries.xlsx',
    });
    refused(() => requestTarget(gpt, 'delete_gpt_file', 'file-zz'), /knowledge files/);
    refused(() => requestTarget(gpt, 'delete_gpt_file', undefined), /knowledge files/);
  });

  it('refuses to act on a target already deleted', () => {
    refused(() => requestTarget({ ...agent, status: 'deleted' }, 'unpublish_agent', undefined), /deleted already/);
  });
});
