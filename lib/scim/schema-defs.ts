// The SCIM schemas Tollgate accepts (RFC 7643 §4, §8.7.1): one definition drives both the validation of
// what an IdP sends and the /Schemas discovery answer, so the two cannot disagree.
export const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const GROUP_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Group';
export const ENTERPRISE_USER_SCHEMA = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

export type AttrType = 'string' | 'boolean' | 'complex' | 'reference' | 'dateTime' | 'integer';
export type Attr = {
  name: string;
  type: AttrType;
  multiValued?: boolean;
  required?: boolean;
  mutability?: 'readOnly' | 'readWrite' | 'immutable' | 'writeOnly';
  returned?: 'always' | 'never' | 'default' | 'request';
  uniqueness?: 'none' | 'server' | 'global';
  caseExact?: boolean;
  referenceTypes?: string[];
  subAttributes?: Attr[];
  description?: string;
};
export type SchemaDef = { id: string; name: string; description: string; attributes: Attr[] };

const str = (name: string, extra: Partial<Attr> = {}): Attr => ({ name, type: 'string', ...extra });
const bool = (name: string, extra: Partial<Attr> = {}): Attr => ({ name, type: 'boolean', ...extra });
const multi = (name: string, sub: Attr[], extra: Partial<Attr> = {}): Attr => ({
  name,
  type: 'complex',
  multiValued: true,
  subAttributes: sub,
  ...extra,
});
const typedValues = (extra: Attr[] = []) => [str('value'), str('display'), str('type'), bool('primary'), ...extra];

export const USER: SchemaDef = {
  id: USER_SCHEMA,
  name: 'User',
  description:
    'A ChatGPT workspace member as the IdP provisions it, identified by an ' +
    'email address: the primary work email, else the userName, which must ' +
    'then be an email address.',
  attributes: [
    str('userName', {
      required: true,
      uniqueness: 'server',
      description:
        'Unique per workspace, compared without case. Must be an email address ' +
        '(name@domain.tld) unless the user also has a primary (or work) email in ' +
        '"emails": that email, lower-cased, is the member email; otherwise the ' +
        'userName, lower-cased, is. Anything else is refused with 400 invalidValue.',
    }),
    {
      name: 'name',
      type: 'complex',
      subAttributes: ['formatted', 'familyName', 'givenName', 'middleName', 'honorificPrefix', 'honorificSuffix'].map(
        (n) => str(n),
      ),
    },
    ...['displayName', 'nickName', 'title', 'userType', 'preferredLanguage', 'locale', 'timezone'].map((n) => str(n)),
    { name: 'profileUrl', type: 'reference', referenceTypes: ['external'] },
    bool('active', { description: 'false: the member is deactivated.' }),
    str('password', {
      mutability: 'writeOnly',
      returned: 'never',
      description: 'Accepted and discarded: Tollgate never stores it.',
    }),
    multi('emails', typedValues(), {
      description: 'The primary work email (else a work email) becomes the member email; a home email is ignored.',
    }),
    multi('phoneNumbers', typedValues()),
    multi('ims', typedValues()),
    multi('photos', typedValues()),
    multi('addresses', [
      ...['formatted', 'streetAddress', 'locality', 'region', 'postalCode', 'country', 'type'].map((n) => str(n)),
      bool('primary'),
    ]),
    multi('entitlements', typedValues()),
    multi('roles', typedValues(), { description: 'Stored and echoed back; never grants a Tollgate dashboard role.' }),
    multi('x509Certificates', typedValues()),
    multi(
      'groups',
      [str('value'), { name: '$ref', type: 'reference', referenceTypes: ['Group'] }, str('display'), str('type')],
      { mutability: 'readOnly' },
    ),
  ],
};

export const ENTERPRISE_USER: SchemaDef = {
  id: ENTERPRISE_USER_SCHEMA,
  name: 'EnterpriseUser',
  description: 'Enterprise User extension (stored and echoed back).',
  attributes: [
    ...['employeeNumber', 'costCenter', 'organization', 'division', 'department'].map((n) => str(n)),
    {
      name: 'manager',
      type: 'complex',
      subAttributes: [
        str('value'),
        { name: '$ref', type: 'reference', referenceTypes: ['User'] },
        str('displayName', { mutability: 'readOnly' }),
      ],
    },
  ],
};

export const GROUP: SchemaDef = {
  id: GROUP_SCHEMA,
  name: 'Group',
  description: 'An IdP group; agent roles are mapped to groups by display name.',
  attributes: [
    str('displayName', { required: true, uniqueness: 'server' }),
    multi(
      'members',
      [
        str('value', { mutability: 'immutable', description: 'The id of a User of the same workspace.' }),
        { name: '$ref', type: 'reference', referenceTypes: ['User'], mutability: 'immutable' },
        // The server's: the member's name (else email) as the roster knows it; a client's value is ignored.
        str('display', {
          mutability: 'readOnly',
          description: "The member's name, else email, from the roster; ignored when sent.",
        }),
        str('type', { mutability: 'immutable', description: 'User (nested groups are not supported).' }),
      ],
      { description: 'Users only.' },
    ),
  ],
};

export type ResourceDef = { name: 'User' | 'Group'; endpoint: string; schema: SchemaDef; extensions: SchemaDef[] };
export const RESOURCES: ResourceDef[] = [
  { name: 'User', endpoint: '/Users', schema: USER, extensions: [ENTERPRISE_USER] },
  { name: 'Group', endpoint: '/Groups', schema: GROUP, extensions: [] },
];
