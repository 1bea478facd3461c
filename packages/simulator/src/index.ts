export { generateCall, generateCalls } from './calls.js';
export type { GenerateOptions, GeneratedCall, ProviderWebhookBody } from './calls.js';
export { createRandom } from './random.js';
export type { Random } from './random.js';
export { AI_LINES, CUSTOMER_LINES } from './utterances.js';
export type { Mood } from './utterances.js';
export { PROVIDER_EXAMPLE_ORDER, PROVIDER_EXAMPLES } from './examples.js';
export { percentile, sendWebhooks } from './sender.js';
export type { SendOptions, SendResult } from './sender.js';
