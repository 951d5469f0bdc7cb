// The application's log: one JSON object per line on stdout, or nothing; the Logger type every layer takes.

export type Logger = (entry: Record<string, unknown>) => void;

/** Buffers written by jsonLogger that still hold lines; flushed synchronously when the process exits. */
const pending = new Set<() => void>();
process.once('exit', () => {
  for (const flush of pending) flush();
});

/** Lines are written together once per turn of the event loop, or at once past this many characters. */
const FLUSH_AT = 64 * 1024;

/**
 * One JSON line per entry. Writes to a pipe or file are synchronous in Node, so lines are gathered and written once
 * per turn of the event loop, not once per request; errors are written at once, and what is left at exit.
 */
export function jsonLogger(stream: NodeJS.WritableStream = process.stdout): Logger {
  let buffer = '';
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    pending.delete(flush);
    if (!buffer) return;
    const text = buffer;
    buffer = '';
    stream.write(text);
  };
  return (entry) => {
    buffer += JSON.stringify(entry) + '\n';
    if (entry.level === 'error' || buffer.length >= FLUSH_AT) flush();
    else if (!scheduled) {
      scheduled = true;
      pending.add(flush);
      setImmediate(flush);
    }
  };
}

export const silentLogger: Logger = () => {};
