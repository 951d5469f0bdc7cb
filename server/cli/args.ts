// Shared argument handling of the operator commands: parse, print usage on --help or bad input, exit codes.
import { type ParseArgsConfig, parseArgs } from 'node:util';

type Options = NonNullable<ParseArgsConfig['options']>;
type Parsed<O extends Options> = ReturnType<typeof parseArgs<{ args: string[]; allowPositionals: true; options: O & { help: { type: 'boolean'; short: 'h' } } }>>;

/**
 * Parses `args` with `options` (plus -h/--help). Returns the parsed values, or the exit code when the command should
 * stop: 0 after printing usage for --help, 2 after printing usage for bad options or when `enough` rejects the
 * positionals.
 */
export function parseCommand<O extends Options>(args: string[], options: O, usage: string, enough: (positionals: string[]) => boolean): Parsed<O> | number {
  let parsed: Parsed<O>;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: { ...options, help: { type: 'boolean', short: 'h' } } }) as Parsed<O>;
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n\n${usage}`);
    return 2;
  }
  if ((parsed.values as { help?: boolean }).help) {
    process.stdout.write(usage);
    return 0;
  }
  if (!enough(parsed.positionals)) {
    process.stdout.write(usage);
    return 2;
  }
  return parsed;
}

/** A bad command line, for commands that read their options by hand: printed above the usage. Empty for --help. */
export class UsageError extends Error {}

/** The value after option `name` at `argv[i]` (not another option). */
export function flagValue(argv: readonly string[], i: number, name: string): string {
  const v = argv[i + 1];
  if (v === undefined || v.startsWith('--')) throw new UsageError(`${name} 需要一个值`);
  return v;
}

/** `arg` as the command's one positional argument (`current` is the one seen so far); -h/--help asks for usage. */
export function positional(arg: string, current: string | undefined): string {
  if (arg === '-h' || arg === '--help') throw new UsageError('');
  if (arg.startsWith('--')) throw new UsageError(`未知选项 ${arg}`);
  if (current !== undefined) throw new UsageError(`多余的参数“${arg}”`);
  return arg;
}

/** Prints `usage` (after the error, if any) and returns the exit code: 0 for --help, 2 for a bad command line. */
export function usageExit(e: unknown, usage: string): number {
  if (!(e instanceof UsageError)) throw e;
  process.stderr.write((e.message ? `错误：${e.message}\n\n` : '') + usage);
  return e.message ? 2 : 0;
}
