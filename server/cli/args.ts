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
