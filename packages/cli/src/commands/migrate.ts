import { describeDbError, ensureDatabase, migrate, safeTarget } from '@callpulse/db';
import { CliError } from '../cli-error.js';
import { databaseUrl } from '../settings.js';

export const usage = `callpulse migrate
  Creates the database in DATABASE_URL if missing and applies migrations/ in order.`;

export const applyMigrations = async (url: string, log: (line: string) => void): Promise<void> => {
  try {
    if (await ensureDatabase(url)) log(`created database ${safeTarget(url)}`);
    const result = await migrate({
      connectionString: url,
      onApply: (name) => log(`applied ${name}`),
    });
    log(
      result.applied.length
        ? `${result.applied.length} migration(s) applied to ${safeTarget(url)}`
        : `database ${safeTarget(url)} is up to date (${result.alreadyApplied} migrations)`,
    );
  } catch (error) {
    if (error instanceof Error && error.message.startsWith('migration '))
      throw new CliError(error.message);
    throw new CliError(describeDbError(error, url));
  }
};

export const run = async (): Promise<void> => {
  await applyMigrations(databaseUrl(), (line) => console.log(line));
};
