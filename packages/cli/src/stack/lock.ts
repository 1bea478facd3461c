import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { CliError } from '../cli-error.js';

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as { code?: string }).code === 'EPERM';
  }
};

/** One stack per checkout: a second `npm start` says so instead of fighting over ports. */
export const acquireStackLock = async (file: string): Promise<() => Promise<void>> => {
  const existing = Number((await readFile(file, 'utf8').catch(() => '')).trim());
  if (existing && existing !== process.pid && alive(existing)) {
    throw new CliError(
      `callpulse is already running here (pid ${existing}); stop it (Ctrl-C in its terminal, or kill ${existing}) before starting another`,
    );
  }
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, String(process.pid));
  return () => rm(file, { force: true });
};
