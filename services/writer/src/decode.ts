import {
  decodeAnalysisMessage,
  decodeCallEvent,
  decodeRuleMatchMessage,
  type AnalysisMessage,
  type RuleMatchMessage,
} from '@callpulse/contracts';
import type { StoredCallEvent } from '@callpulse/db';
import type { KafkaMessage } from '@callpulse/kafka';

export type WriterRecord =
  | { kind: 'call_event'; message: KafkaMessage; value: StoredCallEvent }
  | { kind: 'analysis'; message: KafkaMessage; value: AnalysisMessage }
  | { kind: 'rule_match'; message: KafkaMessage; value: RuleMatchMessage };

export type TopicKind = WriterRecord['kind'];

/** Decodes by topic; a record that does not decode can never be stored. */
export const decodeRecord = (
  topicKind: TopicKind,
  partition: number,
  message: KafkaMessage,
): { ok: true; record: WriterRecord } | { ok: false; error: string } => {
  switch (topicKind) {
    case 'call_event': {
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
    case 'analysis': {
      const decoded = decodeAnalysisMessage(message.value);
      return decoded.ok
        ? { ok: true, record: { kind: 'analysis', message, value: decoded.value } }
        : decoded;
    }
    case 'rule_match': {
      const decoded = decodeRuleMatchMessage(message.value);
      return decoded.ok
        ? { ok: true, record: { kind: 'rule_match', message, value: decoded.value } }
        : decoded;
    }
  }
};
