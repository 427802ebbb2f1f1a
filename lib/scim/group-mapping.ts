// A SCIM Group ↔ a roster Group and its GroupMember rows. Pure.
import { invalidValue } from './errors.ts';
import { RESOURCES } from './schema-defs.ts';
import { etag } from './user-mapping.ts';
import { validateResource } from './validate.ts';

export const GROUP_DEF = RESOURCES[1]!;

export type GroupFields = { displayName: string; externalId: string | null; memberIds: string[] };

/** Validates a Group the IdP sent; members are kept apart (they live in GroupMember rows, not in the JSON). */
export function parseGroup(input: unknown): { resource: Record<string, unknown>; fields: GroupFields } {
  const { members, ...resource } = validateResource(GROUP_DEF, input) as {
    members?: { value?: string; type?: string }[];
    displayName: string;
    externalId?: string;
  };
  const memberIds = (members ?? []).map((m, i) => {
    if (!m.value) throw invalidValue(`Attribute "members[${i}].value" is required.`);
    if (m.type && m.type.toLowerCase() !== 'user')
      throw invalidValue(`members[${i}] is a ${m.type}: only users can be members (nested groups are not supported).`);
    return m.value;
  });
  const displayName = resource.displayName.trim();
  if (displayName.length > 256) throw invalidValue('Attribute "displayName" is longer than 256 characters.');
  return {
    resource: { ...resource, displayName },
    fields: { displayName, externalId: resource.externalId ?? null, memberIds: [...new Set(memberIds)] },
  };
}

export type GroupRow = {
  id: string;
  displayName: string;
  externalId: string | null;
  scim: unknown;
  version: number;
  createdAt: Date;
  updatedAt: Date;
};
export type GroupMemberRef = { id: string; email: string; name: string | null };

export function toGroupResource(
  group: GroupRow,
  members: GroupMemberRef[] | null,
  baseUrl: string,
): Record<string, unknown> {
  const stored = (
    group.scim && typeof group.scim === 'object' ? group.scim : { schemas: [GROUP_DEF.schema.id] }
  ) as Record<string, unknown>;
  const { externalId: _e, members: _m, ...rest } = stored;
  return {
    ...rest,
    id: group.id,
    ...(group.externalId ? { externalId: group.externalId } : {}),
    displayName: group.displayName,
    ...(members
      ? {
          members: members.map((m) => ({
            value: m.id,
            $ref: `${baseUrl}/Users/${m.id}`,
            display: m.name ?? m.email,
            type: 'User',
          })),
        }
      : {}),
    meta: {
      resourceType: 'Group',
      created: group.createdAt.toISOString(),
      lastModified: group.updatedAt.toISOString(),
      location: `${baseUrl}/Groups/${group.id}`,
      version: etag(group.version),
    },
  };
}
