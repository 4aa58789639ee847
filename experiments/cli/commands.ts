// The list of subcommands.
import type { CommandModule } from "yargs";
import { runCommand, validateCommand } from "./run.js";

// yargs' CommandModule is invariant in its argument type; the list mixes commands of several.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const commands: CommandModule<any, any>[] = [runCommand, validateCommand];
