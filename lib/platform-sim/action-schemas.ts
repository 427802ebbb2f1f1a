// Action OpenAPI documents the demo's GPTs carry, written as builders write them (JSON or YAML, with
// `x-openai-isConsequential` on some operations and not on others), plus one that no parser can read.
// `allowed` says whether the demo's GPT policy (DEMO_GPT_ALLOWED_DOMAINS) lets the domain through.
export type DemoAction = {
  domain: string;
  auth: 'none' | 'api_key' | 'oauth';
  privacyPolicyUrl: string | null;
  schema: string;
};

const json = (doc: unknown) => JSON.stringify(doc, null, 2);
const op = (operationId: string, summary: string, consequential?: boolean) => ({
  operationId,
  summary,
  ...(consequential === undefined ? {} : { 'x-openai-isConsequential': consequential }),
  responses: { '200': { description: 'OK' } },
});

/** The domains the demo's GPT policy allows (a parent allows its subdomains). */
export const DEMO_GPT_ALLOWED_DOMAINS = [
  'acme.example',
  'atlassian.net',
  'salesforce.com',
  'open-meteo.com',
  'deepl.com',
];

export const DEMO_ACTIONS = {
  acmeCrm: {
    domain: 'crm.acme.example',
    auth: 'oauth',
    privacyPolicyUrl: 'https://acme.example/privacy',
    schema: json({
      openapi: '3.1.0',
      info: { title: 'Acme CRM', version: '2.3.0' },
      servers: [{ url: 'https://crm.acme.example/api/v2' }],
      paths: {
        '/accounts': { get: op('searchAccounts', 'Search accounts by name or domain') },
        '/accounts/{accountId}': {
          get: {
            ...op('getAccount', 'Read one account'),
            parameters: [{ name: 'accountId', in: 'path', required: true, schema: { type: 'string' } }],
          },
        },
        '/accounts/{accountId}/notes': {
          post: {
            ...op('addAccountNote', 'Add a note to an account', true),
            parameters: [{ name: 'accountId', in: 'path', required: true, schema: { type: 'string' } }],
            requestBody: { content: { 'application/json': { schema: { type: 'object' } } } },
          },
        },
      },
    }),
  },
  jira: {
    domain: 'acme.atlassian.net',
    auth: 'oauth',
    privacyPolicyUrl: 'https://www.atlassian.com/legal/privacy-policy',
    schema: `openapi: 3.0.3
info:
  title: Jira issues
  version: "1.0"
servers:
  - url: https://acme.atlassian.net/rest/api/3
paths:
  /search:
    get:
      operationId: searchIssues
      summary: Search issues with JQL
      parameters:
        - { name: jql, in: query, required: true, schema: { type: string } }
      responses: { "200": { description: OK } }
  /issue:
    post:
      operationId: createIssue
      summary: Create an issue
      x-openai-isConsequential: false
      requestBody:
        content: { application/json: { schema: { type: object } } }
      responses: { "201": { description: Created } }
`,
  },
  salesforce: {
    domain: 'acme.my.salesforce.com',
    auth: 'oauth',
    privacyPolicyUrl: 'https://www.salesforce.com/company/privacy/',
    schema: json({
      openapi: '3.0.1',
      info: { title: 'Salesforce opportunities', version: '60.0' },
      servers: [{ url: 'https://acme.my.salesforce.com/services/data/v60.0' }],
      paths: {
        '/query': { get: op('soqlQuery', 'Run a SOQL query') },
        '/sobjects/Opportunity/{id}': {
          get: op('getOpportunity', 'Read an opportunity'),
          patch: op('updateOpportunity', 'Update an opportunity stage or amount', true),
        },
      },
    }),
  },
  weather: {
    domain: 'api.open-meteo.com',
    auth: 'none',
    privacyPolicyUrl: 'https://open-meteo.com/en/terms',
    schema: json({
      openapi: '3.0.0',
      info: { title: 'Open-Meteo forecast', version: '1.0' },
      servers: [{ url: 'https://api.open-meteo.com/v1' }],
      paths: { '/forecast': { get: op('getForecast', 'Hourly forecast for a latitude and longitude') } },
    }),
  },
  deepl: {
    domain: 'api-free.deepl.com',
    auth: 'api_key',
    privacyPolicyUrl: 'https://www.deepl.com/privacy',
    schema: `openapi: 3.0.0
info: { title: DeepL translate, version: "2" }
servers: [ { url: "https://api-free.deepl.com/v2" } ]
paths:
  /translate:
    post:
      operationId: translateText
      summary: Translate text
      x-openai-isConsequential: false
      responses: { "200": { description: OK } }
`,
  },
  // A catch hook on a domain the policy does not list: whatever the GPT posts leaves the company.
  zapier: {
    domain: 'hooks.zapier.com',
    auth: 'none',
    privacyPolicyUrl: null,
    schema: json({
      openapi: '3.0.0',
      info: { title: 'Send to Zapier', version: '1' },
      servers: [{ url: 'https://hooks.zapier.com/hooks/catch/184422' }],
      paths: { '/q8x1z7/': { post: op('sendToZap', 'Send the summary to the sales ops zap', false) } },
    }),
  },
  // An old internal service still served over plain http, with a static key.
  legacyHr: {
    domain: 'hr-legacy.acme.example',
    auth: 'api_key',
    privacyPolicyUrl: null,
    schema: json({
      openapi: '3.0.0',
      info: { title: 'HR directory (legacy)', version: '0.9' },
      servers: [{ url: 'http://hr-legacy.acme.example/api' }],
      paths: {
        '/employees/{employeeId}': { get: op('getEmployee', 'Read an employee record') },
        '/employees/{employeeId}/manager': { put: op('setManager', 'Change an employee manager') },
      },
    }),
  },
  // An internal status page with no auth at all.
  status: {
    domain: 'status.acme.example',
    auth: 'none',
    privacyPolicyUrl: null,
    schema: json({
      openapi: '3.0.0',
      info: { title: 'Acme status', version: '1' },
      servers: [{ url: 'https://status.acme.example/api' }],
      paths: { '/incidents': { get: op('listIncidents', 'Open incidents') } },
    }),
  },
  // Half-edited YAML that no parser reads: the action is unknown until a reviewer classifies it.
  broken: {
    domain: 'expenses.acme.example',
    auth: 'api_key',
    privacyPolicyUrl: null,
    schema: 'openapi: 3.0.0\ninfo: { title: Expenses\npaths:\n  /claims: [ get: {',
  },
} satisfies Record<string, DemoAction>;

export type DemoActionKey = keyof typeof DEMO_ACTIONS;
