// Splitting CSV text into records with their line numbers.
//
// Assumptions: comma-separated, one record per line (LF or CRLF), an optional UTF-8 byte-order
// mark, fields optionally enclosed in double quotes with "" for a quote inside. A quoted field
// may not span lines (profile data never needs it, and a stray quote would otherwise swallow the
// rest of the file). Trailing empty lines are ignored; an empty line elsewhere is an error, as it
// usually means a truncated or concatenated file.
import { ProfileError } from "./errors.js";

export interface CsvRecord {
  /** 1-based line number in the text. */
  line: number;
  fields: string[];
}

function splitLine(text: string, source: string, line: number): string[] {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    if (text[i] === '"') {
      let value = "";
      i++;
      for (;;) {
        const q = text.indexOf('"', i);
        if (q < 0) throw new ProfileError(source, line, `unterminated quoted field starting at column ${i}`);
        value += text.slice(i, q);
        if (text[q + 1] === '"') {
          value += '"';
          i = q + 2;
          continue;
        }
        i = q + 1;
        break;
      }
      fields.push(value);
      if (i < text.length && text[i] !== ",") {
        throw new ProfileError(source, line, `expected a comma after the quoted field ending at column ${i}`);
      }
    } else {
      const comma = text.indexOf(",", i);
      const end = comma < 0 ? text.length : comma;
      fields.push(text.slice(i, end));
      i = end;
    }
    if (i >= text.length) return fields;
    i++; // past the comma
    if (i === text.length) {
      fields.push("");
      return fields;
    }
  }
}

/** Splits `text` into records; `source` names the input in error messages. */
export function csvRecords(text: string, source: string): CsvRecord[] {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const lines = body.split("\n");
  let last = lines.length;
  while (last > 0 && (lines[last - 1] ?? "").replace(/\r$/, "") === "") last--;
  const records: CsvRecord[] = [];
  for (let i = 0; i < last; i++) {
    const raw = (lines[i] ?? "").replace(/\r$/, "");
    if (raw === "") throw new ProfileError(source, i + 1, "empty line inside the data");
    records.push({ line: i + 1, fields: splitLine(raw, source, i + 1) });
  }
  return records;
}

/** A strict non-negative decimal: digits, optional fraction, optional exponent. */
const DECIMAL_RE = /^[+]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Parses a non-negative decimal number, or returns a message saying what was expected (for the
 * caller to put into a ProfileError with the line and field).
 */
export function parseNonNegative(text: string, unit: string): number | string {
  const trimmed = text.trim();
  if (trimmed.startsWith("-") && DECIMAL_RE.test(trimmed.slice(1))) {
    return `expected a non-negative number of ${unit}, got negative '${text}'`;
  }
  if (!DECIMAL_RE.test(trimmed)) return `expected a non-negative number of ${unit}, got '${text}'`;
  const v = Number(trimmed);
  return Number.isFinite(v) ? v : `expected a finite number of ${unit}, got '${text}'`;
}
