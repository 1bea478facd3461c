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
