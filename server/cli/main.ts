#!/usr/bin/env node
// The `sanheyi` command: one subcommand per file in this folder, dispatched from the table below.
import { COMMANDS } from './commands.js';

const [name, ...args] = process.argv.slice(2);
const command = name ? COMMANDS[name] : undefined;
if (!command) {
  const list = Object.entries(COMMANDS)
    .map(([n, c]) => `  ${n.padEnd(10)} ${c.summary}`)
    .join('\n');
  process.stderr.write(`用法: sanheyi <命令> [参数]\n\n${list}\n`);
  process.exit(name && name !== 'help' && name !== '--help' ? 2 : 0);
}
process.exitCode = await command.run(args);
