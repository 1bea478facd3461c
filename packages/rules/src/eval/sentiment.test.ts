import { scoreSentiment } from '@callpulse/analysis';
import { describe, expect, it } from 'vitest';
import { evaluateCall } from '../evaluate-call.js';
import { initiated, oneRule, say } from '../testing/call-builder.js';

const angry = 'This is terrible, awful service';
const fine = 'ok thanks, that is great';

const rule = (overLast: number) =>
  oneRule({ sentiment: { speaker: 'customer', below: -0.1, overLast } });

describe('sentiment', () => {
  it('uses texts the analyzer scores as expected', () => {
    expect(scoreSentiment(angry).comparative).toBeLessThan(-0.1);
    expect(scoreSentiment(fine).comparative).toBeGreaterThan(0.1);
  });

  it('decides nothing with fewer than overLast utterances', () => {
    const two = [initiated(0), say(5, 'customer', angry), say(9, 'customer', angry)];
    expect(evaluateCall(two, rule(3)).decisions).toEqual([]);
    expect(evaluateCall([...two, say(12, 'customer', angry)], rule(3)).decisions).toEqual([
      expect.objectContaining({ atSecond: 12 }),
    ]);
  });

  it("averages the speaker's last N utterances only, others' words aside", () => {
    const events = [
      initiated(0),
      say(5, 'customer', fine),
      say(6, 'ai', angry),
      say(9, 'customer', angry),
      say(12, 'customer', angry),
    ];
    const { decisions } = evaluateCall(events, rule(2));
    expect(decisions.map((d) => [d.atSecond, d.evidence.map((e) => e.atSecond)])).toEqual([
      [12, [9, 12]],
    ]);
  });

  it('compares strictly, above as well as below', () => {
    const happy = oneRule({ sentiment: { speaker: 'any', above: 0.1, overLast: 1 } });
    expect(evaluateCall([initiated(0), say(3, 'ai', fine)], happy).decisions).toHaveLength(1);
    expect(evaluateCall([initiated(0), say(3, 'ai', 'ok')], happy).decisions).toHaveLength(0);
  });
});
