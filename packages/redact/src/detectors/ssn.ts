import { typedGroups, type DigitRun } from '../text/digit-runs.js';

/** Digits [from, to) typed in the printed 3-2-4 shape ("123-45-6789", "123 45 6789"). */
export const ssnShaped = (run: DigitRun, from = 0, to = run.digits.length): boolean => {
  const groups = typedGroups(run, from, to);
  return groups.length === 3 && groups[0] === 3 && groups[1] === 2 && groups[2] === 4;
};

/** The SSA never issues area 000, 666 or 9xx, group 00 or serial 0000. */
export const ssnIssuable = (digits: string): boolean => {
  const area = digits.slice(0, 3);
  return (
    area !== '000' &&
    area !== '666' &&
    area[0] !== '9' &&
    digits.slice(3, 5) !== '00' &&
    digits.slice(5) !== '0000'
  );
};
