// A small driver for headless Chromium over the DevTools protocol on a pipe (--remote-debugging-pipe:
// JSON messages separated by NUL bytes on file descriptors 3 and 4), so no port, no WebSocket and no
// extra package. Used to print report.pdf and by the report's browser test.
import { spawn, type ChildProcess } from "node:child_process";
import { accessSync, constants } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Readable, Writable } from "node:stream";

/** Where Chromium is looked for: $CHROMIUM, else Debian's /usr/bin/chromium. */
export function chromiumPath(): string {
  return process.env.CHROMIUM ?? "/usr/bin/chromium";
}

/** True when the Chromium binary exists and is executable. */
export function chromiumAvailable(path: string = chromiumPath()): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

interface Pending {
  resolve: (value: Record<string, unknown>) => void;
  reject: (err: Error) => void;
  method: string;
}

type Listener = (params: Record<string, unknown>, sessionId: string | undefined) => void;

export interface Browser {
  /** Sends one command; `sessionId` addresses a page attached with openPage. */
  send(
    method: string,
    params?: Record<string, unknown>,
    sessionId?: string,
  ): Promise<Record<string, unknown>>;
  /** Calls `listener` for every event named `method`; returns a function that removes it. */
  on(method: string, listener: Listener): () => void;
  /** Opens a blank page and returns its session id. */
  openPage(): Promise<string>;
  close(): Promise<void>;
}

const LAUNCH_ARGS = [
  "--headless",
  "--remote-debugging-pipe",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-extensions",
  "--no-first-run",
  "--no-default-browser-check",
  "--hide-scrollbars",
  "--mute-audio",
];

/** Starts headless Chromium with a throw-away profile; `timeoutMs` bounds every command. */
export async function launchChromium(options: { path?: string; timeoutMs?: number } = {}): Promise<Browser> {
  const path = options.path ?? chromiumPath();
  const timeoutMs = options.timeoutMs ?? 60_000;
  const profile = await mkdtemp(join(tmpdir(), "p2psim-chromium-"));
  const child: ChildProcess = spawn(path, [...LAUNCH_ARGS, `--user-data-dir=${profile}`, "about:blank"], {
    stdio: ["ignore", "ignore", "pipe", "pipe", "pipe"],
  });
  const toBrowser = child.stdio[3] as Writable;
  const fromBrowser = child.stdio[4] as Readable;
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    if (stderr.length < 20_000) stderr += chunk.toString("utf8");
  });
  let nextId = 1;
  const pending = new Map<number, Pending>();
  const listeners = new Map<string, Set<Listener>>();
  let exited: Error | undefined;
  const failAll = (err: Error): void => {
    exited = err;
    for (const p of pending.values()) p.reject(err);
    pending.clear();
  };
  child.on("error", (err) => failAll(new Error(`chromium: cannot start ${path}: ${err.message}`)));
  child.on("exit", (code, signal) =>
    failAll(
      new Error(`chromium exited (${signal ?? code}) ${stderr.trim().split("\n").slice(-3).join(" | ")}`),
    ),
  );
  toBrowser.on("error", () => undefined);
  let buffered = Buffer.alloc(0);
  fromBrowser.on("data", (chunk: Buffer) => {
    buffered = Buffer.concat([buffered, chunk]);
    for (;;) {
      const end = buffered.indexOf(0);
      if (end < 0) break;
      const text = buffered.subarray(0, end).toString("utf8");
      buffered = buffered.subarray(end + 1);
      const message = JSON.parse(text) as {
        id?: number;
        method?: string;
        params?: Record<string, unknown>;
        result?: Record<string, unknown>;
        error?: { message: string };
        sessionId?: string;
      };
      if (message.id !== undefined) {
        const p = pending.get(message.id);
        if (p === undefined) continue;
        pending.delete(message.id);
        if (message.error) p.reject(new Error(`chromium: ${p.method}: ${message.error.message}`));
        else p.resolve(message.result ?? {});
      } else if (message.method !== undefined) {
        for (const l of listeners.get(message.method) ?? []) l(message.params ?? {}, message.sessionId);
      }
    }
  });

  const send: Browser["send"] = (method, params = {}, sessionId) => {
    if (exited) return Promise.reject(exited);
    const id = nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(new Error(`chromium: ${method} timed out after ${timeoutMs} ms`));
      }, timeoutMs);
      pending.set(id, {
        method,
        resolve: (v) => {
          clearTimeout(timer);
          resolve(v);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
      toBrowser.write(`${JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) })}\0`);
    });
  };

  const on: Browser["on"] = (method, listener) => {
    const set = listeners.get(method) ?? new Set<Listener>();
    set.add(listener);
    listeners.set(method, set);
    return () => set.delete(listener);
  };

  const close = async (): Promise<void> => {
    if (!exited) {
      const done = new Promise<void>((resolve) => child.once("exit", () => resolve()));
      try {
        await Promise.race([send("Browser.close"), done]);
      } catch {
        // Already gone.
      }
      const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
      await done;
      clearTimeout(timer);
    }
    await rm(profile, { recursive: true, force: true });
  };

  try {
    await send("Target.setDiscoverTargets", { discover: false });
  } catch (err) {
    await close();
    throw err;
  }

  return {
    send,
    on,
    close,
    async openPage() {
      const { targetId } = (await send("Target.createTarget", { url: "about:blank" })) as {
        targetId: string;
      };
      const { sessionId } = (await send("Target.attachToTarget", { targetId, flatten: true })) as {
        sessionId: string;
      };
      return sessionId;
    },
  };
}

/** Loads `url` in the page and waits for its load event. */
export async function navigate(browser: Browser, session: string, url: string): Promise<void> {
  await browser.send("Page.enable", {}, session);
  const loaded = new Promise<void>((resolve) => {
    const off = browser.on("Page.loadEventFired", (_params, sessionId) => {
      if (sessionId !== session) return;
      off();
      resolve();
    });
  });
  const result = (await browser.send("Page.navigate", { url }, session)) as { errorText?: string };
  if (result.errorText) throw new Error(`chromium: cannot open ${url}: ${result.errorText}`);
  await loaded;
}

/** Evaluates an expression in the page (awaiting a promise) and returns its JSON value. */
export async function evaluate<T>(browser: Browser, session: string, expression: string): Promise<T> {
  const reply = (await browser.send(
    "Runtime.evaluate",
    { expression, awaitPromise: true, returnByValue: true },
    session,
  )) as {
    result?: { value?: unknown };
    exceptionDetails?: { text?: string; exception?: { description?: string } };
  };
  if (reply.exceptionDetails)
    throw new Error(
      `chromium: ${reply.exceptionDetails.exception?.description ?? reply.exceptionDetails.text ?? "evaluation failed"}`,
    );
  return reply.result?.value as T;
}

/** Resolves once <html data-charts-done="true"> (the report's render script sets it), or after `ms`. */
export const WAIT_FOR_CHARTS = (ms: number): string => `new Promise(function (resolve) {
  var t0 = Date.now();
  (function poll() {
    var root = document.documentElement;
    if (!document.querySelector("[data-chart]") || root.getAttribute("data-charts-done") === "true") resolve(true);
    else if (Date.now() - t0 > ${ms}) resolve(false);
    else setTimeout(poll, 25);
  })();
})`;

/**
 * Prints the page at `url` to PDF bytes after its charts have rendered (A4, backgrounds on, the
 * page's print stylesheet). Headless Chromium writes dates into the PDF, so the bytes vary per run.
 */
export async function printPdf(url: string, options: { path?: string } = {}): Promise<Uint8Array> {
  const browser = await launchChromium(options.path === undefined ? {} : { path: options.path });
  try {
    const session = await browser.openPage();
    // Laid out for print at the printable width of A4 (210 mm less 2 x 12 mm margins, ~700 px),
    // so the charts are drawn at the width they are printed at.
    await browser.send("Emulation.setEmulatedMedia", { media: "print" }, session);
    await browser.send(
      "Emulation.setDeviceMetricsOverride",
      { width: 700, height: 1000, deviceScaleFactor: 1, mobile: false },
      session,
    );
    await navigate(browser, session, url);
    const done = await evaluate<boolean>(browser, session, WAIT_FOR_CHARTS(30_000));
    if (!done) throw new Error("the charts did not finish rendering within 30 s");
    const { data } = (await browser.send(
      "Page.printToPDF",
      {
        printBackground: true,
        preferCSSPageSize: true,
        paperWidth: 8.27,
        paperHeight: 11.69,
        marginTop: 0.5,
        marginBottom: 0.5,
        marginLeft: 0.5,
        marginRight: 0.5,
        displayHeaderFooter: false,
      },
      session,
    )) as { data: string };
    return new Uint8Array(Buffer.from(data, "base64"));
  } finally {
    await browser.close();
  }
}
