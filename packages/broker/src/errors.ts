/**
 * Every failure this package expects (missing Java, port taken, broker crashed on start)
 * is a BrokerError whose first message line is meant to be shown as is, without a stack.
 */
export class BrokerError extends Error {
  override readonly name = 'BrokerError';
  /** Whether trying again unchanged could succeed (for example a slow first start). */
  readonly retriable: boolean;

  constructor(
    message: string,
    { cause, retriable = false }: { cause?: unknown; retriable?: boolean } = {},
  ) {
    super(message, { cause });
    this.retriable = retriable;
  }
}
