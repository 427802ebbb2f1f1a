// The risk tags of findings and alerts as the API shows and filters them (decision 0041).
import { z } from 'zod';
import { RISK_FRAMEWORKS, riskChoices } from '@/lib/frameworks/risk-tags.ts';

const ids = riskChoices().map((r) => r.id) as [string, ...string[]];

export const RiskTag = z
  .object({
    framework: z.enum(RISK_FRAMEWORKS),
    id: z.string().meta({ description: 'ASI01…ASI10, LLM01…LLM10, or an ATLAS id such as AML.T0051.001.' }),
    title: z.string().meta({ description: "The item's short title, in Tollgate's words." }),
  })
  .meta({ id: 'RiskTag' });

export const riskQuery = z
  .enum(ids)
  .optional()
  .meta({
    description:
      'An OWASP Top 10 for Agentic Applications risk (ASI02), OWASP Top 10 for LLM Applications risk (LLM06) or ' +
      'MITRE ATLAS technique (AML.T0053): only the rows naming it.',
  });
