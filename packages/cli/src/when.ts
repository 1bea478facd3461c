import { CliError } from './cli-error.js';

const UNITS_MS = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** Parses "90d", "24h" or "30m" into milliseconds, or null when the text is not one. */
export const parseDurationMs = (text: string): number | null => {
  const m = /^(\d+)([mhd])$/.exec(text.trim());
  if (!m) return null;
  return Number(m[1]) * UNITS_MS[m[2] as keyof typeof UNITS_MS];
};

/** An ISO time, or a duration ("7d", "24h") meaning that long before `now`. */
export const parseWhen = (flag: string, text: string, now: Date): Date => {
  const ms = parseDurationMs(text);
  if (ms !== null) return new Date(now.getTime() - ms);
  const date = new Date(text);
  if (Number.isNaN(date.getTime()))
    throw new CliError(`--${flag}: not a time or a duration (like 7d, 24h, 30m): ${text}`, 2);
  return date;
};
