// Every operation of /api/v1, in the order the OpenAPI document lists them. Each area keeps its own file.
import type { Operation } from '../operation.ts';
import { agentOperations } from './agents.ts';
import { alertOperations } from './alerts.ts';
import { auditOperations } from './audit.ts';
import { evidenceOperations } from './evidence.ts';
import { exceptionOperations } from './exceptions.ts';
import { findingOperations } from './findings.ts';
import { importOperations } from './imports.ts';
import { postureOperations } from './posture.ts';
import { reviewOperations } from './reviews.ts';
import { workspaceOperations } from './workspaces.ts';

export const OPERATIONS: readonly Operation[] = [
  ...workspaceOperations,
  ...agentOperations,
  ...importOperations,
  ...findingOperations,
  ...alertOperations,
  ...exceptionOperations,
  ...reviewOperations,
  ...postureOperations,
  ...auditOperations,
  ...evidenceOperations,
];
