import { describe, expect, it } from 'vitest';
import { sendAlert } from './send.js';
import { checkDestinationUrl, isPrivateAddress, type Resolver } from './url-safety.js';

/** A resolver that answers from a table and records every name it was asked. */
const stubResolver = (table: Record<string, string[]>) => {
  const asked: string[] = [];
  const resolve: Resolver = (hostname) => {
    asked.push(hostname);
    const addresses = table[hostname];
    if (!addresses) return Promise.reject(new Error('ENOTFOUND'));
    return Promise.resolve(
      addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 })),
    );
  };
  return { resolve, asked };
};

describe('destination URL safety', () => {
  it.each([
    '127.0.0.1',
    '10.0.0.1',
    '169.254.169.254',
    '172.16.5.4',
    '192.168.1.1',
    '100.64.0.1',
    '0.0.0.0',
    '::1',
    'fe80::1',
    'fd00::1',
    '::ffff:127.0.0.1',
  ])('%s is private', (address) => {
    expect(isPrivateAddress(address)).toBe(true);
  });

  it.each(['93.184.216.34', '8.8.8.8', '2606:4700::1111'])('%s is public', (address) => {
    expect(isPrivateAddress(address)).toBe(false);
  });

  it.each([
    'http://169.254.169.254/',
    'http://10.0.0.1/',
    'http://127.0.0.1/',
    'http://[::1]:8080/x',
  ])('refuses %s with the flag off, asking no resolver', async (url) => {
    const { resolve, asked } = stubResolver({});
    const result = await checkDestinationUrl(url, { allowPrivate: false, resolve });
    expect(result.ok).toBe(false);
    expect(asked).toEqual([]);
  });

  it('refuses a hostname resolving to loopback, and one with any private address', async () => {
    const { resolve } = stubResolver({
      'rebind.example': ['127.0.0.1'],
      'mixed.example': ['93.184.216.34', '10.1.2.3'],
      'hooks.example': ['93.184.216.34'],
    });
    const loop = await checkDestinationUrl('https://rebind.example/hook', {
      allowPrivate: false,
      resolve,
    });
    expect(loop).toEqual({
      ok: false,
      error: 'rebind.example resolves to 127.0.0.1, a private, loopback or link-local address',
    });
    expect(
      (await checkDestinationUrl('https://mixed.example/', { allowPrivate: false, resolve })).ok,
    ).toBe(false);
    const fine = await checkDestinationUrl('https://hooks.example/x', {
      allowPrivate: false,
      resolve,
    });
    expect(fine.ok && fine.addresses).toEqual([{ address: '93.184.216.34', family: 4 }]);
  });

  it('refuses other schemes even with the flag on', async () => {
    for (const url of ['ftp://example.com/', 'file:///etc/passwd', 'gopher://127.0.0.1/'])
      expect((await checkDestinationUrl(url, { allowPrivate: true })).ok).toBe(false);
  });

  it('allows loopback only with the flag on', async () => {
    expect((await checkDestinationUrl('http://127.0.0.1:9/', { allowPrivate: true })).ok).toBe(
      true,
    );
  });

  it('refuses to send before any socket is made', async () => {
    // Port 9 on these hosts would hang or reset; a refusal is immediate and names why.
    const { resolve } = stubResolver({ 'localhost.example': ['127.0.0.1'] });
    for (const url of [
      'http://169.254.169.254/latest/meta-data/',
      'http://10.0.0.1/',
      'http://127.0.0.1:9/',
      'http://localhost.example:9/',
    ]) {
      const outcome = await sendAlert({
        url,
        body: '{}',
        headers: {},
        allowPrivate: false,
        resolve,
      });
      expect(outcome).toMatchObject({ ok: false, status: null });
      expect(outcome.ok === false && outcome.error).toMatch(/^refused: /);
    }
  });
});
