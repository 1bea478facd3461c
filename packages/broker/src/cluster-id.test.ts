import { describe, expect, it } from 'vitest';
import { newClusterId } from './cluster-id.js';

describe('newClusterId', () => {
  it('is 22 characters of base64url, the form StorageTool --cluster-id accepts', () => {
    for (let i = 0; i < 200; i++) expect(newClusterId()).toMatch(/^[A-Za-z0-9_][A-Za-z0-9_-]{21}$/);
  });

  it('skips ids that would look like a command-line option and the reserved ones', () => {
    const draws = [
      Buffer.from('fb'.repeat(16), 'hex'), // base64url starts with '-'
      Buffer.alloc(16), // Uuid.ZERO_UUID
      Buffer.from('00000000000000000000000000000001', 'hex'), // Uuid.METADATA_TOPIC_ID
      Buffer.from('0123456789abcdef0123456789abcdef', 'hex'),
    ];
    const id = newClusterId(() => draws.shift() ?? Buffer.alloc(0));
    expect(id).toBe(Buffer.from('0123456789abcdef0123456789abcdef', 'hex').toString('base64url'));
    expect(draws).toHaveLength(0);
  });
});
