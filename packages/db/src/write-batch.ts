import type { AnalysisMessage, RuleMatchMessage } from '@callpulse/contracts';
import type { PoolClient } from 'pg';
import { refreshCallFigures } from './call-figures.js';
import { writeAnalysis } from './write-analysis.js';
import { writeCallEvents, type StoredCallEvent } from './write-call-events.js';
import { writeRuleMatches } from './write-rule-matches.js';

export interface WriterBatch {
  events: StoredCallEvent[];
  analysis: AnalysisMessage[];
  matches: RuleMatchMessage[];
}

/**
 * Everything the writer stores for one batch, inside the caller's transaction: the detail
 * rows, then (last, once every row is in) the figures and rollups of the calls touched,
 * recomputed from those rows.
 */
export const writeBatch = async (
  client: PoolClient,
  { events, analysis, matches }: WriterBatch,
): Promise<void> => {
  if (events.length > 0) await writeCallEvents(client, events);
  if (analysis.length > 0) await writeAnalysis(client, analysis);
  if (matches.length > 0) await writeRuleMatches(client, matches);
  await refreshCallFigures(client, [
    ...events.flatMap((e) => (e.event.call ? [e.event.call] : [])),
    ...analysis,
    ...matches,
  ]);
};
