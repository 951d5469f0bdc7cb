// The application's log: one JSON object per line on stdout, or nothing; the Logger type every layer takes.

export type Logger = (entry: Record<string, unknown>) => void;

export function jsonLogger(stream: NodeJS.WritableStream = process.stdout): Logger {
  return (entry) => {
    stream.write(JSON.stringify(entry) + '\n');
  };
}

export const silentLogger: Logger = () => {};
