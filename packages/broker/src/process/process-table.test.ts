import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { waitFor } from '@callpulse/runtime';
import { commandLine, isAlive, listProcesses } from './process-table.js';

describe('process table', () => {
  it('finds a live process with its full command line', async () => {
    const child = spawn('sleep', ['31.5'], { stdio: 'ignore' });
    const pid = child.pid ?? 0;
    try {
      expect(await isAlive(pid)).toBe(true);
      expect(await commandLine(pid)).toBe('sleep 31.5');
      expect((await listProcesses()).find((entry) => entry.pid === pid)?.args).toBe('sleep 31.5');
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('counts an exited process as gone', async () => {
    const child = spawn('sleep', ['30'], { stdio: 'ignore' });
    const pid = child.pid ?? 0;
    child.kill('SIGKILL');
    await once(child, 'exit');
    expect(await isAlive(pid)).toBe(false);
    expect(await commandLine(pid)).toBeUndefined();
  });

  it('counts a zombie (exited, not yet reaped by its parent) as gone', async () => {
    // The background sleep's parent becomes `sleep 120` after exec, which never reaps it
    // (and is killed below): the zombie outlives any wait a busy machine needs.
    const parent = spawn('sh', ['-c', 'sleep 0 & echo $!; exec sleep 120'], {
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    try {
      const [line] = (await once(parent.stdout, 'data')) as [Buffer];
      const zombie = Number(line.toString().trim());
      const gone = await waitFor(async () => ((await isAlive(zombie)) ? undefined : true), {
        timeoutMs: 60_000,
        intervalMs: 20,
      });
      expect(gone).toBe(true);
      expect(() => process.kill(zombie, 0)).not.toThrow(); // still in the process table
    } finally {
      parent.kill('SIGKILL');
    }
  });
});
