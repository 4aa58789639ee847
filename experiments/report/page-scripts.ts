// Browser-side scripts of the report page, as plain ES5 text so any browser runs them unbundled.
// The recorder runs first so that errors in the Vega bundles themselves are caught; it mirrors
// every error into DOM attributes, which `chromium --dump-dom` (and a reader) can see.

/**
 * Records console.error calls, uncaught errors, rejections and CSP blocks on <html data-errors>.
 * A console warning (Vega and Vega-Lite log theirs with console.warn: a dropped encoding, an empty
 * scale domain, a bad value) is an error too: it is counted in data-errors and listed in the red box,
 * and data-warnings counts the warnings among them.
 */
export const ERROR_RECORDER_JS = `(function () {
  var root = document.documentElement;
  var errors = [];
  var warnings = 0;
  window.__reportErrors = errors;
  function show() {
    var box = document.getElementById("report-errors");
    if (!box) return;
    var list = box.querySelector("ol");
    while (list.childNodes.length < errors.length) {
      var li = document.createElement("li");
      li.textContent = errors[list.childNodes.length];
      list.appendChild(li);
    }
    box.hidden = errors.length === 0;
  }
  function record(message) {
    errors.push(String(message));
    root.setAttribute("data-errors", String(errors.length));
    show();
  }
  var originalError = console.error;
  console.error = function () {
    record(Array.prototype.map.call(arguments, function (a) { return a && a.stack ? a.stack : String(a); }).join(" "));
    return originalError.apply(console, arguments);
  };
  var originalWarn = console.warn;
  console.warn = function () {
    warnings += 1;
    root.setAttribute("data-warnings", String(warnings));
    record("Warning: " + Array.prototype.map.call(arguments, function (a) { return a && a.stack ? a.stack : String(a); }).join(" "));
    return originalWarn.apply(console, arguments);
  };
  window.addEventListener("error", function (e) {
    record("Uncaught " + (e.message || ("failed to load " + (e.target && (e.target.src || e.target.href)))));
  }, true);
  window.addEventListener("unhandledrejection", function (e) {
    record("Unhandled rejection: " + (e.reason && e.reason.message ? e.reason.message : String(e.reason)));
  });
  document.addEventListener("securitypolicyviolation", function (e) {
    record("Blocked by the page's offline policy: " + e.blockedURI + " (" + e.violatedDirective + ")");
  });
  document.addEventListener("DOMContentLoaded", show);
})();`;

/**
 * Renders every [data-chart] container from the inline specs with Vega's View (SVG renderer), then
 * marks it data-rendered="true"; failures go to console.error and data-error on the container.
 * On a narrow container (a phone) the spec is first arranged for it: legends below the plot, long
 * titles wrapped, scenario labels slanted, side-by-side panels stacked at the container's width.
 */
export const RENDER_JS = `(function () {
  var NARROW = 640;
  function wrap(text, chars) {
    if (typeof text !== "string" || text.length <= chars) return text;
    var lines = [], line = "";
    text.split(/\\s+/).forEach(function (word) {
      if (line && line.length + 1 + word.length > chars) { lines.push(line); line = word; }
      else line = line ? line + " " + word : word;
    });
    if (line) lines.push(line);
    return lines;
  }
  function wrapTitle(title, width) {
    if (!title) return title;
    if (typeof title === "string") return wrap(title, Math.floor(width / 9.5));
    var out = {};
    for (var k in title) out[k] = title[k];
    out.text = wrap(title.text, Math.floor(width / 9.5));
    if (out.subtitle) out.subtitle = wrap(title.subtitle, Math.floor(width / 7.2));
    return out;
  }
  function slantScenarioLabels(node) {
    if (!node || typeof node !== "object") return;
    if (Array.isArray(node)) { node.forEach(slantScenarioLabels); return; }
    if (node.field === "scenario" && node.axis && node.axis.labelAngle === 0) {
      node.axis.labelAngle = -40;
      node.axis.labelAlign = "right";
    }
    for (var k in node) if (k !== "data") slantScenarioLabels(node[k]);
  }
  function fitSpec(spec, width) {
    if (!(width > 0) || width >= NARROW) return spec;
    spec = JSON.parse(JSON.stringify(spec));
    var config = spec.config || (spec.config = {});
    config.legend = config.legend || {};
    config.legend.orient = "bottom";
    config.legend.direction = "vertical";
    spec.title = wrapTitle(spec.title, width - 24);
    slantScenarioLabels(spec.encoding);
    slantScenarioLabels(spec.layer);
    if (spec.hconcat) {
      spec.vconcat = spec.hconcat;
      delete spec.hconcat;
      spec.vconcat.forEach(function (panel) {
        if (typeof panel.width === "number") panel.width = Math.max(140, width - 120);
      });
    }
    return spec;
  }
  var root = document.documentElement;
  var containers = document.querySelectorAll("[data-chart]");
  var pending = containers.length;
  window.__chartsRendered = 0;
  function settle() {
    pending -= 1;
    if (pending === 0) root.setAttribute("data-charts-done", "true");
  }
  var specs;
  try {
    specs = JSON.parse(document.getElementById("report-specs").textContent);
  } catch (err) {
    console.error("report: cannot read the chart specs: " + err);
    specs = {};
  }
  if (pending === 0) root.setAttribute("data-charts-done", "true");
  Array.prototype.forEach.call(containers, function (el) {
    var name = el.getAttribute("data-chart");
    function fail(err) {
      el.setAttribute("data-error", String(err && err.message ? err.message : err));
      console.error("report: chart " + name + " failed: " + (err && err.stack ? err.stack : err));
      settle();
    }
    try {
      var spec = specs[name];
      if (!spec) throw new Error("no spec named " + name);
      if (!/\\bfixed\\b/.test(el.className)) spec = fitSpec(spec, el.clientWidth);
      var runtime = vega.parse(vegaLite.compile(spec).spec);
      var view = new vega.View(runtime, { renderer: "svg", container: el, hover: true, logLevel: vega.Warn });
      view.runAsync().then(function () {
        el.setAttribute("data-rendered", "true");
        window.__chartsRendered += 1;
        root.setAttribute("data-charts-rendered", String(window.__chartsRendered));
        settle();
      }, fail);
    } catch (err) {
      fail(err);
    }
  });
})();`;
