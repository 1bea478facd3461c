import { describe, expect, it } from 'vitest';
import { createAnalyzer } from '../analyzer.js';
import { keywordListsSchema } from '../keywords/schema.js';

const lists = keywordListsSchema.parse([
  { name: 'churn', speakers: ['customer'], terms: [{ term: 'cancel', match: 'stem' }] },
  { name: 'billing', terms: [{ term: 'charged twice', match: 'phrase' }] },
  { name: 'legal', terms: [{ term: 'ombudsman', match: 'exact' }] },
  { name: 'off', enabled: false, terms: [{ term: 'refund', match: 'exact' }] },
]);
const analyzer = createAnalyzer({ lists });

const call = [
  { speaker: 'ai', text: 'Thank you for calling, how can I help?' },
  { speaker: 'customer', text: 'I was charged twice and I want to cancel.' },
  { speaker: 'ai', text: 'I can see you were charged twice. I have refunded it.' },
  { speaker: 'customer', text: 'This is ridiculous, it is the third time I call.' },
  { speaker: 'customer', text: 'Okay.' },
  { speaker: 'customer', text: 'Great, thank you so much, that sorted it.' },
] as const;

describe('summarizeCall', () => {
  const summary = analyzer.summarizeCall([...call]);

  it('pools sentiment overall and per speaker', () => {
    expect(summary.utterances).toBe(6);
    expect(summary.bySpeaker.customer.utterances).toBe(4);
    expect(summary.bySpeaker.ai.utterances).toBe(2);
    const scores = call.map((e) => analyzer.analyzeUtterance(e.text, e.speaker).sentiment.score);
    expect(summary.overall.score).toBeCloseTo(
      scores.reduce((a, b) => a + b, 0),
      3,
    );
    expect(summary.customerLabel).toBe(summary.bySpeaker.customer.label);
  });

  it("follows the customer's trajectory from angry to satisfied", () => {
    expect(summary.trajectory.start).toBeLessThan(0);
    expect(summary.trajectory.end).toBeGreaterThan(0);
    expect(summary.trajectory.slope).toBeGreaterThan(0);
    expect(summary.trajectory.trend).toBe('improving');
  });

  it('points at the most negative customer utterance by its index', () => {
    expect(summary.mostNegativeCustomerUtterance).toMatchObject({
      index: 3,
      text: 'This is ridiculous, it is the third time I call.',
    });
    expect(summary.mostNegativeCustomerUtterance?.comparative).toBeLessThan(-0.3);
  });

  it('counts hits per enabled list, zeros included, with the utterance of each hit', () => {
    expect(summary.hitsByList).toEqual({ churn: 1, billing: 2, legal: 0 });
    expect(summary.hits.map((h) => [h.list, h.utteranceIndex, h.speaker])).toEqual([
      ['billing', 1, 'customer'],
      ['churn', 1, 'customer'],
      ['billing', 2, 'ai'],
    ]);
  });

  it('has no most negative utterance and an unknown trend for a call without the customer', () => {
    const quiet = analyzer.summarizeCall([{ speaker: 'ai', text: 'Hello?' }]);
    expect(quiet.mostNegativeCustomerUtterance).toBeNull();
    expect(quiet.trajectory).toEqual({ start: null, end: null, slope: null, trend: 'unknown' });
    expect(quiet.customerLabel).toBe('neutral');
    expect(quiet.bySpeaker.customer).toEqual({
      score: 0,
      comparative: 0,
      label: 'neutral',
      utterances: 0,
    });
  });

  it('summarizes an empty transcript', () => {
    expect(analyzer.summarizeCall([])).toMatchObject({
      utterances: 0,
      hits: [],
      overall: { label: 'neutral' },
    });
  });
});
