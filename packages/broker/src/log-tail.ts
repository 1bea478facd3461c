import { open } from 'node:fs/promises';

/** The last `count` non-empty lines of text, indented for nesting under an error line. */
export function lastLines(text: string, count: number): string {
  return text
    .split('\n')
    .map((line) => line.trimEnd())
    .filter((line) => line !== '')
    .slice(-count)
    .map((line) => `  ${line}`)
    .join('\n');
}

/** Current size of a file in bytes, 0 when it does not exist yet. */
export async function fileSize(path: string): Promise<number> {
  const handle = await open(path, 'r').catch(() => undefined);
  if (handle === undefined) return 0;
  try {
    return (await handle.stat()).size;
  } finally {
    await handle.close();
  }
}

/**
 * The last lines a file gained after byte `since`, so an error shows what this start wrote
 * rather than the end of a previous run. Reads at most the final 64 KiB.
 */
export async function tailFile(
  path: string,
  { count = 20, since = 0 }: { count?: number; since?: number } = {},
): Promise<string> {
  const handle = await open(path, 'r').catch(() => undefined);
  if (handle === undefined) return '';
  try {
    const { size } = await handle.stat();
    // A smaller file than before means log4j rolled it over; everything in it is new.
    const from = Math.max(size < since ? 0 : since, size - 64 * 1024);
    const buffer = Buffer.alloc(size - from);
    await handle.read(buffer, 0, buffer.length, from);
    return lastLines(buffer.toString('utf8'), count);
  } finally {
    await handle.close();
  }
}
