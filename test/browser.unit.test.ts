import { describe, expect, it } from 'vitest';
import { findChromium } from './support/browser.js';

describe('the browser tests find Chromium or say how to get it', () => {
  it('fails with one line naming the apt package when there is none', async () => {
    const error = await findChromium({
      fromEnv: undefined,
      candidates: ['/nonexistent/chromium'],
      fallback: '@callpulse/no-such-package',
    }).catch((e: unknown) => e as Error);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toContain('apt-get install -y chromium');
    expect((error as Error).message).not.toContain('\n');
  });

  it('takes CHROMIUM_PATH first, and refuses one that does not exist', async () => {
    expect(await findChromium({ fromEnv: process.execPath, candidates: [] })).toBe(
      process.execPath,
    );
    await expect(findChromium({ fromEnv: '/nonexistent/chrome' })).rejects.toThrow(
      'CHROMIUM_PATH=/nonexistent/chrome does not exist',
    );
  });
});
