import { spawn } from 'node:child_process';

export type CommandOutcome =
  | { kind: 'exited'; code: number; output: string }
  | { kind: 'not-found' }
  | { kind: 'timed-out'; output: string };

/**
 * Runs a short-lived command to completion and collects stdout and stderr together (the
 * tools used here, java -version and Maven, print what matters on either). Never rejects:
 * a missing executable or a hang are outcomes the callers turn into install hints.
 */
export function runCommand(
  command: string,
  args: readonly string[],
  {
    timeoutMs = 120_000, // generous: the JVM tools used here finish in seconds
  }: { timeoutMs?: number } = {},
): Promise<CommandOutcome> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    const collect = (chunk: Buffer): void => void chunks.push(chunk);
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    const output = (): string => Buffer.concat(chunks).toString('utf8');

    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);

    child.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      resolve(
        error.code === 'ENOENT'
          ? { kind: 'not-found' }
          : { kind: 'exited', code: -1, output: error.message },
      );
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve(
        timedOut
          ? { kind: 'timed-out', output: output() }
          : { kind: 'exited', code: code ?? -1, output: output() },
      );
    });
  });
}
