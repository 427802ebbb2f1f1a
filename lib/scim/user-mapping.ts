// A SCIM User ↔ a roster Member. Pure: the services feed it rows and store what it returns.
import { invalidValue } from './errors.ts';
import { ENTERPRISE_USER_SCHEMA, RESOURCES, USER_SCHEMA } from './schema-defs.ts';
import { validateResource } from './validate.ts';

export const USER_DEF = RESOURCES[0]!;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

type Email = { value?: string; type?: string; primary?: boolean };
export type MemberFields = {
  userName: string;
  email: string;
  name: string | null;
  externalId: string | null;
  status: 'active' | 'deactivated' | null;
};
// status null: the IdP left "active" unassigned; the caller decides (new → active, existing → unchanged).

/**
 * The member email: the primary work email when the IdP sends one (Entra's userName is a UPN that may
 * differ from the mailbox), else a work email, else the userName itself. Always lower-cased.
 */
export function memberEmail(resource: { userName: string; emails?: Email[] }): string {
  const emails = (resource.emails ?? []).filter((e) => typeof e.value === 'string' && e.value.trim() !== '');
  const work = (e: Email) => e.type === undefined || e.type.toLowerCase() === 'work';
  const chosen =
    emails.find((e) => e.primary === true && work(e)) ?? emails.find((e) => e.type?.toLowerCase() === 'work');
  const email = (chosen?.value ?? resource.userName).trim().toLowerCase();
  if (!EMAIL.test(email)) {
    throw invalidValue(
      chosen
        ? `emails value "${chosen.value}" is not an email address.`
        : `userName "${resource.userName}" is not an email address and no primary work email was given.`,
    );
  }
  return email;
}

export function memberName(resource: {
  name?: { formatted?: string; givenName?: string; familyName?: string };
  displayName?: string;
}): string | null {
  const formatted = resource.name?.formatted?.trim();
  if (formatted) return formatted;
  const parts = [resource.name?.givenName, resource.name?.familyName].map((p) => p?.trim()).filter(Boolean);
  if (parts.length) return parts.join(' ');
  return resource.displayName?.trim() || null;
}

/** Validates a User the IdP sent (POST, PUT, or the result of a PATCH) and derives the member's columns. */
export function parseUser(input: unknown): { resource: Record<string, unknown>; fields: MemberFields } {
  const resource = validateResource(USER_DEF, withManagerObject(input));
  const typed = resource as { userName: string; emails?: Email[]; active?: boolean; externalId?: string };
  const userName = typed.userName.trim();
  if (userName.length > 320) throw invalidValue('Attribute "userName" is longer than 320 characters.');
  return {
    resource: { ...resource, userName },
    fields: {
      userName,
      email: memberEmail({ ...typed, userName }),
      name: memberName(resource),
      externalId: typed.externalId ?? null,
      status: typed.active === undefined ? null : typed.active ? 'active' : 'deactivated',
    },
  };
}

/** Entra ID sends the enterprise `manager` as a bare id string; RFC 7643 makes it an object with `value`. */
function withManagerObject(input: unknown): unknown {
  if (typeof input !== 'object' || input === null) return input;
  const key = Object.keys(input).find((k) => k.toLowerCase() === ENTERPRISE_USER_SCHEMA.toLowerCase());
  const extension = key ? (input as Record<string, unknown>)[key] : undefined;
  if (!key || typeof extension !== 'object' || extension === null) return input;
  const managerKey = Object.keys(extension).find((k) => k.toLowerCase() === 'manager');
  const manager = managerKey ? (extension as Record<string, unknown>)[managerKey] : undefined;
  if (typeof manager !== 'string') return input;
  return { ...input, [key]: { ...extension, [managerKey!]: manager ? { value: manager } : null } };
}

export type MemberRow = {
  id: string;
  email: string;
  userName: string;
  name: string | null;
  externalId: string | null;
  status: string;
  scim: unknown;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  groups?: { id: string; displayName: string }[];
};

/** The User as Tollgate answers it: what the IdP last wrote, with the server's own id, active and meta. */
export function toUserResource(member: MemberRow, baseUrl: string): Record<string, unknown> {
  const stored = (member.scim && typeof member.scim === 'object' ? member.scim : null) as Record<
    string,
    unknown
  > | null;
  const base = stored ?? {
    schemas: [USER_SCHEMA],
    ...(member.name ? { name: { formatted: member.name }, displayName: member.name } : {}),
    emails: [{ value: member.email, type: 'work', primary: true }],
  };
  const location = `${baseUrl}/Users/${member.id}`;
  const { externalId: _ignored, ...rest } = base;
  return {
    ...rest,
    id: member.id,
    ...(member.externalId ? { externalId: member.externalId } : {}),
    userName: member.userName,
    active: member.status === 'active',
    ...(member.groups
      ? {
          groups: member.groups.map((g) => ({
            value: g.id,
            $ref: `${baseUrl}/Groups/${g.id}`,
            display: g.displayName,
            type: 'direct',
          })),
        }
      : {}),
    meta: {
      resourceType: 'User',
      created: member.createdAt.toISOString(),
      lastModified: member.updatedAt.toISOString(),
      location,
      version: etag(member.version),
    },
  };
}

export const etag = (version: number) => `W/"${version}"`;
