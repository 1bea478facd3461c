import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const isRepositoryRoot = (dir: string): boolean => {
  if (!existsSync(join(dir, 'migrations'))) return false;
  try {
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: unknown };
    return pkg.name === 'callpulse';
  } catch {
    return false;
  }
};

/**
 * The repository's migrations/ folder: the nearest folder above `from` that holds both a
 * `migrations/` folder and the workspace's package.json (named "callpulse"). Walking up,
 * rather than a fixed `../../../`, finds it from the sources, the built output and the
 * container image alike; `migrate({ dir })` overrides it.
 */
export const findMigrationsDir = (from: string = fileURLToPath(import.meta.url)): string => {
  for (let dir = dirname(from); ; dir = dirname(dir)) {
    if (isRepositoryRoot(dir)) return join(dir, 'migrations');
    if (dirname(dir) === dir) {
      throw new Error(`no migrations/ folder of callpulse above ${from}; pass migrate({ dir })`);
    }
  }
};
