import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { failedMigration } from './migrate.js';
import { findMigrationsDir } from './migrations-dir.js';

describe('findMigrationsDir', () => {
  it('walks up to the folder with migrations/ and the callpulse package.json', () => {
    const root = mkdtempSync(join(tmpdir(), 'callpulse-migrations-'));
    mkdirSync(join(root, 'migrations'));
    writeFileSync(join(root, 'package.json'), JSON.stringify({ name: 'callpulse' }));
    // A package's own migrations/ look-alike without the workspace's package.json is passed by.
    mkdirSync(join(root, 'packages', 'db', 'migrations'), { recursive: true });
    mkdirSync(join(root, 'packages', 'db', 'dist'), { recursive: true });
    writeFileSync(join(root, 'packages', 'db', 'package.json'), '{"name":"@callpulse/db"}');
    expect(findMigrationsDir(join(root, 'packages', 'db', 'dist', 'migrate.js'))).toBe(
      join(root, 'migrations'),
    );
  });

  it("finds this repository's migrations from the package's source", () => {
    expect(findMigrationsDir()).toMatch(/migrations$/);
  });

  it('names what it looked for when there is none', () => {
    expect(() => findMigrationsDir(join(tmpdir(), 'nowhere', 'x.js'))).toThrow(
      /no migrations\/ folder/,
    );
  });
});

// Regression: a failed ROLLBACK (the connection gone) replaced the migration's own error.
describe('failedMigration', () => {
  it("keeps the migration's error and attaches a failed rollback's", async () => {
    const broken = new Error('connection terminated');
    const client = { query: () => Promise.reject(broken) } as never;
    const error = await failedMigration(client, '0009_x.sql', new Error('syntax error at "TABL"'));
    expect(error.message).toBe('migration 0009_x.sql failed: syntax error at "TABL"');
    expect(error.rollbackError).toBe(broken);
  });

  it('rolls back when it can, with nothing attached', async () => {
    const sent: string[] = [];
    const client = {
      query: (sql: string) => {
        sent.push(sql);
        return Promise.resolve();
      },
    } as never;
    const error = await failedMigration(client, '0009_x.sql', new Error('boom'));
    expect(sent).toEqual(['ROLLBACK']);
    expect(error.rollbackError).toBeUndefined();
  });
});
