import { drive, startIngest, workload } from './ingest.js';

const PII = [
  'my card number is 4111 1111 1111 1111',
  'you can email me at john dot smith at gmail dot com',
  'the security code is 737 and it expires oh four twenty seven',
  'call me back on 415 555 0132',
];

/** The ingest workload, with personal data said in one fragment in ten. */
const withPii = (sequences: unknown[][]): unknown[][] => {
  let n = 0;
  return sequences.map((seq) =>
    seq.map((body) => {
      const b = body as { event_type: string; payload: { transcript?: unknown } };
      if (b.event_type !== 'transcript' || n++ % 10 !== 0) return body;
      return {
        ...b,
        payload: {
          ...b.payload,
          transcript: `${String(b.payload.transcript)} ${PII[n % PII.length]}`,
        },
      };
    }),
  );
};

export interface RedactionFigures {
  on: number;
  off: number;
  ratio: number;
  requests: number;
  rounds: { on: number; off: number }[];
}

/** Webhooks/s of ingest with REDACT=on vs REDACT=off, alternating rounds in one run. */
export const benchRedaction = async ({
  brokers,
  requests,
  rounds,
  log,
}: {
  brokers: string;
  requests: number;
  rounds: number;
  log: (l: string) => void;
}): Promise<RedactionFigures> => {
  const prefix = `bench.${Date.now().toString(36)}.`;
  const start = (redact: 'on' | 'off') => startIngest(brokers, prefix, { REDACT: redact });
  const on = await start('on');
  const off = await start('off');
  try {
    const work = withPii(workload(requests, 'benchbox:REDACT'));
    const warm = withPii(workload(2000, 'benchbox:REDACTWARM'));
    await drive(on.url, warm, 50);
    await drive(off.url, warm, 50);
    const results: { on: number; off: number }[] = [];
    for (let i = 0; i < rounds; i++) {
      const o = await drive(off.url, work, 50);
      const r = await drive(on.url, work, 50);
      if (r.ok !== r.sent || o.ok !== o.sent) throw new Error('ingest refused webhooks');
      results.push({ on: Math.round(r.perSec), off: Math.round(o.perSec) });
      log(
        `redaction round ${i + 1}/${rounds}: on ${r.perSec.toFixed(0)}/s, off ${o.perSec.toFixed(0)}/s`,
      );
    }
    const ratios = results.map((r) => r.on / r.off).sort((a, b) => a - b);
    const mean = (xs: number[]) => Math.round(xs.reduce((s, x) => s + x, 0) / xs.length);
    return {
      on: mean(results.map((r) => r.on)),
      off: mean(results.map((r) => r.off)),
      ratio: Number((ratios[Math.floor(ratios.length / 2)] ?? 0).toFixed(3)),
      requests: work.reduce((n, s) => n + s.length, 0),
      rounds: results,
    };
  } finally {
    await on.proc.stop();
    await off.proc.stop();
  }
};
