import { createServer } from 'node:net';
import { CliError } from '../cli-error.js';

const isFree = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, () => server.close(() => resolve(true)));
  });

export const assertPortsFree = async (ports: { name: string; port: number }[]): Promise<void> => {
  const taken: string[] = [];
  for (const { name, port } of ports) if (!(await isFree(port))) taken.push(`${port} (${name})`);
  if (taken.length > 0) {
    throw new CliError(
      `port ${taken.join(', ')} already in use: stop what uses it or choose other ports (INGEST_PORT, API_PORT, ANALYZER_HTTP_PORT, WRITER_HTTP_PORT, NOTIFIER_HTTP_PORT)`,
    );
  }
};
