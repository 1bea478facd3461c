import { readFile, rm, writeFile } from 'node:fs/promises';

/** The pid recorded at start, or undefined when there is no usable pid file. */
export async function readPidFile(path: string): Promise<number | undefined> {
  const text = await readFile(path, 'utf8').catch(() => '');
  const pid = Number(text.trim());
  return Number.isSafeInteger(pid) && pid > 0 ? pid : undefined;
}

export async function writePidFile(path: string, pid: number): Promise<void> {
  await writeFile(path, `${pid}\n`);
}

export async function removePidFile(path: string): Promise<void> {
  await rm(path, { force: true });
}
