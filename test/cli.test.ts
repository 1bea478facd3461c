import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from './support/ports.js';

const root = fileURLToPath(new URL('../', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'callpulse-cli-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const callpulse = (args: string[], env: Record<string, string> = {}, input?: string) =>
  spawnSync(process.execPath, ['packages/cli/bin/callpulse.js', ...args], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    input,
    encoding: 'utf8',
    timeout: 60_000,
  });

describe('callpulse: one clear line when something is missing', () => {
  it('names an unreachable Postgres', async () => {
    const port = await freePort();
    const r = callpulse(['migrate'], {
      DATABASE_URL: `postgres://postgres@127.0.0.1:${port}/callpulse`,
    });
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split('\n')).toEqual([
      `callpulse: cannot reach Postgres at 127.0.0.1:${port}/callpulse (ECONNREFUSED): start the server or set DATABASE_URL`,
    ]);
  });

  it('names a missing Java', async () => {
    const bin = join(scratch, 'bin');
    // A PATH with node but without java or mvn.
    spawnSync('mkdir', ['-p', bin]);
    spawnSync('ln', ['-sf', process.execPath, join(bin, 'node')]);
    const r = callpulse(['kafka', 'start', '--port', String(await freePort())], {
      PATH: bin,
      CALLPULSE_DATA_DIR: join(scratch, 'data'),
      CALLPULSE_CACHE_DIR: join(scratch, 'cache'),
    });
    expect(r.status).toBe(1);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^callpulse: Java 17 or newer is needed/);
  });

  it("shows a command's usage for --help instead of running it", () => {
    for (const args of [
      ['stack', '--help'],
      ['rules', 'replay', '-h'],
      ['send', '--help'],
    ]) {
      // No DATABASE_URL or broker here: running the command would fail, not print usage.
      const r = callpulse(args, { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' });
      expect(r.status).toBe(0);
      expect(r.stdout).toMatch(new RegExp(`^callpulse ${args[0] ?? ''}`));
      expect(r.stderr).toBe('');
    }
  });

  it('refuses unknown commands and bad options with a line', () => {
    expect(callpulse(['frobnicate']).stderr).toMatch(/^callpulse: unknown command "frobnicate"/);
    expect(callpulse(['send', '--calls', 'many']).stderr).toMatch(
      /^callpulse: --calls: expected a number/,
    );
  });
});

describe('callpulse analyze', () => {
  it('scores JSON and text lines with keyword lists from a file, and names bad lines', () => {
    const lists = join(scratch, 'lists.json');
    writeFileSync(
      lists,
      JSON.stringify([
        { name: 'churn', speakers: ['customer'], terms: [{ term: 'cancel', match: 'stem' }] },
      ]),
    );
    const input = [
      JSON.stringify({ text: 'I want to cancel, this is terrible', speaker: 'customer' }),
      'Thanks, that was really helpful!',
      '{"text": 42}',
      JSON.stringify({ text: 'cancelled', speaker: 'ai' }),
    ].join('\n');
    const r = callpulse(['analyze', '--keywords', lists], {}, input);
    const out = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { sentiment?: { label: string }; hits?: unknown[] });
    expect(out).toHaveLength(4);
    expect(out[0]?.sentiment?.label).toBe('negative');
    expect(out[0]?.hits).toEqual([
      expect.objectContaining({ list: 'churn', term: 'cancel', matchedText: 'cancel' }),
    ]);
    expect(out[1]?.sentiment?.label).toBe('positive');
    expect(out[2]).toEqual({ line: 3, error: '"text" must be a string' });
    expect(out[3]?.hits).toEqual([]); // the list is for customers only
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/1 of 4 lines could not be read/);
  });

  it('refuses an invalid keyword file naming the problem', () => {
    const lists = join(scratch, 'bad.json');
    writeFileSync(lists, JSON.stringify({ name: 'x', terms: [{ term: 'ab', match: 'fuzzy' }] }));
    const r = callpulse(['analyze', '--keywords', lists], {}, 'hello');
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^callpulse: .*bad\.json: invalid keyword list: terms\.0/);
  });
});

describe('callpulse rules test', () => {
  it('evaluates each call line offline, names bad lines and disabled rules', () => {
    const rules = join(scratch, 'rules.json');
    writeFileSync(
      rules,
      JSON.stringify([
        { name: 'said-cancel', severity: 'low', when: { said: { terms: ['cancel'] } } },
        { name: 'off', severity: 'low', enabled: false, when: { event: 'missed' } },
      ]),
    );
    const at = 1_760_000_000;
    const payload = {
      source: 'cli-test',
      call_id: 'c1',
      from: '+1',
      to: '+2',
      direction: 'inbound',
    };
    const call = [
      { event_type: 'call_initiated', timestamp_utc: at, payload },
      {
        event_type: 'transcript',
        timestamp_utc: at + 12,
        payload: { call: { ...payload, id: 'c1' }, type: 'customer', transcript: 'I will cancel' },
      },
    ];
    const input = `${JSON.stringify(call)}\n\nnot json\n`;
    const r = callpulse(['rules', 'test', '--rules', rules], {}, input);
    const out = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(out[0]).toMatchObject({
      source: 'cli-test',
      callId: 'c1',
      matches: [{ rule: 'said-cancel', phase: 'live', status: 'fired', atSecond: 12 }],
    });
    expect(out[1]).toMatchObject({ line: 3, error: expect.stringMatching(/^not JSON/) as string });
    expect(r.stderr).toContain('rules test: off is disabled: not evaluated');
    // The blank line is not a call.
    expect(r.stderr).toContain('1 of 2 calls could not be read');
    expect(r.status).toBe(1);
  });
});

describe('callpulse redact and analyze: input and output edges', () => {
  it('accept a byte-order mark before the first JSON line', () => {
    const input = `\uFEFF${JSON.stringify({ text: 'my card is 4111 1111 1111 1111' })}\n`;
    const redacted = callpulse(['redact'], {}, input);
    expect(redacted.stdout.trim()).toBe(
      JSON.stringify({
        text: 'my card is [CARD_NUMBER]',
        redactions: [{ type: 'card_number', start: 11, end: 24 }],
      }),
    );
    expect(redacted.status).toBe(0);
    const analyzed = callpulse(['analyze'], {}, input);
    expect(JSON.parse(analyzed.stdout) as object).toHaveProperty('sentiment');
    expect(analyzed.status).toBe(0);
  });

  it('analyze does not echo a line that is not valid JSON', () => {
    // Node's own message would quote the start of the line: "{"text":zoe.smith@ex"...
    const r = callpulse(['analyze'], {}, '{"text":zoe.smith@example.com}\n');
    expect(r.stdout.trim()).toBe(JSON.stringify({ line: 1, error: 'not valid JSON' }));
    expect(r.stdout + r.stderr).not.toContain('zoe');
    expect(r.status).toBe(1);
  });

  it('stop quietly when the reader closes the pipe early', () => {
    const big = join(scratch, 'many-lines.txt');
    writeFileSync(big, 'my card is 4111 1111 1111 1111\n'.repeat(50_000));
    for (const command of ['redact', 'analyze']) {
      const pipeline = `set -o pipefail; "${process.execPath}" packages/cli/bin/callpulse.js ${command} < "${big}" | head -1`;
      const r = spawnSync('bash', ['-c', pipeline], {
        cwd: root,
        env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' },
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      expect(r.stdout.trim().split('\n')).toHaveLength(1);
    }
  });
});
