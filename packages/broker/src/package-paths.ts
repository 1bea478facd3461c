import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// Compiled code runs from dist/ and vitest runs the sources from src/: both sit one level
// below the package root, where pom.xml and the log4j2 config live.
const packageRoot = fileURLToPath(new URL('..', import.meta.url));

/** The Maven project that lists the broker's jars. */
export const pomPath = join(packageRoot, 'pom.xml');

/** log4j2 configuration handed to every JVM this package starts. */
export const log4jConfigPath = join(packageRoot, 'log4j2.yaml');
