import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { StopWaiting, waitFor } from '@callpulse/runtime';

export const root = fileURLToPath(new URL('../../', import.meta.url));

export interface Proc {
  name: string;
  child: ChildProcess;
  output: () => string;
  stop: () => Promise<void>;
}

export const spawnNode = (name: string, script: string, env: Record<string, string>): Proc => {
  // CALLPULSE_BENCH_PROFILE=DIR writes a V8 CPU profile of every service into DIR.
  const profile = process.env.CALLPULSE_BENCH_PROFILE;
  const flags = profile
    ? [
        '--cpu-prof',
        `--cpu-prof-dir=${profile}`,
        `--cpu-prof-name=${name}-${Date.now()}.cpuprofile`,
      ]
    : [];
  const child = spawn(process.execPath, [...flags, script], {
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out = (out + d.toString()).slice(-20_000)));
  child.stderr?.on('data', (d: Buffer) => (out = (out + d.toString()).slice(-20_000)));
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  return {
    name,
    child,
    output: () => out,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
};

export const startService = (name: string, env: Record<string, string>): Proc =>
  spawnNode(name, `${root}services/${name}/dist/main.js`, env);

/** Peak resident memory of a live process (VmHWM), in MB. */
export const peakRssMb = (pid: number | undefined): number | null => {
  if (!pid) return null;
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match?.[1] ? Math.round(Number(match[1]) / 1024) : null;
  } catch {
    return null;
  }
};

/** Waits for a service's /readyz; a service that exits meanwhile ends the wait at once. */
export const ready = (url: string, proc: Proc, timeoutMs = 60_000) =>
  waitFor(
    async () => {
      if (proc.child.exitCode !== null || proc.child.signalCode !== null) {
        throw new StopWaiting(
          `${proc.name} exited (${proc.child.exitCode ?? proc.child.signalCode})`,
        );
      }
      return (await fetch(url)).status === 200;
    },
    { timeoutMs, what: `${proc.name} ready`, intervalMs: 50 },
  ).catch((error: Error) => {
    throw new Error(`${error.message}\n${proc.output().slice(-3000)}`, { cause: error });
  });

export { waitFor } from '@callpulse/runtime';
