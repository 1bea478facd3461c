import type { Destination } from './destination.js';

/** A destination as the API and the CLI show it: no secret, no token in the URL. */
export interface PublicDestination {
  name: string;
  type: Destination['type'];
  url: string;
  secretSet: boolean;
  enabled: boolean;
  ratePerSecond: number | null;
  burst: number | null;
}

const HIDDEN = '***';

/**
 * The URL with what grants access hidden: a Slack incoming webhook's path after
 * /services/ is its token (all of it is shown as ***), and for any URL the user info
 * and the query's values.
 */
export const maskUrl = (raw: string, type: Destination['type']): string => {
  if (raw === '') return '';
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return HIDDEN;
  }
  if (url.username || url.password) {
    url.username = HIDDEN;
    url.password = '';
  }
  for (const key of [...url.searchParams.keys()]) url.searchParams.set(key, HIDDEN);
  if (type === 'slack') {
    const parts = url.pathname.split('/');
    // /services/T.../B.../token: the workspace and channel ids stay, the token does not.
    url.pathname = parts.map((p, i) => (i >= 4 && p !== '' ? HIDDEN : p)).join('/');
    if (parts.length <= 4) url.pathname = '/' + HIDDEN;
  }
  return decodeURI(url.toString());
};

export const publicDestination = (d: Destination): PublicDestination => ({
  name: d.name,
  type: d.type,
  url: maskUrl(d.url, d.type),
  secretSet: d.secret !== null,
  enabled: d.enabled,
  ratePerSecond: d.ratePerSecond,
  burst: d.burst,
});

/**
 * A destination as a client sends it back after reading it (the API's GET, `destinations
 * get`), made whole from the stored one: `secretSet` is not a field to store, an omitted
 * secret keeps the stored one (no read shows it, so get, edit, set would erase it; send
 * `"secret": null` to remove it), and the masked URL a read showed keeps the stored URL.
 */
export const withStoredSecrets = (input: unknown, stored: Destination | null): unknown => {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return input;
  const { secretSet: _secretSet, ...destination } = input as Record<string, unknown>;
  if (stored === null) return destination;
  if (destination.secret === undefined) destination.secret = stored.secret;
  if (stored.url !== '' && destination.url === maskUrl(stored.url, stored.type))
    destination.url = stored.url;
  return destination;
};
