const COLORS: Record<string, string> = {
  stack: '\x1b[1;37m',
  kafka: '\x1b[90m',
  ingest: '\x1b[36m',
  analyzer: '\x1b[35m',
  writer: '\x1b[33m',
  api: '\x1b[32m',
};
const LEVELS: Record<number, string> = {
  10: 'TRACE',
  20: 'DEBUG',
  30: 'INFO',
  40: 'WARN',
  50: 'ERROR',
  60: 'FATAL',
};
const LEVEL_COLORS: Record<number, string> = { 40: '\x1b[33m', 50: '\x1b[31m', 60: '\x1b[41;97m' };
const RESET = '\x1b[0m';
const SKIP = new Set(['level', 'time', 'pid', 'hostname', 'name', 'service', 'msg', 'v']);

/**
 * One readable line per log record: `writer  | 12:00:01 WARN  message key=value`. The
 * services log JSON (pino); anything else is shown as it came.
 */
export const formatLogLine = (service: string, line: string, color: boolean): string => {
  const tag = service.padEnd(8);
  const prefix = color ? `${COLORS[service] ?? ''}${tag}|${RESET} ` : `${tag}| `;
  if (!line.startsWith('{')) return prefix + line;
  let record: Record<string, unknown>;
  try {
    record = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return prefix + line;
  }
  const level = typeof record.level === 'number' ? record.level : 30;
  const time =
    typeof record.time === 'number' ? new Date(record.time).toISOString().slice(11, 19) : '';
  const levelText = (LEVELS[level] ?? String(level)).padEnd(5);
  const extras = Object.entries(record)
    .filter(([k]) => !SKIP.has(k))
    .map(([k, v]) => {
      if (k === 'err' && v && typeof v === 'object')
        return `err="${String((v as { message?: unknown }).message)}"`;
      return `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`;
    })
    .join(' ');
  const levelShown =
    color && LEVEL_COLORS[level] ? `${LEVEL_COLORS[level]}${levelText}${RESET}` : levelText;
  return `${prefix}${time} ${levelShown} ${typeof record.msg === 'string' ? record.msg : JSON.stringify(record.msg ?? '')}${extras ? ` ${extras}` : ''}`;
};
