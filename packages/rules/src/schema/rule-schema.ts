import { z } from 'zod';
import { SEVERITIES } from '../types.js';
import type { Condition } from './condition.js';
import { conditionSchema } from './condition-schema.js';
import { positiveInt, slugName, strictObject } from './fields.js';

export const NOTIFY_ON = ['fired', 'confirmed', 'retracted'] as const;
export type NotifyOn = (typeof NOTIFY_ON)[number];

export const ruleSchema = strictObject({
  name: slugName,
  description: z
    .string({ error: 'expected a string' })
    .max(1000, { error: 'expected at most 1000 characters' })
    .optional(),
  enabled: z.boolean({ error: 'expected true or false' }).default(true),
  severity: z.enum(SEVERITIES, {
    error: `expected one of ${SEVERITIES.map((s) => `"${s}"`).join(', ')}`,
  }),
  when: conditionSchema,
  /** Destination names, used by the notifier. */
  notify: z
    .array(z.string({ error: 'expected a destination name' }).min(1), {
      error: 'expected an array of destination names',
    })
    .default([]),
  notifyOn: z
    .array(z.enum(NOTIFY_ON, { error: 'expected "fired", "confirmed" or "retracted"' }), {
      error: 'expected an array such as ["fired"]',
    })
    .min(1, { error: 'expected at least one of "fired", "confirmed", "retracted"' })
    .default(['fired']),
  /** Set by the rule store; a match records the version that fired ("once per version"). */
  version: positiveInt.optional(),
});

export interface Rule {
  name: string;
  description?: string;
  enabled: boolean;
  severity: (typeof SEVERITIES)[number];
  when: Condition;
  notify: string[];
  notifyOn: NotifyOn[];
  version?: number;
}
