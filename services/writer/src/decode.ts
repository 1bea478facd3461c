import { decodeAnalysisMessage, decodeCallEvent, type AnalysisMessage } from '@callpulse/contracts';
import type { StoredCallEvent } from '@callpulse/db';
import type { KafkaMessage } from '@callpulse/kafka';

export type WriterRecord =
  | { kind: 'call_event'; message: KafkaMessage; value: StoredCallEvent }
  | { kind: 'analysis'; message: KafkaMessage; value: AnalysisMessage };

/** Decodes by topic; a record that does not decode can never be stored. */
export const decodeRecord = (
  topicKind: 'call_event' | 'analysis',
  partition: number,
  message: KafkaMessage,
): { ok: true; record: WriterRecord } | { ok: false; error: string } => {
  if (topicKind === 'call_event') {
    const decoded = decodeCallEvent(message.value);
    return decoded.ok
      ? {
          ok: true,
          record: {
            kind: 'call_event',
            message,
            value: { event: decoded.value, partition, offset: message.offset },
          },
        }
      : decoded;
  }
  const decoded = decodeAnalysisMessage(message.value);
  return decoded.ok
    ? { ok: true, record: { kind: 'analysis', message, value: decoded.value } }
    : decoded;
};
