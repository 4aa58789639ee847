// A static report page (the overview, the readings map, a sweep): no script, so it opens offline
// with nothing to run; its Content-Security-Policy forbids every request. Charts are inline SVG.
import { escapeHtml } from "./html.js";
import { PAGE_CSS } from "./page-style.js";

const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

/** What every static page adds to the report's stylesheet: wide tables scroll, charts fit. */
const STATIC_CSS = `
.scroll { overflow-x: auto; }
tr.paper td { font-style: italic; }
td.verdict.yes { color: #14632f; font-weight: bold; }
td.verdict.no { color: #9b1c1c; font-weight: bold; }
figure.inline-chart svg { max-width: 100%; height: auto; }
`;

/** The page around `body` (HTML already escaped), titled `title` (plain text). */
export function staticPage(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<title>${escapeHtml(title)}</title>
<style>${PAGE_CSS}${STATIC_CSS}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
}
