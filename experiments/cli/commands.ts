// The list of subcommands.
import type { CommandModule } from "yargs";
import { reportCommand, reproduceCommand, table1Command } from "./reproduce.js";
import { runCommand, validateCommand } from "./run.js";
import { mergeCommand, sweepCommand } from "./sweep.js";

// yargs' CommandModule is invariant in its argument type; the list mixes commands of several.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const commands: CommandModule<any, any>[] = [
  runCommand,
  validateCommand,
  sweepCommand,
  mergeCommand,
  reproduceCommand,
  table1Command,
  reportCommand,
];
