// The provider's six documented example payloads (its webhook documentation), as the
// "Test Webhook Integration" button sends them: `is_test` is true.

const call = {
  from: '+905555555555',
  to: '+905555555554',
  source: 'salprebox:SALPRE_AABBCCDD',
  direction: 'outbound',
};

export const PROVIDER_EXAMPLES: Record<string, Record<string, unknown> & { event_type: string }> = {
  call_initiated: {
    event_type: 'call_initiated',
    timestamp_utc: 1760084505,
    payload: { call_id: 1, ...call },
    is_test: true,
  },
  call_ringing: {
    event_type: 'call_ringing',
    timestamp_utc: 1760084555,
    payload: { ...call, call_id: 1 },
    is_test: true,
  },
  call_answered: {
    event_type: 'call_answered',
    timestamp_utc: 1760084576,
    payload: { ...call, call_id: 1 },
    is_test: true,
  },
  transcript: {
    event_type: 'transcript',
    timestamp_utc: 1760084622,
    payload: {
      call: { id: 1, ...call },
      type: 'customer',
      transcript: 'Hello, how are you?',
      timestamp_utc: '111111',
    },
    is_test: true,
  },
  call_ended: {
    event_type: 'call_ended',
    timestamp_utc: 1760084597,
    payload: {
      ...call,
      call_id: 1,
      transcript: [
        { type: 'ai', message: 'Greeting message' },
        { type: 'customer', message: 'customer message 1', utc_timestamp: '111111' },
        { type: 'ai', message: 'Ai response 1', utc_timestamp: '111111' },
      ],
    },
    is_test: true,
  },
  error: {
    event_type: 'error',
    timestamp_utc: 1760084656,
    payload: { call: { id: 1, ...call }, error_message: 'Error message' },
    is_test: true,
  },
};

/** In lifecycle order, the way a call would deliver them. */
export const PROVIDER_EXAMPLE_ORDER = [
  'call_initiated',
  'call_ringing',
  'call_answered',
  'transcript',
  'call_ended',
  'error',
] as const;
