import { createRandom, type Random } from './random.js';
import { AI_LINES, CUSTOMER_LINES, type Mood } from './utterances.js';

/** A provider webhook body, as the provider would POST it. */
export type ProviderWebhookBody = Record<string, unknown> & { event_type: string };

export interface GeneratedCall {
  source: string;
  callId: string;
  mood: Mood;
  /** initiated → ringing → answered → transcript fragments (ai/customer alternating) → ended. */
  webhooks: ProviderWebhookBody[];
}

export interface GenerateOptions {
  seed?: number; // same seed, same calls
  source?: string; // the provider box the calls come from
  startUnixSeconds?: number; // provider time of the first call
  fragments?: [number, number]; // transcript fragments per call, min and max
  isTest?: boolean;
  callIdPrefix?: string; // keeps runs apart: ids are unique within a source only
}

const MOODS: Mood[] = ['positive', 'neutral', 'negative'];

export const generateCall = (
  index: number,
  random: Random,
  options: GenerateOptions,
): GeneratedCall => {
  const {
    source = 'simbox:SIM_0001',
    startUnixSeconds = 1_760_000_000,
    fragments = [4, 10],
    isTest = false,
    callIdPrefix = '',
  } = options;
  const callId = `${callIdPrefix}${index + 1}`;
  const mood = random.pick(MOODS);
  const direction = random.next() < 0.6 ? 'inbound' : 'outbound';
  const from = `+90555${String(random.int(1_000_000, 9_999_999))}`;
  const to = `+90555${String(random.int(1_000_000, 9_999_999))}`;
  let t = startUnixSeconds + index * 7;
  const flat = { call_id: callId, from, to, direction, source };
  const nested = { id: callId, from, to, source, direction };
  const lifecycle = (event_type: string): ProviderWebhookBody => ({
    event_type,
    timestamp_utc: (t += random.int(1, 20)),
    payload: { ...flat },
    is_test: isTest,
  });

  const webhooks = [
    lifecycle('call_initiated'),
    lifecycle('call_ringing'),
    lifecycle('call_answered'),
  ];
  const transcript: { type: string; message: string; utc_timestamp: string }[] = [];
  const count = random.int(fragments[0], fragments[1]);
  for (let i = 0; i < count; i++) {
    const speaker = i % 2 === 0 ? 'ai' : 'customer';
    // Callers mostly hold their mood, with the odd line from another one.
    const lineMood = random.next() < 0.8 ? mood : random.pick(MOODS);
    const text = speaker === 'ai' ? random.pick(AI_LINES) : random.pick(CUSTOMER_LINES[lineMood]);
    t += random.int(2, 15);
    transcript.push({ type: speaker, message: text, utc_timestamp: String(t) });
    webhooks.push({
      event_type: 'transcript',
      timestamp_utc: t,
      payload: { call: nested, type: speaker, transcript: text, timestamp_utc: String(t) },
      is_test: isTest,
    });
  }
  webhooks.push({
    event_type: 'call_ended',
    timestamp_utc: (t += random.int(1, 10)),
    payload: { ...flat, transcript },
    is_test: isTest,
  });
  return { source, callId, mood, webhooks };
};

/** `count` whole calls from one seed. */
export const generateCalls = (count: number, options: GenerateOptions = {}): GeneratedCall[] => {
  const random = createRandom(options.seed ?? 1);
  return Array.from({ length: count }, (_, i) => generateCall(i, random, options));
};
