import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
];

/**
 * Chromium for the browser tests: CHROMIUM_PATH, else Debian's `chromium` package, else
 * `@sparticuz/chromium` when it is installed (no root needed). None of them fails the
 * test with one line saying how to get one; a browser test never skips.
 */
export const findChromium = async ({
  fromEnv = process.env.CHROMIUM_PATH,
  candidates = CANDIDATES,
  fallback = '@sparticuz/chromium',
}: {
  fromEnv?: string | undefined;
  candidates?: string[];
  fallback?: string;
} = {}): Promise<string> => {
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`CHROMIUM_PATH=${fromEnv} does not exist`);
    return fromEnv;
  }
  const found = candidates.find((path) => existsSync(path));
  if (found) return found;
  try {
    const mod = (await import(fallback)) as { default: { executablePath: () => Promise<string> } };
    return await mod.default.executablePath();
  } catch {
    throw new Error(
      'browser tests need Chromium: install it with `apt-get install -y chromium` ' +
        '(or `npm i -D @sparticuz/chromium` without root, or set CHROMIUM_PATH)',
    );
  }
};

export const launchBrowser = async (): Promise<Browser> =>
  chromium.launch({
    executablePath: await findChromium(),
    headless: true,
    // Running as root in CI containers: Chromium's sandbox needs user namespaces.
    args: ['--no-sandbox', '--disable-dev-shm-usage'],
  });
