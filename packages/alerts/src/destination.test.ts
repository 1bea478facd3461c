import { describe, expect, it } from 'vitest';
import { validateDestination, validateDestinations } from './destination.js';
import { maskUrl, publicDestination } from './public-view.js';

const secret = `whsec_${Buffer.alloc(32, 7).toString('base64')}`;

describe('destinations', () => {
  it('names every bad field', () => {
    const result = validateDestination({ name: 'Ops!', type: 'email', url: 'ftp://x', extra: 1 });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors.map((e) => e.field).sort()).toEqual([
      '(destination)',
      'name',
      'type',
    ]);
    const noSecret = validateDestination({
      name: 'ops',
      type: 'webhook',
      url: 'https://h.example/x',
    });
    expect(!noSecret.ok && noSecret.errors).toEqual([
      {
        field: 'secret',
        message: 'a webhook destination needs a Standard Webhooks secret "whsec_..."',
      },
    ]);
    const scheme = validateDestination({ name: 'ops', type: 'slack', url: 'file:///etc/passwd' });
    expect(!scheme.ok && scheme.errors).toEqual([
      { field: 'url', message: 'expected an http or https URL' },
    ]);
  });

  it('accepts a disabled destination without a URL, and applies defaults', () => {
    expect(
      validateDestination({ name: 'team-slack', type: 'slack', url: '', enabled: false }),
    ).toEqual({
      ok: true,
      value: {
        name: 'team-slack',
        type: 'slack',
        url: '',
        secret: null,
        enabled: false,
        ratePerSecond: null,
        burst: null,
      },
    });
    expect(validateDestination({ name: 'x', type: 'slack', url: '' }).ok).toBe(false);
  });

  it('refuses duplicate names in a file', () => {
    const one = { name: 'a', type: 'webhook', url: 'https://h.example/', secret };
    const result = validateDestinations([one, one]);
    expect(!result.ok && result.errors).toEqual([
      { field: '1.name', message: 'duplicate destination "a"' },
    ]);
  });

  it('never shows a secret or a Slack token', () => {
    const slack = 'https://hooks.slack.com/services/T0001/B0002/XXXXsecretTOKEN';
    expect(maskUrl(slack, 'slack')).toBe('https://hooks.slack.com/services/T0001/B0002/***');
    expect(maskUrl('https://u:p@h.example/x?token=abc&x=1', 'webhook')).toBe(
      'https://***@h.example/x?token=***&x=***',
    );
    const shown = JSON.stringify(
      publicDestination({
        name: 'a',
        type: 'webhook',
        url: 'https://h.example/in',
        secret,
        enabled: true,
        ratePerSecond: null,
        burst: null,
      }),
    );
    expect(shown).not.toContain(secret.slice(6, 20));
    expect(JSON.parse(shown)).toMatchObject({ secretSet: true, url: 'https://h.example/in' });
  });
});
