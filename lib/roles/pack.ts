// The guide's 6.01 code pack (JSONC). As shipped it has four feature keys; Tollgate also reads the fifth
// (publish with shared connections) and the guide's own dimension names, and always exports all five.
import { z } from 'zod';
import { parsePack } from '@/lib/packs/jsonc.ts';
import { DIMENSIONS, type Dimension, type Permissions, type RoleSpec } from './dimensions.ts';

/** Pack feature key → dimension. The first five are what export writes. */
export const FEATURE_KEYS: Record<string, Dimension> = {
  agents_use: 'use_agents',
  agents_build: 'build_agents',
  agents_publish: 'publish_agents',
  agents_publish_with_shared_connections: 'publish_agents_with_shared_connections',
  workspace_agents_for_slack: 'enable_slack_bot',
  use_agents: 'use_agents',
  build_agents: 'build_agents',
  publish_agents: 'publish_agents',
  publish_agents_with_shared_connections: 'publish_agents_with_shared_connections',
  enable_slack_bot: 'enable_slack_bot',
};

const EXPORT_KEYS: Record<Dimension, string> = {
  use_agents: 'agents_use',
  build_agents: 'agents_build',
  publish_agents: 'agents_publish',
  publish_agents_with_shared_connections: 'agents_publish_with_shared_connections',
  enable_slack_bot: 'workspace_agents_for_slack',
};

const featureValue = z.enum(['enabled', 'disabled'], { error: 'expected "enabled" or "disabled"' });

const roleSchema = z
  .object({
    name: z
      .string({ error: 'expected the role name as a string' })
      .trim()
      .min(1, 'the role name is empty')
      .max(100, 'the role name is longer than 100 characters'),
    description: z.string({ error: 'expected a string' }).max(1000, 'longer than 1000 characters').optional(),
    idp_group: z
      .string({ error: 'expected the group name as a string or null' })
      .trim()
      .min(1)
      .max(256)
      .nullable()
      .optional(),
    features: z.record(z.string(), featureValue, { error: 'expected an object of feature: "enabled" | "disabled"' }),
  })
  .strict()
  .superRefine((role, ctx) => {
    const seen = new Map<Dimension, string>();
    for (const key of Object.keys(role.features)) {
      const dimension = FEATURE_KEYS[key];
      if (!dimension) {
        ctx.addIssue({
          code: 'custom',
          path: ['features', key],
          message: `unknown feature "${key}"; expected one of ${Object.values(EXPORT_KEYS).join(', ')}`,
        });
        continue;
      }
      const other = seen.get(dimension);
      if (other)
        ctx.addIssue({
          code: 'custom',
          path: ['features', key],
          message: `"${key}" and "${other}" both set ${dimension}`,
        });
      seen.set(dimension, key);
    }
  });

const rolesPackSchema = z
  .object({ roles: z.array(roleSchema, { error: 'expected "roles" to be an array' }).max(500, 'more than 500 roles') })
  .strict()
  .superRefine((pack, ctx) => {
    const names = new Map<string, number>();
    pack.roles.forEach((role, i) => {
      const key = role.name.toLowerCase();
      if (names.has(key))
        ctx.addIssue({
          code: 'custom',
          path: ['roles', i, 'name'],
          message: `role "${role.name}" is listed twice (also roles[${names.get(key)}])`,
        });
      names.set(key, i);
    });
  });

export type ParsedRole = Omit<RoleSpec, 'groupName'> & {
  /** undefined when the pack does not say (the shipped pack never does). */
  groupName: string | null | undefined;
  /** Dimensions the pack left out: they count as disabled. */
  missing: Dimension[];
};

/** Parses a 6.01 pack; throws PackError (line and column, or JSON path) on bad input. */
export function parseRolesPack(text: string): ParsedRole[] {
  const pack = parsePack(text, rolesPackSchema);
  return pack.roles.map((role) => {
    const permissions = Object.fromEntries(DIMENSIONS.map((d) => [d, false])) as Permissions;
    const given = new Set<Dimension>();
    for (const [key, value] of Object.entries(role.features)) {
      const dimension = FEATURE_KEYS[key]!;
      permissions[dimension] = value === 'enabled';
      given.add(dimension);
    }
    return {
      name: role.name,
      description: role.description ?? '',
      groupName: role.idp_group,
      permissions,
      missing: DIMENSIONS.filter((d) => !given.has(d)),
    };
  });
}

/** The five-dimension form of the pack, with the IdP group each role is mapped to. */
export function exportRolesPack(roles: RoleSpec[], header: string[] = []): string {
  const body = {
    roles: roles.map((role) => ({
      name: role.name,
      description: role.description,
      idp_group: role.groupName,
      features: Object.fromEntries(
        DIMENSIONS.map((d) => [EXPORT_KEYS[d], role.permissions[d] ? 'enabled' : 'disabled']),
      ),
    })),
  };
  const comments = [
    '// HTH ChatGPT Enterprise Control 6.1: Workspace Agent RBAC Role Layout — exported by Tollgate',
    '// Five dimensions: agents_use, agents_build, agents_publish, agents_publish_with_shared_connections,',
    '// workspace_agents_for_slack (enable_slack_bot). idp_group: the SCIM group the role is mapped to.',
    ...header.map((line) => `// ${line.replace(/[\r\n]+/g, ' ')}`),
  ];
  return `${comments.join('\n')}\n${JSON.stringify(body, null, 2)}\n`;
}
