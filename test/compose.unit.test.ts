import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

// There is no Docker engine in CI, so this checks what an engine would trip over: every
// command the compose file runs and every variable it sets exists in the code.

const root = fileURLToPath(new URL('../', import.meta.url));
const compose = parse(readFileSync(join(root, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<
    string,
    {
      command?: string[] | string;
      environment?: Record<string, unknown>;
      image?: string;
      build?: unknown;
    }
  >;
};
const ours = Object.entries(compose.services).filter(([, s]) => s.build !== undefined);

const sourceFiles = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules' || name === 'dist') return [];
    return statSync(path).isDirectory()
      ? sourceFiles(path)
      : path.endsWith('.ts') && !path.endsWith('.test.ts')
        ? [path]
        : [];
  });
// Comments stripped: a variable named only in a comment is read by nothing.
const code = ['packages', 'services']
  .flatMap((d) => sourceFiles(join(root, d)))
  .map((f) => readFileSync(f, 'utf8'))
  .join('\n')
  .replace(/\/\*[\s\S]*?\*\//g, '')
  .replace(/(^|[^:'"`])\/\/.*$/gm, '$1');

describe('docker-compose.yml', () => {
  it('runs our image for ingest, analyzer, writer, notifier, api and the migrate one-shot', () => {
    expect(ours.map(([name]) => name).sort()).toEqual([
      'analyzer',
      'api',
      'ingest',
      'migrate',
      'notifier',
      'writer',
    ]);
  });

  it.each(ours)('%s runs scripts that exist in the repository', (_name, service) => {
    const command = Array.isArray(service.command)
      ? service.command.join(' ')
      : String(service.command);
    const scripts = command.match(/(?:services|packages)\/[\w/-]+\.js/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    for (const script of scripts) {
      // Built files come from src/ (dist/x.js ← src/x.ts); the CLI's bin is committed.
      const source = script.replace('/dist/', '/src/').replace(/\.js$/, '.ts');
      expect(existsSync(join(root, script)) || existsSync(join(root, source)), script).toBe(true);
    }
    for (const sub of command.match(/callpulse\.js (\w+)/g) ?? []) {
      expect(code).toContain(`${sub.split(' ')[1]}: () => import(`);
    }
  });

  it.each(ours)('%s sets only variables a configuration schema defines', (_name, service) => {
    for (const variable of Object.keys(service.environment ?? {})) {
      // A key of a zod env schema (`VARIABLE: z…`), not just a mention.
      expect(code, variable).toMatch(new RegExp(`\\b${variable}\\s*:`));
    }
  });

  it('would notice a variable no schema defines', () => {
    expect(code).not.toMatch(/\bCALLPULSE_NO_SUCH_VARIABLE\s*:/);
    // Named in a comment of this very kind in a source file would not count either.
    expect('// KAFKA_FAKE_VARIABLE: here'.replace(/(^|[^:'"`])\/\/.*$/gm, '$1')).toBe('');
  });

  it.each(['KEYWORD_LISTS_FILE', 'DESTINATIONS_FILE', 'RULES_FILE'])(
    'ships the %s it names',
    (variable) => {
      const value = compose.services.migrate?.environment?.[variable];
      const path = String(value).replace(new RegExp(`^\\$\\{${variable}:-(.*)\\}$`), '$1');
      expect(path).toMatch(/^config\//);
      expect(existsSync(join(root, path)), path).toBe(true);
    },
  );
});
