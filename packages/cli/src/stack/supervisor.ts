import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface ServiceSpec {
  name: string;
  script: string;
  env: Record<string, string | undefined>;
}

export interface Supervisor {
  stop: (graceMs?: number) => Promise<void>;
  pids: () => number[];
}

/**
 * Runs each service as its own process, prints its log lines through `log`, and
 * restarts one that dies, with backoff (1 s doubling to 30 s; reset after a minute up).
 */
export const supervise = (
  specs: ServiceSpec[],
  { log, say }: { log: (service: string, line: string) => void; say: (line: string) => void },
): Supervisor => {
  const children = new Map<string, ChildProcess>();
  let stopping = false;

  const start = (spec: ServiceSpec, failures: number): void => {
    const startedAt = Date.now();
    // Own process group: a terminal's Ctrl-C reaches only the supervisor, which stops the
    // services itself; the IPC channel tells them if the supervisor dies without doing so.
    const child = spawn(process.execPath, [spec.script], {
      env: spec.env,
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      detached: true,
    });
    children.set(spec.name, child);
    say(`started ${spec.name} (pid ${child.pid ?? '?'})`);
    for (const stream of [child.stdout, child.stderr]) {
      if (stream) createInterface({ input: stream }).on('line', (line) => log(spec.name, line));
    }
    child.on('exit', (code, signal) => {
      children.delete(spec.name);
      if (stopping) return;
      const recent = Date.now() - startedAt < 60_000 ? failures + 1 : 1;
      const delay = Math.min(30_000, 1000 * 2 ** (recent - 1));
      say(`${spec.name} exited (${signal ?? `code ${code}`}); restarting in ${delay / 1000} s`);
      setTimeout(() => {
        if (!stopping) start(spec, recent);
      }, delay);
    });
  };
  for (const spec of specs) start(spec, 0);

  return {
    pids: () => [...children.values()].flatMap((c) => (c.pid ? [c.pid] : [])),
    stop: async (graceMs = 15_000) => {
      stopping = true;
      const running = [...children.values()];
      const exits = running.map(
        (c) => new Promise<void>((resolve) => c.once('exit', () => resolve())),
      );
      for (const c of running) c.kill('SIGTERM');
      const timer = setTimeout(() => {
        for (const c of children.values()) {
          say(
            `${[...children.entries()].find(([, v]) => v === c)?.[0] ?? 'a service'} did not stop in time; killing it`,
          );
          c.kill('SIGKILL');
        }
      }, graceMs);
      await Promise.all(exits);
      clearTimeout(timer);
    },
  };
};
