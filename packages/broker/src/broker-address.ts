import { readFile } from 'node:fs/promises';
import type { BrokerFiles } from './broker-files.js';
import { readAdvertisedAddress, readProperty } from './server-properties.js';

/** Where the broker of this data dir was last told to listen, if it was ever started. */
export async function readConfiguredAddress(
  files: BrokerFiles,
): Promise<{ host: string; port: number } | undefined> {
  const text = await readFile(files.propertiesFile, 'utf8').catch(() => undefined);
  return text === undefined ? undefined : readAdvertisedAddress(text);
}

/** The cluster id the storage was formatted with; a broker answering with another id is not ours. */
export async function readClusterId(files: BrokerFiles): Promise<string | undefined> {
  const text = await readFile(files.metaPropertiesFile, 'utf8').catch(() => undefined);
  return text === undefined ? undefined : readProperty(text, 'cluster.id');
}
