// The command-line toolkit every `sanheyi` command uses: options through node:util parseArgs, one UsageError,
// usage on --help or a bad command line, positionals counted, exit codes from exit-codes.ts.
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { EXIT } from './exit-codes.js';

/** A problem that stops a command before it starts (exit 2): bad usage, an unreadable file, an unusable scheme. */
export class UsageError extends Error {
  /** `showUsage`: print the command's usage after the message (for a bad command line, not for a missing file). */
  constructor(
    message: string,
    readonly showUsage = false,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

/** -h/--help: the command prints its usage and exits 0. */
class HelpRequested extends Error {}

type Options = NonNullable<ParseArgsConfig['options']>;
type WithHelp<O extends Options> = O & { help: { type: 'boolean'; short: 'h' } };
export type Parsed<O extends Options> = ReturnType<
  typeof parseArgs<{ args: string[]; allowPositionals: true; tokens: true; options: WithHelp<O> }>
>;

/**
 * Parses `args` with `options` (plus -h/--help). A bad command line throws a UsageError in Chinese (shown with the
 * usage); --help stops the command (runCommand prints the usage).
 */
export function parseOptions<O extends Options>(args: string[], options: O): Parsed<O> {
  let parsed: Parsed<O>;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      tokens: true,
      options: { ...options, help: { type: 'boolean', short: 'h' } },
    }) as Parsed<O>;
  } catch (e) {
    throw new UsageError(parseArgsMessage(e as Error & { code?: string }), true);
  }
  if ((parsed.values as { help?: boolean }).help) throw new HelpRequested();
  return parsed;
}

/** node:util's messages, in the words the rest of the CLI uses. */
function parseArgsMessage(e: Error & { code?: string }): string {
  const name = /'(-[^' ]*)/.exec(e.message)?.[1] ?? '';
  if (e.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `未知选项 ${name}`;
  if (e.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE')
    return /does not take an argument/.test(e.message) ? `${name} 不带值` : `${name} 需要一个值`;
  return e.message;
}

/** The positionals by name: a UsageError names the first missing one, or the first extra one. */
export function positionals(found: readonly string[], names: readonly string[], required = names.length): (string | undefined)[] {
  if (found.length < required) throw new UsageError(`缺少${names.slice(found.length, required).join('和')}`, true);
  if (found.length > names.length) throw new UsageError(`多余的参数“${found[names.length]}”`, true);
  return names.map((_, i) => found[i]);
}

/**
 * Runs a command's body and returns its exit code; --help prints the usage (exit 0), a UsageError prints
 * `错误：…` (and the usage when it asks for it) on stderr (exit 2).
 */
export async function runCommand(usage: string, body: () => Promise<number> | number): Promise<number> {
  try {
    return await body();
  } catch (e) {
    if (e instanceof HelpRequested) {
      process.stdout.write(usage);
      return EXIT.ok;
    }
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(`错误：${e.message}\n${e.showUsage ? `\n${usage}` : ''}`);
    return EXIT.usage;
  }
}

/** One of `allowed`, or a UsageError naming the option and the choices. */
export function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], option: string): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`${option} 只能是 ${allowed.join('、')}`, true);
  return value as T;
}

/** A whole number ≥ `min`, or a UsageError. */
export function integer(value: string | undefined, option: string, min: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`${option} 必须是${min === 0 ? '非负' : '正'}整数`, true);
  return n;
}

/**
 * For the operator commands (users, api-keys, backup, restore, serve): parses like parseOptions and returns the
 * result, or the exit code after printing the usage (0 for --help, 2 for a bad command line or when `enough`
 * refuses the positionals).
 */
export function parseCommand<O extends Options>(
  args: string[],
  options: O,
  usage: string,
  enough: (positionals: string[]) => boolean,
): Parsed<O> | number {
  let parsed: Parsed<O> | undefined;
  const code = exitOf(usage, () => {
    parsed = parseOptions(args, options);
    if (!enough(parsed.positionals))
      throw new UsageError(parsed.positionals.length ? `参数不对：${parsed.positionals.join(' ')}` : '缺少参数', true);
  });
  return parsed && code === undefined ? parsed : (code ?? EXIT.usage);
}

/** As runCommand, for a synchronous step: undefined when it passed, else the exit code after printing. */
function exitOf(usage: string, step: () => void): number | undefined {
  try {
    step();
    return undefined;
  } catch (e) {
    if (e instanceof HelpRequested) {
      process.stdout.write(usage);
      return EXIT.ok;
    }
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(`错误：${e.message}\n${e.showUsage ? `\n${usage}` : ''}`);
    return EXIT.usage;
  }
}
