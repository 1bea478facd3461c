import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PROVIDER_EXAMPLE_ORDER, PROVIDER_EXAMPLES } from './examples.js';

describe('PROVIDER_EXAMPLES', () => {
  it.each(PROVIDER_EXAMPLE_ORDER)('%s equals the provider documentation fixture', (name) => {
    const fixture = new URL(
      `../../../test/fixtures/provider-examples/${name}.json`,
      import.meta.url,
    );
    expect(PROVIDER_EXAMPLES[name]).toEqual(JSON.parse(readFileSync(fixture, 'utf8')));
  });
});
