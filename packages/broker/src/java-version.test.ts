import { describe, expect, it } from 'vitest';
import { parseJavaMajorVersion } from './java-version.js';

describe('parseJavaMajorVersion', () => {
  it.each([
    [
      'openjdk version "17.0.15" 2025-04-15\nOpenJDK Runtime Environment (build 17.0.15+6-Debian-1deb12u1)',
      17,
    ],
    ['openjdk version "21" 2023-09-19', 21],
    ['openjdk version "22-ea" 2024-03-19', 22],
    ['java version "1.8.0_402"\nJava(TM) SE Runtime Environment (build 1.8.0_402-b06)', 8],
    ['openjdk version "11.0.2" 2019-01-15', 11],
    ['Picked up JAVA_TOOL_OPTIONS: -Xss4m\nopenjdk version "25" 2025-09-16', 25],
  ])('reads the major version from %j', (output, major) => {
    expect(parseJavaMajorVersion(output)).toBe(major);
  });

  it.each([
    'The operation couldn’t be completed. Unable to locate a Java Runtime.',
    '',
    'version "unknown"',
  ])('returns undefined for %j', (output) => {
    expect(parseJavaMajorVersion(output)).toBeUndefined();
  });
});
