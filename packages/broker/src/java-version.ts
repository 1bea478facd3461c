/**
 * The major version from `java -version` output (printed on stderr), or undefined when the
 * text is not a Java version banner. Handles both the old scheme (`"1.8.0_402"` is Java 8)
 * and the current one (`"17.0.15"`, `"21"`, `"22-ea"`).
 */
export function parseJavaMajorVersion(output: string): number | undefined {
  const quoted = /version "([^"]+)"/.exec(output)?.[1];
  if (quoted === undefined) return undefined;
  const parts = /^(\d+)(?:\.(\d+))?/.exec(quoted);
  if (parts === null) return undefined;
  const first = Number(parts[1]);
  if (first === 1 && parts[2] !== undefined) return Number(parts[2]);
  return first;
}
