// Errors the CLI reports as one line with exit code 2 (the user's input is wrong), as opposed to
// internal errors (exit code 1, a bug of ours).

/** Bad input: a file, field, flag or line the user can fix. The message names it. */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "InputError";
  }
}

export const EXIT_OK = 0;
export const EXIT_INTERNAL = 1;
export const EXIT_INPUT = 2;
