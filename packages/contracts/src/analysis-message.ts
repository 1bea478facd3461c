import { z } from 'zod';
import { decodeVersioned } from './codec.js';
import type { Result } from './result.js';
import { labelSchema, matchModeSchema, speakerSchema } from './vocabulary.js';

/** What the analyzer publishes to the analysis topic, keyed like its input. */
export const ANALYSIS_MESSAGE_VERSION = 1;

const label = labelSchema;
const speaker = speakerSchema;

const sentiment = z.object({
  score: z.number(),
  comparative: z.number(),
  label,
  words: z.array(z.object({ word: z.string(), weight: z.number() })),
});

export const keywordHitSchema = z.object({
  list: z.string(),
  term: z.string(),
  match: matchModeSchema,
  matchedText: z.string(),
  start: z.number().int(),
  end: z.number().int(),
  speaker,
  /** Which entry of the final transcript the hit is in; 0 for a live fragment. */
  utteranceIndex: z.number().int().nonnegative().default(0),
});

const provenance = {
  /** The call event this analysis was computed from. */
  eventId: z.string().min(1),
  /**
   * That event's provider time (ISO 8601): where the writer stores the analysis, beside the
   * event (the detail tables are partitioned by it). Optional for messages published before.
   */
  occurredAt: z.iso.datetime().optional(),
  source: z.string().min(1),
  callId: z.string().min(1),
  isTest: z.boolean(),
  analyzerVersion: z.string(),
  keywordListsVersion: z.string(),
};

const aggregate = z.looseObject({ score: z.number(), comparative: z.number(), label });

export const analysisMessageSchema = z.discriminatedUnion('kind', [
  z.object({
    ...provenance,
    kind: z.literal('fragment_score'),
    speaker,
    sentiment,
    hits: z.array(keywordHitSchema),
  }),
  z.object({
    ...provenance,
    kind: z.literal('call_summary'),
    // The summary as the analysis package computes it; the writer reads the fields
    // named here into columns and keeps the whole object as jsonb.
    summary: z.looseObject({
      overall: aggregate,
      customerLabel: label,
      bySpeaker: z.looseObject({ customer: aggregate, ai: aggregate }),
    }),
    hits: z.array(keywordHitSchema),
  }),
]);

export type AnalysisMessage = z.infer<typeof analysisMessageSchema>;
export type FragmentScoreMessage = Extract<AnalysisMessage, { kind: 'fragment_score' }>;
export type CallSummaryMessage = Extract<AnalysisMessage, { kind: 'call_summary' }>;
export type KeywordHitMessage = z.infer<typeof keywordHitSchema>;

export const encodeAnalysisMessage = (message: AnalysisMessage): string =>
  JSON.stringify({ v: ANALYSIS_MESSAGE_VERSION, event: message });

export const decodeAnalysisMessage = (value: Buffer | string | null): Result<AnalysisMessage> =>
  decodeVersioned(value, ANALYSIS_MESSAGE_VERSION, analysisMessageSchema);
