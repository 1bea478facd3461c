/**
 * Runs `task` every `everyMs`, one run at a time (a tick while a run is in flight is
 * skipped), handing its failures to `onError`. The timer does not keep the process alive;
 * `stop` clears it and waits for a run in flight.
 */
export const repeatEvery = ({
  everyMs,
  task,
  onError,
}: {
  everyMs: number;
  task: () => Promise<void>;
  onError: (error: unknown) => void;
}): { stop: () => Promise<void> } => {
  let running: Promise<void> | null = null;
  const timer = setInterval(() => {
    running ??= task()
      .catch(onError)
      .finally(() => (running = null));
  }, everyMs);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
};
