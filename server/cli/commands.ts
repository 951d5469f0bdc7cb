// The table of `sanheyi` subcommands. Each lives in its own file and returns the process exit code.
export interface Command {
  summary: string;
  run(args: string[]): Promise<number>;
}

const lazy = (summary: string, load: () => Promise<{ run(args: string[]): Promise<number> }>): Command => ({
  summary,
  run: async (args) => (await load()).run(args),
});

export const COMMANDS: Record<string, Command> = {
  // check/classify: server/cli/check.ts, server/cli/classify.ts (issue 2)
  // serve/users/api-keys/backup/restore: issue 3; import/export: issue 5
};

export { lazy };
