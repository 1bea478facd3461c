import type { KafkaMessage } from 'kafkajs';
import type { ProducerHandle } from './producer.js';

/**
 * Sends a message that could not be processed after bounded retries to the dead-letter
 * topic, with where it came from and why, so the partition can keep flowing.
 */
export const sendToDeadLetter = async ({
  producer,
  deadLetterTopic,
  from,
  message,
  error,
  service,
}: {
  producer: ProducerHandle;
  deadLetterTopic: string;
  from: { topic: string; partition: number };
  message: KafkaMessage;
  error: string;
  service: string;
}): Promise<void> => {
  await producer.send({
    topic: deadLetterTopic,
    acks: -1,
    messages: [
      {
        key: message.key,
        value: message.value,
        headers: {
          'x-dead-letter-error': error.slice(0, 2_000),
          'x-dead-letter-service': service,
          'x-source-topic': from.topic,
          'x-source-partition': String(from.partition),
          'x-source-offset': message.offset,
          'x-failed-at': new Date().toISOString(),
        },
      },
    ],
  });
};
