import { describe, expect, it } from 'vitest';
import { entryTimes } from './entry-times.js';

const bounds = { startUnix: 1000, endUnix: 1100, firstSpeech: 10 };
const entry = (text: string, timestamp: string | null = null, speaker = 'ai') => ({
  speaker,
  text,
  timestamp,
});

describe('entryTimes', () => {
  it('prefers the live fragment with the same speaker and text, repeats in order', () => {
    const fragments = [
      { speaker: 'ai', text: 'yes', at: 20, eventId: 'a' },
      { speaker: 'ai', text: 'yes', at: 40, eventId: 'b' },
    ];
    expect(entryTimes([entry('yes', '1090'), entry(' yes ')], fragments, bounds)).toEqual([
      { at: 20, eventId: 'a' },
      { at: 40, eventId: 'b' },
    ]);
  });

  it('pairs a fragment the final transcript re-punctuated or re-cased', () => {
    const fragments = [
      { speaker: 'customer', text: 'I will cancel', at: 10, eventId: 'a' },
      { speaker: 'ai', text: 'we offer a discount', at: 15, eventId: 'b' },
    ];
    const final = [
      entry('I will cancel.', '111111', 'customer'),
      entry('We offer a discount!', '111111'),
      // Other words are another utterance: timed by position.
      entry('We offer a refund.', '111111'),
    ];
    expect(entryTimes(final, fragments, bounds)).toEqual([
      { at: 10, eventId: 'a' },
      { at: 15, eventId: 'b' },
      { at: 57.5 },
    ]);
  });

  it('trusts Unix seconds (or milliseconds) within the call, not junk', () => {
    expect(entryTimes([entry('a', '1030'), entry('b', '1060.5')], [], bounds)).toEqual([
      { at: 30 },
      { at: 60.5 },
    ]);
    const real = { startUnix: 1_760_000_000, endUnix: 1_760_000_100, firstSpeech: 0 };
    expect(entryTimes([entry('a', '1760000055000')], [], real)).toEqual([{ at: 55 }]);
    expect(entryTimes([entry('a', '111111')], [], bounds)).toEqual([{ at: 55 }]);
  });

  it('interpolates untimed entries by position between timed neighbours', () => {
    expect(
      entryTimes(
        [entry('a', '111111'), entry('b', '1040'), entry('c'), entry('d'), entry('e', '1070')],
        [],
        bounds,
      ),
    ).toEqual([{ at: 25 }, { at: 40 }, { at: 50 }, { at: 60 }, { at: 70 }]);
  });

  it("spreads a transcript with no usable time between first speech and the end (the provider's example)", () => {
    expect(entryTimes([entry('Greeting'), entry('m1', '111111')], [], bounds)).toEqual([
      { at: 40 },
      { at: 70 },
    ]);
  });
});
