import { alignMarkers } from '../align.js';
import type { System } from '../system.js';

// redact-pii 3.4 ignores a per-type `replaceWith` (only `globalReplaceWith` reaches its
// built-ins), so its own pipeline is rebuilt here: the same regexes in the same order, then
// its name redactor, each replacing with one private-use character so spans can be recovered.
const TYPES: Record<string, string> = {
  creditCardNumber: 'card_number',
  usSocialSecurityNumber: 'ssn',
  emailAddress: 'email',
  phoneNumber: 'phone',
};
const NAMES_MARKER = '\uE0FF';

export const redactPii: System = {
  name: 'redact-pii',
  covers: ['card_number', 'ssn', 'email', 'phone'],
  load: async () => {
    try {
      const { SyncRedactor } = (await import('redact-pii')).default;
      const patterns = (await import('redact-pii/lib/built-ins/simple-regexp-patterns.js'))
        .default as unknown as Record<string, RegExp>;
      const { NameRedactor } = (await import('redact-pii/lib/built-ins/NameRedactor.js')).default;
      const markers = new Map<string, string>([[NAMES_MARKER, 'names']]);
      const before = Object.entries(patterns).map(([name, regexpPattern], i) => {
        const marker = String.fromCharCode(0xe001 + i);
        markers.set(marker, TYPES[name] ?? name);
        return { regexpPattern, replaceWith: marker };
      });
      const off = Object.fromEntries(
        [...Object.keys(patterns), 'names'].map((name) => [name, { enabled: false }]),
      );
      const redactor = new SyncRedactor({
        builtInRedactors: off,
        customRedactors: { before: [...before, new NameRedactor(NAMES_MARKER)] },
      });
      return {
        ok: true,
        detect: (u) =>
          Promise.resolve(alignMarkers(u.text, redactor.redact(u.text), markers) ?? []),
      };
    } catch (error) {
      return { ok: false, error: `cannot load: ${(error as Error).message}` };
    }
  },
};
