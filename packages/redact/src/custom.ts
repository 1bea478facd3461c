/** An operator's extra pattern: matches are replaced by `[NAME_UPPER]`. */
export interface CustomPattern {
  name: string;
  /** JavaScript regular expression source; matched case-sensitively unless flags say so. */
  pattern: string;
  /** Extra flags, e.g. "i"; "g" is always added. */
  flags?: string;
}

export interface CompiledPattern {
  name: string;
  regex: RegExp;
}

export type ParseResult<T> = { ok: true; value: T } | { ok: false; error: string };

const NAME = /^[a-z][a-z0-9_]{0,39}$/i;
const FLAGS = /^[imsu]*$/;

/** Compiles and checks operator patterns; every problem is listed at once. */
export const compileCustomPatterns = (
  patterns: readonly CustomPattern[],
): ParseResult<CompiledPattern[]> => {
  const problems: string[] = [];
  const compiled: CompiledPattern[] = [];
  const seen = new Set<string>();
  patterns.forEach(({ name, pattern, flags = '' }, i) => {
    const label = `custom pattern ${i + 1} (${JSON.stringify(name)})`;
    if (!NAME.test(name)) problems.push(`${label}: name must be letters, digits or _`);
    else if (seen.has(name.toLowerCase())) problems.push(`${label}: duplicate name`);
    seen.add(name.toLowerCase());
    if (!FLAGS.test(flags)) {
      problems.push(`${label}: flags may only be i, m, s, u`);
      return;
    }
    let regex: RegExp;
    try {
      regex = new RegExp(pattern, `g${flags}`);
    } catch (error) {
      problems.push(`${label}: invalid regular expression: ${(error as Error).message}`);
      return;
    }
    // One that matches "" would put a token between every two characters.
    if (regex.test('')) {
      problems.push(`${label}: matches the empty string`);
      return;
    }
    compiled.push({ name, regex });
  });
  return problems.length > 0
    ? { ok: false, error: problems.join('; ') }
    : { ok: true, value: compiled };
};
