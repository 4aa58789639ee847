// The `p2psim` command line. Each subcommand lives in its own module and registers here.
import yargs, { type Argv } from "yargs";
import { packageVersion } from "../io/json.js";
import { EXIT_INPUT, EXIT_INTERNAL, EXIT_OK, InputError } from "./errors.js";
import { commands } from "./commands.js";

/** Builds the parser; usage errors become InputErrors instead of exiting. */
function parser(argv: string[]): Argv {
  let cli = yargs(argv)
    .scriptName("p2psim")
    // Positionals such as <sweep.json> are names, not paths into nested objects.
    .parserConfiguration({ "dot-notation": false })
    .usage(
      "$0 <command> [options]\n\nDeterministic simulator of P2P energy trading among microgrids on a ledger.",
    )
    .version(packageVersion())
    .help()
    .alias("h", "help")
    .strict()
    .strictCommands()
    .demandCommand(1, "Give a command; see p2psim --help.")
    .recommendCommands()
    .wrap(Math.min(110, process.stdout.columns ?? 110))
    .exitProcess(false)
    .fail((message, error) => {
      if (error !== undefined && error !== null) throw error;
      throw new InputError((message ?? "bad arguments").split("\n")[0]!);
    });
  for (const command of commands) cli = cli.command(command);
  return cli;
}

/** Runs the CLI and returns the exit code; never throws. */
export async function main(argv: string[]): Promise<number> {
  try {
    await parser(argv).parseAsync();
  } catch (error) {
    if (error instanceof InputError) {
      process.stderr.write(`p2psim: ${error.message}\n`);
      return EXIT_INPUT;
    }
    process.stderr.write(
      `p2psim: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    return EXIT_INTERNAL;
  }
  return EXIT_OK;
}
