import { BrokerError } from '../errors.js';
import { waitFor, WaitTimeoutError } from '@callpulse/runtime';
import { isAlive } from './process-table.js';

/**
 * SIGTERM to the broker's process group (it was started detached, so it leads its own), then
 * SIGKILL if it has not exited after graceMs. Kafka's SIGTERM handler does a controlled
 * shutdown that flushes logs and checkpoints, which makes the next start fast.
 */
export async function terminateProcessGroup(
  pid: number,
  { graceMs }: { graceMs: number },
): Promise<{ forced: boolean }> {
  const exited = (timeoutMs: number): Promise<boolean> =>
    waitFor(() => isAlive(pid).then((alive) => !alive), { timeoutMs }).then(
      () => true,
      (error: unknown) => {
        if (error instanceof WaitTimeoutError) return false;
        throw error;
      },
    );

  signalGroup(pid, 'SIGTERM');
  if (await exited(graceMs)) return { forced: false };

  signalGroup(pid, 'SIGKILL');
  if (await exited(10_000)) return { forced: true };
  throw new BrokerError(`Kafka broker (pid ${pid}) is still running after SIGKILL`);
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  for (const target of [-pid, pid]) {
    try {
      process.kill(target, signal);
      return;
    } catch (error) {
      // No such group (a broker started some other way): fall back to the pid alone.
      if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
    }
  }
}
