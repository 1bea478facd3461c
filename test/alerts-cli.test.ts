import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { describe, expect, inject, it } from 'vitest';
import type { AlertBody } from '@callpulse/alerts';
import { whsecret } from './support/alerts.js';
import { startReceiver, verifyStandardWebhook } from './support/receiver.js';

const root = fileURLToPath(new URL('../', import.meta.url));

/** Runs the CLI without blocking this process: the test's receiver must answer meanwhile. */
const callpulse = (args: string[], env: Record<string, string> = {}, input = '') =>
  new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, ['packages/cli/bin/callpulse.js', ...args], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', DATABASE_URL: inject('databaseUrl'), ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
    child.stdin.end(input);
  });

describe('callpulse destinations', () => {
  it('sets, lists without secrets, tests with a signed sample alert, and deletes', async () => {
    const id = randomBytes(3).toString('hex');
    const receiver = await startReceiver();
    const key = whsecret();
    const allow = { ALERTS_ALLOW_PRIVATE_URLS: 'true' };
    const destinations = [
      { name: `hook-${id}`, type: 'webhook', url: receiver.url('/in'), secret: key },
      { name: `chat-${id}`, type: 'slack', url: '', enabled: false },
    ];
    const set = await callpulse(['destinations', 'set', '-'], allow, JSON.stringify(destinations));
    expect(set.stderr).toBe('');
    expect(set.stdout).toBe(`created hook-${id}\ncreated chat-${id}\n`);

    const list = await callpulse(['destinations', 'list']);
    expect(list.stdout).toContain(
      `hook-${id}\twebhook\tenabled\t${receiver.url('/in')}\t(secret set)`,
    );
    expect(list.stdout).toContain(`chat-${id}\tslack\tdisabled\t(no URL)`);
    expect(
      list.stdout + (await callpulse(['destinations', 'get', `hook-${id}`])).stdout,
    ).not.toContain(key.slice(6, 30));

    const refused = await callpulse(
      ['destinations', 'set', '-'],
      {},
      JSON.stringify({ name: `meta-${id}`, type: 'slack', url: 'http://169.254.169.254/x' }),
    );
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(
      /url: 169\.254\.169\.254 is a private, loopback or link-local address/,
    );

    // What `get` printed (no secret shown) and `set` takes back keeps the stored secret.
    const shown = JSON.parse(
      (await callpulse(['destinations', 'get', `hook-${id}`])).stdout,
    ) as Record<string, unknown>;
    const edited = JSON.stringify({ ...shown, enabled: false });
    expect((await callpulse(['destinations', 'set', '-'], allow, edited)).stdout).toBe(
      `updated hook-${id}\n`,
    );
    expect((await callpulse(['destinations', 'list'])).stdout).toContain(
      `hook-${id}\twebhook\tdisabled\t${receiver.url('/in')}\t(secret set)`,
    );
    const enabled = JSON.stringify({ ...shown, enabled: true });
    expect((await callpulse(['destinations', 'set', '-'], allow, enabled)).status).toBe(0);

    const tested = await callpulse(['destinations', 'test', `hook-${id}`], allow);
    expect(tested.stdout.trim()).toBe(`hook-${id}: HTTP 200 ok`);
    expect(receiver.received).toHaveLength(1);
    const body = verifyStandardWebhook(key, receiver.received[0]!) as AlertBody;
    expect(body).toMatchObject({
      type: 'rule.matched',
      isTest: true,
      rule: { name: 'destination-test' },
    });

    const rule = JSON.stringify({
      name: `r-${id}`,
      severity: 'low',
      when: { event: 'missed' },
      notify: [`nope-${id}`],
    });
    const badRule = await callpulse(['rules', 'set', '-'], {}, rule);
    expect(badRule.status).toBe(1);
    expect(badRule.stderr).toContain(`notify[0]: unknown destination "nope-${id}"`);

    expect((await callpulse(['destinations', 'delete', `hook-${id}`])).stdout).toBe(
      `deleted hook-${id}\n`,
    );
    expect((await callpulse(['destinations', 'get', `hook-${id}`])).status).toBe(1);
    await receiver.close();
  });
});

describe('callpulse keywords and rules', () => {
  it('refuses what it does not understand and keeps a list that a rule reads', async () => {
    const id = randomBytes(3).toString('hex');
    const list = { name: `kw-${id}`, terms: [{ term: 'cancel', match: 'stem' }] };
    expect((await callpulse(['keywords', 'set', '-'], {}, JSON.stringify(list))).status).toBe(0);
    const rule = { name: `reads-${id}`, severity: 'low', when: { said: { list: list.name } } };
    expect((await callpulse(['rules', 'set', '-'], {}, JSON.stringify(rule))).status).toBe(0);

    // An option the command does not have is refused, not ignored.
    const option = await callpulse(['keywords', 'delete', list.name, '--dry-run']);
    expect(option.status).toBe(2);
    expect(option.stderr.trim()).toBe(
      'callpulse: keywords delete: unknown option --dry-run; usage: callpulse keywords delete NAME',
    );
    const extra = await callpulse(['rules', 'delete', rule.name, 'now']);
    expect(extra.status).toBe(2);
    expect(extra.stderr).toContain('rules delete: unexpected argument "now"');

    // The rule reads the list: deleting the list is refused, naming the rule.
    const used = await callpulse(['keywords', 'delete', list.name]);
    expect(used.status).toBe(1);
    expect(used.stderr.trim()).toBe(
      `callpulse: keyword list "${list.name}" is read by rules ${rule.name}; change them first`,
    );
    expect((await callpulse(['keywords', 'get', list.name])).status).toBe(0);

    // What `rules get` prints, `rules set` takes back (its version and time are the store's).
    const shown = await callpulse(['rules', 'get', rule.name]);
    const stored = JSON.parse(shown.stdout) as { version?: unknown; updatedAt?: unknown };
    expect([stored.version, typeof stored.updatedAt]).toEqual([1, 'string']);
    const again = await callpulse(['rules', 'set', '-'], {}, shown.stdout);
    expect(again.stderr).toBe('');
    expect(again.stdout).toBe(`updated ${rule.name} (version 1)\n`);

    expect((await callpulse(['rules', 'delete', rule.name])).status).toBe(0);
    expect((await callpulse(['keywords', 'delete', list.name])).stdout).toBe(
      `deleted ${list.name}\n`,
    );
  });
});
