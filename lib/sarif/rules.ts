// The rules `tollgate classify --format sarif` reports under. Their ids are stable: code scanning keys alerts on
// them, so a renamed rule would close every open alert and open new ones.
import type { SarifRule } from './types.ts';

const GUIDE_URL = 'https://howtoharden.com/guides/chatgpt-enterprise/';
const TAGS = ['security', 'ai-agents', 'lethal-trifecta'];

const trifecta: SarifRule = {
  id: 'lethal-trifecta',
  name: 'LethalTrifecta',
  shortDescription: { text: 'An agent holds the lethal trifecta' },
  fullDescription: {
    text:
      'The agent’s apps give it all three legs of the lethal trifecta: access to private data, exposure to ' +
      'untrusted content and a way to send data out. A prompt injection in the untrusted content can make it ' +
      'send the private data away.',
  },
  help: {
    text:
      'Remove one of the apps named in the alert (any one of the listed sets breaks the trifecta), make every ' +
      'app that sends out read-only, or put a human approval on every external-send action; or record an ' +
      'approved exception in Tollgate (guide control 6.4).',
    markdown:
      '**Lethal trifecta** (guide control 6.4): the agent can read private data, reads untrusted content and can ' +
      'send data out, so a prompt injection can exfiltrate.\n\n' +
      'Fix it by one of:\n' +
      '- removing one of the apps the alert lists (each listed set breaks the trifecta);\n' +
      '- making every app that sends out read-only, or requiring a human approval on every external-send action;\n' +
      '- recording an approved, expiring exception in Tollgate.',
  },
  helpUri: GUIDE_URL,
  defaultConfiguration: { level: 'error' },
  properties: { tags: TAGS, precision: 'high', 'security-severity': '8.0' },
};

const unknownApp: SarifRule = {
  id: 'unknown-app',
  name: 'UnknownApp',
  shortDescription: { text: 'An agent connects an app the catalogue does not know' },
  fullDescription: {
    text:
      'The app is not in the catalogue, so it counts for no leg of the lethal trifecta: the agent may hold a ' +
      'trifecta that this check cannot see.',
  },
  help: {
    text:
      'Add the app to the catalogue with its legs (Apps page, then export the catalogue and pass it with ' +
      '--catalogue FILE), or fix its spelling in the export.',
    markdown:
      '**Unknown app**: not in the catalogue, so it lights no leg and the trifecta check may miss this agent.\n\n' +
      'Classify the app on the Apps page (its legs and actions), export the catalogue and pass it with ' +
      '`--catalogue FILE`, or correct the spelling in the export.',
  },
  defaultConfiguration: { level: 'warning' },
  properties: { tags: TAGS, precision: 'medium', 'security-severity': '5.0' },
};

const unclassifiedMcp: SarifRule = {
  id: 'unclassified-mcp-server',
  name: 'UnclassifiedMcpServer',
  shortDescription: { text: 'An agent connects a custom MCP server no reviewer has classified' },
  fullDescription: {
    text:
      'A custom MCP server runs code the organisation brings itself; until a reviewer classifies it, it counts ' +
      'for all three legs, which alone makes a lethal trifecta.',
  },
  help: {
    text: 'Classify the MCP server in the catalogue (which legs it gives, which of its actions send out).',
    markdown:
      '**Unclassified MCP server**: counted for all three legs until a reviewer classifies it in the catalogue ' +
      '(Apps page), then pass the exported catalogue with `--catalogue FILE`.',
  },
  defaultConfiguration: { level: 'note' },
  properties: { tags: TAGS, precision: 'medium', 'security-severity': '3.0' },
};

/** In the order of `tool.driver.rules`: a result's ruleIndex is its rule's place here. */
export const CLASSIFY_RULES: readonly SarifRule[] = [trifecta, unknownApp, unclassifiedMcp];
export const RULE = { trifecta: 0, unknownApp: 1, unclassifiedMcp: 2 } as const;
