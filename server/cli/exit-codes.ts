// The exit codes of every `sanheyi` command, with what each means; one table so the commands agree.

export const EXIT = {
  /** The command did what it was asked. */
  ok: 0,
  /** It ran, and found problems in what it read: bad rows or records, failing tests, a command that failed. */
  failed: 1,
  /** It could not start: bad usage, a file that cannot be read or written, a scheme that is not valid to use. */
  usage: 2,
  /** `import` only: the table's columns could not be recognised; say them with --map. */
  needsMapping: 3,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
