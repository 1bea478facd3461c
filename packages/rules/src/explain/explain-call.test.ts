import { describe, expect, it } from 'vitest';
import { endedWithTranscript, initiated, oneRule, say } from '../testing/call-builder.js';
import { explainCall } from './explain-call.js';

describe('explain', () => {
  const rules = oneRule({ said: { list: 'churn', atLeast: 3 } });
  const talk = [
    say(5, 'customer', 'I will cancel, really cancel'),
    say(9, 'ai', 'Let me see what I can do'),
  ];

  it('says how many hits a count fell short by, on a live call', () => {
    const lines = explainCall([initiated(0), ...talk], rules);
    expect(lines).toEqual([
      'r@1 (high): no match',
      '  said "churn" by customer at least 3 times: not yet decided (known up to 9s) (2 hits)',
    ]);
  });

  it('and on an ended one', () => {
    const lines = explainCall([initiated(0), ...talk, endedWithTranscript(20, talk)], rules);
    expect(lines[1]).toBe('  said "churn" by customer at least 3 times: never holds (2 hits)');
  });
});
