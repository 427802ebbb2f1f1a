// The words Tollgate uses, in plain language, with the technical names second. Linked from the top bar of
// every page; every signed-in user may read it (it holds no workspace data).
import type { Metadata } from 'next';
import { PageHeader } from '@/components/ui/page-header.tsx';
import './glossary.css';

export const metadata: Metadata = { title: 'Glossary' };

type Term = { id: string; term: string; also?: string; text: string };

const TERMS: Term[] = [
  {
    id: 'trifecta',
    term: 'Lethal trifecta',
    text:
      'An agent that can read private data, takes in untrusted content, and can send data out. Together they ' +
      'let text planted by an attacker make the agent leak data. Tollgate flags every agent that has all three.',
  },
  {
    id: 'private-data',
    term: 'Private data',
    also: 'P',
    text: 'An app that gives the agent the organisation’s own information: files, mail, tickets, CRM records.',
  },
  {
    id: 'untrusted-content',
    term: 'Untrusted content',
    also: 'U',
    text:
      'An app through which text written by outsiders reaches the agent: web pages, incoming mail, public ' +
      'channels.',
  },
  {
    id: 'external-send',
    term: 'External send',
    also: 'S',
    text:
      'An action that can carry data out of the organisation: sending mail, posting to Slack, pushing to ' +
      'GitHub, even a web search (the query leaves).',
  },
  {
    id: 'leg',
    term: 'Part of the trifecta',
    also: 'leg; the P, U and S dots',
    text:
      'One of the three: private data, untrusted content, external send. A dot is filled when some app of the ' +
      'agent brings that part.',
  },
  {
    id: 'completes',
    term: 'Completes the trifecta (★)',
    text:
      'An app is starred when removing it alone breaks the trifecta: it is the only app bringing one of the ' +
      'three parts.',
  },
  {
    id: 'closed',
    term: 'Closed send',
    text:
      'An app whose external sends are all shut: denied by the workspace’s action control, left out of the ' +
      'agent’s allowed tools, or each one needing a person’s approval. It does not count as an external send.',
  },
  {
    id: 'risk-state',
    term: 'Risk state',
    also: 'effective state',
    text:
      'Exposed: all three parts and an open external send. Mitigated: all three parts, but every send is ' +
      'closed. Accepted: exposed, and an approved exception accepts it until a date. Not a trifecta: a part is ' +
      'missing. A suspended agent shows “Suspended” first and its risk state underneath.',
  },
  {
    id: 'human-gate',
    term: 'Human approval (gate)',
    also: 'user_approvals: "always"',
    text:
      'The connector asks a person before every action. The approval policy requires it for the categories it ' +
      'lists.',
  },
  {
    id: 'action-control',
    term: 'Action control',
    also: 'read_only, custom',
    text:
      'The workspace-wide setting per app (guide 6.2): read-only denies every write; custom denies the actions ' +
      'it lists.',
  },
  {
    id: 'approval-category',
    term: 'Approval category',
    also: 'rule id, e.g. slack_post_to_channel_or_external_dm',
    text:
      'The approval policy’s name for a kind of action, such as “Posting to a Slack channel or messaging ' +
      'outside people”. The id is what policy files, exceptions and the audit log use.',
  },
  {
    id: 'action-map',
    term: 'Action map',
    text:
      'Every action an agent can take through its connectors, with its gate, checked against the approval ' +
      'policy and the trifecta.',
  },
  {
    id: 'configuration',
    term: 'Configuration',
    also: 'configuration hash (SHA-256)',
    text:
      'The agent’s apps and their settings. Its fingerprint changes whenever they change; a review decision or ' +
      'an exception holds for exactly one configuration.',
  },
  {
    id: 'mcp',
    term: 'Unclassified MCP server',
    also: 'mcp:…',
    text:
      'A custom tool server nobody has described yet. Its tools are unknown, so it counts as all three parts ' +
      'until it is classified on the Apps page.',
  },
  {
    id: 'register',
    term: 'Published register',
    text: 'The agents approved for publishing, at the configuration that was approved, with their approvers.',
  },
  {
    id: 'suspension-clock',
    term: 'Suspension clock',
    text:
      'From the trigger of a suspension to its confirmation in the admin console. The target is under 15 ' +
      'minutes (guide 6.5); the clock turns red past it.',
  },
  {
    id: 'exception',
    term: 'Exception',
    text: 'A time-limited, approved acceptance of a risk or a missing gate, for one configuration.',
  },
  {
    id: 'finding',
    term: 'Finding',
    text: 'A departure of the workspace from the approved baseline or the guide, with an owner and a due date.',
  },
];

export default function GlossaryPage() {
  return (
    <>
      <PageHeader
        title="Glossary"
        description="The words Tollgate uses, in plain language. Technical names are shown second, in monospace."
      />
      <dl className="glossary panel">
        {TERMS.map((t) => (
          <div key={t.id} id={t.id} className="glossary-entry">
            <dt>
              {t.term}
              {t.also && (
                <>
                  {' '}
                  <code className="glossary-also">{t.also}</code>
                </>
              )}
            </dt>
            <dd>{t.text}</dd>
          </div>
        ))}
      </dl>
    </>
  );
}
