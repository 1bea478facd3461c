import { readFile } from 'node:fs/promises';
import {
  checkDestinationUrl,
  deliveryIdOf,
  publicDestination,
  renderAlert,
  renderSlack,
  sendAlert,
  signWebhook,
  validateDestination,
  validateDestinations,
  withStoredSecrets,
  type Destination,
} from '@callpulse/alerts';
import {
  deleteDestination,
  getDestination,
  listDestinations,
  putDestination,
  rulesNotifying,
} from '@callpulse/db';
import { CliError } from '../cli-error.js';
import { operands } from '../operands.js';
import { settings } from '../settings.js';
import { readStdin } from '../stdin.js';
import { withPool } from './keywords.js';

export const usage = `callpulse destinations list | get NAME | set FILE|- | delete NAME | test NAME
  Manages alert destinations in Postgres (DATABASE_URL): {"name", "type": "slack"|"webhook",
  "url", "secret" (webhook: whsec_...), "enabled"}. \`set\` takes one or a JSON array; URLs
  pointing at private or loopback addresses are refused unless ALERTS_ALLOW_PRIVATE_URLS=true.
  \`test\` sends a sample alert to the destination and prints the answer. Secrets are never shown.`;

const readText = async (file: string): Promise<string> =>
  file === '-'
    ? readStdin()
    : readFile(file, 'utf8').catch(() => {
        throw new CliError(`cannot read ${file}`);
      });

/** One destination or an array, validated and checked for private addresses. */
export const parseDestinationsJson = async (
  text: string,
  origin: string,
  stored: readonly Destination[] = [],
): Promise<Destination[]> => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new CliError(`${origin}: not JSON: ${(error as Error).message}`);
  }
  // What `destinations get` printed keeps the secret and URL it did not show.
  const complete = (item: unknown) => {
    const name = (item as { name?: unknown } | null)?.name;
    return withStoredSecrets(item, stored.find((d) => d.name === name) ?? null);
  };
  const json = Array.isArray(parsed) ? parsed.map(complete) : complete(parsed);
  const result = Array.isArray(json) ? validateDestinations(json) : validateDestination(json);
  if (!result.ok)
    throw new CliError(
      `${origin}: invalid destination: ${result.errors.map((e) => `${e.field}: ${e.message}`).join('; ')}`,
    );
  const list = Array.isArray(result.value) ? result.value : [result.value];
  const allowPrivate = settings().ALERTS_ALLOW_PRIVATE_URLS;
  for (const d of list) {
    if (d.url === '') continue;
    const checked = await checkDestinationUrl(d.url, { allowPrivate });
    if (!checked.ok) throw new CliError(`${origin}: destination ${d.name}: url: ${checked.error}`);
  }
  return list;
};

const show = (d: Destination): string => {
  const p = publicDestination(d);
  return `${p.name}\t${p.type}\t${p.enabled ? 'enabled' : 'disabled'}\t${p.url || '(no URL)'}${p.secretSet ? '\t(secret set)' : ''}`;
};

/** A made-up match, so an operator sees what an alert looks like where it lands. */
const sampleAlert = (d: Destination): { id: string; body: string } => {
  const now = new Date();
  const matchId = `test:callpulse/sample-call/destination-test@${now.getTime()}`;
  const body = renderAlert({
    kind: 'rule.matched',
    apiUrl: 'http://127.0.0.1:8081',
    call: {
      from: '+15550100',
      to: '+15550199',
      direction: 'inbound',
      startedAt: new Date(now.getTime() - 60_000).toISOString(),
      customer: { average: -0.4, fragments: 3 },
    },
    match: {
      matchId,
      source: 'test:callpulse',
      callId: 'sample-call',
      isTest: true,
      rule: 'destination-test',
      ruleVersion: 1,
      severity: 'info',
      phase: 'live',
      status: 'fired',
      basis: 'event',
      atSecond: 42,
      matchedAt: new Date(now.getTime() - 18_000).toISOString(),
      decidedAt: now.toISOString(),
      evidence: [
        {
          speaker: 'customer',
          text: 'This is a test alert from callpulse.',
          start: 0,
          end: 36,
          atSecond: 42,
        },
      ],
      trigger: { eventId: null, receivedAt: null },
      notify: [d.name],
      notifyOn: ['fired'],
      origin: 'live',
    },
  });
  return {
    id: deliveryIdOf(matchId, d.name, 'rule.matched'),
    body: JSON.stringify(d.type === 'slack' ? renderSlack(body) : body),
  };
};

export const run = async (argv: string[]): Promise<void> => {
  const [action, ...args] = argv;
  switch (action) {
    case 'list':
      operands('destinations list', args, []);
      return withPool(async (pool) => {
        const all = await listDestinations(pool);
        if (all.length === 0) console.log('no destinations');
        for (const d of all) console.log(show(d));
      });
    case 'get': {
      const [arg] = operands('destinations get', args, ['NAME']);
      return withPool(async (pool) => {
        const d = await getDestination(pool, arg);
        if (!d) throw new CliError(`no destination named "${arg}"`);
        console.log(JSON.stringify(publicDestination(d), null, 2));
      });
    }
    case 'set': {
      const [arg] = operands('destinations set', args, ['FILE|-']);
      const text = await readText(arg);
      return withPool(async (pool) => {
        const stored = await listDestinations(pool);
        const list = await parseDestinationsJson(text, arg === '-' ? 'stdin' : arg, stored);
        for (const d of list) {
          const { created } = await putDestination(pool, d);
          console.log(`${created ? 'created' : 'updated'} ${d.name}`);
        }
      });
    }
    case 'delete': {
      const [arg] = operands('destinations delete', args, ['NAME']);
      return withPool(async (pool) => {
        const users = await rulesNotifying(pool, arg);
        if (users.length > 0)
          throw new CliError(
            `destination "${arg}" is named by rules ${users.join(', ')}; change them first`,
          );
        if (!(await deleteDestination(pool, arg)))
          throw new CliError(`no destination named "${arg}"`);
        console.log(`deleted ${arg}`);
      });
    }
    case 'test': {
      const [arg] = operands('destinations test', args, ['NAME']);
      const d = await withPool((pool) => getDestination(pool, arg));
      if (!d) throw new CliError(`no destination named "${arg}"`);
      if (d.url === '') throw new CliError(`destination "${arg}" has no URL yet`);
      const { id, body } = sampleAlert(d);
      const headers =
        d.type === 'webhook' && d.secret
          ? signWebhook({ id, timestamp: Math.floor(Date.now() / 1000), body, secret: d.secret })
          : { 'webhook-id': id };
      const outcome = await sendAlert({
        url: d.url,
        body,
        headers,
        allowPrivate: settings().ALERTS_ALLOW_PRIVATE_URLS,
      });
      const answer = outcome.body ? ` ${outcome.body}` : '';
      if (!outcome.ok) throw new CliError(`${arg}: ${outcome.error}${answer}`, 1);
      console.log(`${arg}: HTTP ${outcome.status}${answer}`);
      return;
    }
    default:
      throw new CliError(`usage: ${usage}`);
  }
};
