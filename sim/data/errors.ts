// Errors raised by the profiles layer.
//
// Assumptions: a profile error is always about some input (a CSV file, a households mapping, a
// profile config); `source` names that input as the caller gave it (a file name, "profile config")
// and `line` is the 1-based line of the offending record when there is one, so that a user can
// go straight to it. The message already contains both; the fields are for programs.

export class ProfileError extends Error {
  readonly source: string;
  readonly line: number | undefined;

  constructor(source: string, line: number | undefined, message: string) {
    super(line === undefined ? `${source}: ${message}` : `${source}:${line}: line ${line}: ${message}`);
    this.name = "ProfileError";
    this.source = source;
    this.line = line;
  }
}
