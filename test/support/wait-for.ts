// Tests wait for conditions, never for a wall-clock budget: one waitFor for the whole project.
export { StopWaiting, waitFor } from '@callpulse/runtime';
