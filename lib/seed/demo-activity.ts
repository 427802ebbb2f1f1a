// A few weeks of workspace-agent activity for the demo workspace, in the Compliance Logs record format:
// three agents built and published about forty days ago, then runs every day, and in the last days the
// events behind the demo's alerts — a custom MCP server's first call, Gmail granted to a published agent
// (newly trifecta since its review), an unapproved send on shared credentials, and a deletion by a builder.
// Timestamps are relative to `now`, so the demo always looks current.

type Connector = { connector_id: string; allowed_tools?: string[]; user_approvals: string; auth_variant_type?: string };

const DAY = 86_400_000;

export function demoActivity(principal: string, now: Date): string[] {
  const lines: string[] = [];
  let n = 0;
  const at = (daysAgo: number, hour: number, minute = 0) => {
    const d = new Date(now.getTime() - daysAgo * DAY);
    d.setUTCHours(hour, minute, 0, 0);
    return `${d.toISOString().slice(0, 23)}000Z`;
  };
  const user = (email: string) => ({
    type: 'ACCOUNT_USER',
    user_id: `user-${email.split('@')[0]!.replace('.', '-')}`,
    user_email: email,
  });
  const emit = (timestamp: string, eventType: string, actorEmail: string, details: Record<string, unknown>) => {
    n++;
    lines.push(
      JSON.stringify({
        event_id: `demo-${String(n).padStart(5, '0')}`,
        type: 'CUSTOM_AGENTS_LOG',
        timestamp,
        principal: { id: principal, type: 'CHATGPT_WORKSPACE' },
        actor: user(actorEmail),
        event_type: eventType,
        client_id: 'AGENT_BUILDER_WEB',
        workspace_id: principal,
        event_details: { detail_type: eventType, ...details },
      }),
    );
  };
  const config = (agentId: string, version: string, name: string, connectors: Connector[]) => ({
    agent_id: agentId,
    version_id: version,
    agent_fields: {
      name,
      description: name,
      skills: [],
      tools: { web_search: null, image_generation_enabled: false, connectors },
    },
  });
  const run = (
    agentId: string,
    version: string,
    runId: string,
    start: string,
    end: string,
    by: string,
    calls: { connector: string; action: string; approval: boolean }[],
    options: { shared?: boolean; failure?: string } = {},
  ) => {
    emit(start, 'AGENT_RUN_CREATED', by, {
      agent_id: agentId,
      version_id: version,
      run_id: runId,
      invoker: {
        type: options.shared ? 'slack' : 'chatgpt',
        is_shared_invocation: Boolean(options.shared),
        initiator: {
          kind: 'account_user',
          id: `account-${by.split('@')[0]}`,
          display_name: by.split('@')[0]!.replace('.', ' '),
        },
      },
    });
    calls.forEach((c, i) => {
      const call = {
        agent_id: agentId,
        version_id: version,
        run_id: runId,
        tool_call_id: `${runId}-call-${i}`,
        connector_id: c.connector,
        action_name: c.action,
      };
      emit(
        start.replace(/:00\.000000Z$/, `:${String(10 + i * 5).padStart(2, '0')}.000000Z`),
        'CONNECTOR_CALL_REQUESTED',
        by,
        { ...call, requires_elicitation: c.approval, ...(c.approval ? { elicitation_type: 'approval' } : {}) },
      );
      emit(
        start.replace(/:00\.000000Z$/, `:${String(12 + i * 5).padStart(2, '0')}.000000Z`),
        'CONNECTOR_CALL_COMPLETED',
        by,
        { ...call, status: 'success' },
      );
    });
    emit(end, options.failure ? 'AGENT_RUN_FAILED' : 'AGENT_RUN_COMPLETED', by, {
      agent_id: agentId,
      version_id: version,
      run_id: runId,
      ...(options.failure ? { failure_message: options.failure } : {}),
    });
  };

  // ~40 days ago: three agents built by their owners and published by an agents-admin reviewer.
  const digest: Connector[] = [
    {
      connector_id: 'salesforce',
      allowed_tools: ['search', 'read'],
      user_approvals: 'never',
      auth_variant_type: 'LINK',
    },
    {
      connector_id: 'slack',
      allowed_tools: ['search', 'post_to_channel'],
      user_approvals: 'always',
      auth_variant_type: 'LINK',
    },
  ];
  emit(
    at(41, 9),
    'AGENT_CREATED',
    'marcus.lee@acme.example',
    config('agent-pipeline-digest', 'v1', 'Pipeline digest', digest),
  );
  emit(
    at(40, 15),
    'AGENT_PUBLISHED',
    'nora.walsh@acme.example',
    config('agent-pipeline-digest', 'v1', 'Pipeline digest', digest),
  );
  const intake: Connector[] = [{ connector_id: 'notion', allowed_tools: ['search', 'read'], user_approvals: 'never' }];
  emit(
    at(40, 10),
    'AGENT_CREATED',
    'priya.shah@acme.example',
    config('agent-vendor-intake', 'v1', 'Vendor intake', intake),
  );
  emit(
    at(39, 16),
    'AGENT_PUBLISHED',
    'nora.walsh@acme.example',
    config('agent-vendor-intake', 'v1', 'Vendor intake', intake),
  );
  const exporter: Connector[] = [
    { connector_id: 'mcp:acme-crm', user_approvals: 'never' },
    { connector_id: 'google_drive', allowed_tools: ['search', 'read'], user_approvals: 'never' },
  ];
  emit(
    at(39, 11),
    'AGENT_CREATED',
    'aisha.okafor@acme.example',
    config('agent-crm-exporter', 'v1', 'CRM exporter', exporter),
  );
  emit(
    at(38, 14),
    'AGENT_PUBLISHED',
    'nora.walsh@acme.example',
    config('agent-crm-exporter', 'v1', 'CRM exporter', exporter),
  );
  emit(
    at(38, 9),
    'AGENT_CREATED',
    'jamie.chen@acme.example',
    config('agent-survey-helper', 'v1', 'Survey helper', [
      { connector_id: 'google_drive', allowed_tools: ['read'], user_approvals: 'never' },
    ]),
  );

  // Daily work: the digest every morning; the exporter reading the CRM and Drive.
  for (let day = 36; day >= 1; day--) {
    run(
      'agent-pipeline-digest',
      'v1',
      `run-digest-${day}`,
      at(day, 7),
      at(day, 7, 2),
      'marcus.lee@acme.example',
      [
        { connector: 'salesforce', action: 'search', approval: false },
        { connector: 'slack', action: 'post_to_channel', approval: true },
      ],
      day === 3 ? { failure: 'failed: Salesforce rate limit' } : {},
    );
    if (day % 3 === 0)
      run('agent-crm-exporter', 'v1', `run-exporter-${day}`, at(day, 13), at(day, 13, 1), 'aisha.okafor@acme.example', [
        { connector: 'mcp:acme-crm', action: 'lookup_account', approval: false },
        { connector: 'google_drive', action: 'read', approval: false },
      ]);
  }

  // The last days: what the alerts are about.
  emit(
    at(2, 10),
    'AGENT_UPDATED',
    'priya.shah@acme.example',
    config('agent-vendor-intake', 'v2', 'Vendor intake', [
      ...intake,
      {
        connector_id: 'gmail',
        allowed_tools: ['search', 'read', 'send'],
        user_approvals: 'never',
        auth_variant_type: 'SHARED',
      },
    ]),
  );
  run(
    'agent-vendor-intake',
    'v2',
    'run-intake-1',
    at(1, 16),
    at(1, 16, 3),
    'priya.shah@acme.example',
    [
      { connector: 'notion', action: 'search', approval: false },
      { connector: 'gmail', action: 'send', approval: false },
    ],
    { shared: true },
  );
  run('agent-crm-exporter', 'v1', 'run-exporter-new', at(1, 11), at(1, 11, 4), 'aisha.okafor@acme.example', [
    { connector: 'mcp:acme-crm', action: 'export_contacts', approval: false },
  ]);
  emit(at(1, 18), 'AGENT_DELETED', 'jamie.chen@acme.example', {
    agent_id: 'agent-survey-helper',
    version_id: 'v1',
    delete_reason: 'user_deleted',
    had_published_version: false,
  });
  return lines;
}
