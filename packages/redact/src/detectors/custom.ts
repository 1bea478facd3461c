import type { CompiledPattern } from '../custom.js';
import type { Span } from '../types.js';

export const detectCustom = (
  text: string,
  patterns: readonly CompiledPattern[],
  out: Span[],
): void => {
  for (const { name, regex } of patterns) {
    regex.lastIndex = 0;
    for (let m = regex.exec(text); m !== null; m = regex.exec(text)) {
      if (m[0].length === 0) regex.lastIndex++;
      else out.push({ type: name, start: m.index, end: m.index + m[0].length });
    }
  }
};
