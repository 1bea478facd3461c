import type { LiveCallKey } from './live-calls.js';

/** Notified by migration 0020's triggers with `["<source>", "<call id>"]`. */
export const CALL_CHANGED_CHANNEL = 'call_changed';

/** The call a `call_changed` payload names, or null for anything else. */
export const parseCallChanged = (payload: string | undefined): LiveCallKey | null => {
  if (!payload) return null;
  try {
    const value: unknown = JSON.parse(payload);
    if (
      Array.isArray(value) &&
      value.length === 2 &&
      typeof value[0] === 'string' &&
      typeof value[1] === 'string'
    )
      return { source: value[0], callId: value[1] };
  } catch {
    // not ours
  }
  return null;
};
