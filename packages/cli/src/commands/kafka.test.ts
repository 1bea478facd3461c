import { describe, expect, it } from 'vitest';
import { stopMessage } from './kafka.js';

// Regression: `callpulse kafka stop` said "Kafka stopped" whether or not a broker ran
// (it tested the result object, always truthy, instead of its wasRunning).
describe('callpulse kafka stop', () => {
  it('says when no broker was running', () => {
    expect(stopMessage({ wasRunning: false, forced: false })).toBe('Kafka was not running');
  });

  it('names the broker it stopped, and says when it had to be killed', () => {
    expect(stopMessage({ wasRunning: true, pid: 42, forced: false })).toBe(
      'Kafka stopped (pid 42)',
    );
    expect(stopMessage({ wasRunning: true, pid: 42, forced: true })).toBe(
      'Kafka stopped (pid 42; it ignored SIGTERM and was killed)',
    );
  });
});
