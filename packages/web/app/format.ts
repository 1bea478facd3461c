export type Label = 'positive' | 'neutral' | 'negative';

/** Sentiment is never colour alone: every label has a shape and its word as well. */
const LABEL_MARK: Record<Label, string> = { positive: '▲', neutral: '●', negative: '▼' };

export const labelOf = (value: unknown): Label | null =>
  value === 'positive' || value === 'neutral' || value === 'negative' ? value : null;

export const labelText = (label: Label | null): string =>
  label ? `${LABEL_MARK[label]} ${label}` : '–';

export const num = (value: unknown, digits = 3): string =>
  typeof value === 'number' && Number.isFinite(value) ? value.toFixed(digits) : '–';

export const durationText = (ms: number): string => {
  if (!Number.isFinite(ms) || ms < 0) return '–';
  const s = Math.floor(ms / 1000);
  const hh = Math.floor(s / 3600);
  const mm = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return hh > 0 ? `${hh}:${String(mm).padStart(2, '0')}:${ss}` : `${mm}:${ss}`;
};

export const time = (value: unknown): number =>
  typeof value === 'string' ? Date.parse(value) : Number.NaN;

export const callHref = (source: string, callId: string): string =>
  `/calls/${encodeURIComponent(source)}/${encodeURIComponent(callId)}`;

export const isEnded = (status: unknown): boolean => status === 'ended' || status === 'error';

/** A call's duration: to its end once ended, else to `now` (the page ticks it). */
export const callDurationMs = (row: Record<string, unknown>, now: number): number => {
  const start = time(row.started_at);
  const end = isEnded(row.status) ? time(row.ended_at ?? row.errored_at) : now;
  return (Number.isNaN(end) ? now : end) - start;
};

export const SEVERITIES = ['info', 'low', 'medium', 'high', 'critical'] as const;
export const severityOf = (value: unknown): string =>
  typeof value === 'string' && (SEVERITIES as readonly string[]).includes(value) ? value : 'info';
