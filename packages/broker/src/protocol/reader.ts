/** Thrown by Reader when a response is shorter than its own fields say; decoders catch it. */
export class TruncatedError extends Error {
  override readonly name = 'TruncatedError';
}

/** Sequential big-endian reads over one response payload (Kafka's classic, non-flexible encoding). */
export class Reader {
  #offset = 0;

  constructor(private readonly buffer: Buffer) {}

  get remaining(): number {
    return this.buffer.length - this.#offset;
  }

  int8(): number {
    return this.#take(1).readInt8(0);
  }

  int16(): number {
    return this.#take(2).readInt16BE(0);
  }

  int32(): number {
    return this.#take(4).readInt32BE(0);
  }

  /** STRING / NULLABLE_STRING: int16 length (-1 for null) then UTF-8 bytes. */
  nullableString(): string | null {
    const length = this.int16();
    if (length < 0) return null;
    return this.#take(length).toString('utf8');
  }

  string(): string {
    return this.nullableString() ?? '';
  }

  /** ARRAY: int32 count (-1 for null, read as empty) then the items. */
  array<T>(readItem: (reader: Reader) => T): T[] {
    const count = this.int32();
    if (count > this.remaining)
      throw new TruncatedError(`array of ${count} items in ${this.remaining} bytes`);
    const items: T[] = [];
    for (let i = 0; i < count; i++) items.push(readItem(this));
    return items;
  }

  #take(length: number): Buffer {
    if (length > this.remaining) {
      throw new TruncatedError(
        `needed ${length} bytes at offset ${this.#offset}, ${this.remaining} left`,
      );
    }
    const slice = this.buffer.subarray(this.#offset, this.#offset + length);
    this.#offset += length;
    return slice;
  }
}
