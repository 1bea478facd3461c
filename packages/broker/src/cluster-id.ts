import { randomBytes } from 'node:crypto';

/**
 * A new KRaft cluster id: 16 random bytes as unpadded base64url, the form Kafka's
 * `Uuid.toString()` uses. Like Kafka's own `random-uuid`, ids starting with '-' (which
 * command-line parsers take for an option) and the reserved all-zero and one ids are skipped.
 */
export function newClusterId(random: (size: number) => Buffer = randomBytes): string {
  for (;;) {
    const bytes = random(16);
    const id = bytes.toString('base64url');
    const reserved = bytes.subarray(0, 15).every((b) => b === 0) && (bytes[15] ?? 0) <= 1;
    if (!id.startsWith('-') && !reserved) return id;
  }
}
