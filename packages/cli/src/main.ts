import { BrokerError } from '@callpulse/broker';
import { ConfigError } from '@callpulse/runtime';
import { CliError } from './cli-error.js';

type Command = { run: (argv: string[]) => Promise<void>; usage: string };

const commands: Record<string, () => Promise<Command>> = {
  stack: () => import('./commands/stack.js'),
  kafka: () => import('./commands/kafka.js'),
  migrate: () => import('./commands/migrate.js'),
  send: () => import('./commands/send.js'),
  analyze: () => import('./commands/analyze.js'),
  redact: () => import('./commands/redact.js'),
  keywords: () => import('./commands/keywords.js'),
  rules: () => import('./commands/rules.js'),
  check: () => import('./commands/check.js'),
  retention: () => import('./commands/retention.js'),
  destinations: () => import('./commands/destinations.js'),
};

const help = async (): Promise<string> => {
  const usages = await Promise.all(
    Object.values(commands).map(async (load) => (await load()).usage),
  );
  return `callpulse: live call analytics\n\n${usages.join('\n\n')}\n`;
};

const main = async (): Promise<void> => {
  const [name, ...argv] = process.argv.slice(2);
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(await help());
    return;
  }
  const load = commands[name];
  if (!load)
    throw new CliError(`unknown command "${name}"; try: ${Object.keys(commands).join(', ')}`);
  const command = await load();
  // `callpulse stack --help` shows how to use it rather than starting the stack.
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${command.usage}\n`);
    return;
  }
  await command.run(argv);
};

main().catch((error: unknown) => {
  if (error instanceof CliError || error instanceof ConfigError) {
    console.error(`callpulse: ${error.message}`);
    process.exit(error instanceof CliError ? error.exitCode : 2);
  }
  if (error instanceof BrokerError) {
    console.error(`callpulse: ${error.message}`);
    process.exit(1);
  }
  // Node's argument parser and anything that names its own problem: one line too.
  const code = (error as { code?: string } | null)?.code ?? '';
  if (code.startsWith('ERR_PARSE_ARGS')) {
    console.error(`callpulse: ${(error as Error).message}`);
    process.exit(2);
  }
  console.error(
    `callpulse: unexpected error: ${error instanceof Error ? error.message : String(error)}`,
  );
  if (process.env.CALLPULSE_DEBUG) console.error(error);
  else console.error('(set CALLPULSE_DEBUG=1 for the stack trace)');
  process.exit(1);
});
