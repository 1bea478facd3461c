import { execFile } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

export interface ProcessEntry {
  pid: number;
  /** The full command line, for recognising a broker by its main class and properties file. */
  args: string;
}

// Linux answers from /proc, which slim container images have even without procps; other
// systems (macOS) fall back to ps, which they always ship.
const hasProc = process.platform === 'linux';

/**
 * Whether pid is a live process. A zombie (exited, not yet reaped by its parent, as a broker
 * started by this very process briefly is) counts as gone: it holds no ports and no files.
 */
export async function isAlive(pid: number): Promise<boolean> {
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: alive but owned by someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  const state = await processState(pid);
  return state === undefined ? true : state !== 'Z';
}

/** The command line of a live pid, or undefined. */
export async function commandLine(pid: number): Promise<string | undefined> {
  const args = hasProc
    ? await readCmdline(pid)
    : (await psOutput(['-o', 'args=', '-p', String(pid)]))?.trim();
  return args === '' ? undefined : args;
}

/** Every process with its command line. */
export async function listProcesses(): Promise<ProcessEntry[]> {
  if (hasProc) {
    const pids = (await readdir('/proc')).filter((name) => /^\d+$/.test(name)).map(Number);
    const entries = await Promise.all(
      pids.map(async (pid) => ({ pid, args: (await readCmdline(pid)) ?? '' })),
    );
    return entries.filter((entry) => entry.args !== '');
  }
  const output = (await psOutput(['-eo', 'pid=,args='])) ?? '';
  return output.split('\n').flatMap((line) => {
    const match = /^\s*(\d+)\s+(.*)$/.exec(line);
    return match === null ? [] : [{ pid: Number(match[1]), args: match[2] ?? '' }];
  });
}

/** The one-letter state (R, S, Z, ...), or undefined when it cannot be read. */
async function processState(pid: number): Promise<string | undefined> {
  if (hasProc) {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined);
    // "pid (comm) S ...": comm may contain spaces and parentheses, so split at the last ')'.
    return stat?.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) || undefined;
  }
  return (await psOutput(['-o', 'stat=', '-p', String(pid)]))?.trim().slice(0, 1) || undefined;
}

async function readCmdline(pid: number): Promise<string | undefined> {
  const raw = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => undefined);
  return raw?.replace(/\0+$/, '').split('\0').join(' ');
}

// -ww: never cut command lines to the terminal width (they hold the classpath and data dir).
async function psOutput(args: string[]): Promise<string | undefined> {
  try {
    const { stdout } = await execFileAsync('ps', ['-ww', ...args], { maxBuffer: 16 * 1024 * 1024 });
    return stdout;
  } catch {
    return undefined; // ps exits 1 when the pid does not exist
  }
}
