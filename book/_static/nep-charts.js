// Every chart comes in the page as an SVG drawn when the book was built, beside the
// Vega spec it was drawn from (compiled from Vega-Lite at build time, so the page needs
// Vega alone). The drawing is the chart until the reader needs more: when a chart comes
// near the window as the reader scrolls, or the reader points at, taps or focuses it, this
// brings the Vega the book serves itself (_static/vega-bundle.js; no request leaves the
// book) and, in an idle moment, one chart at a time, puts the interactive view (tooltips,
// dark mode) in the drawing's place, in a box of the same size. So a first visit runs no
// chart code at all. Charts follow the theme's light/dark mode and are redrawn when the
// reader switches it. window.nepCharts.drawAll() builds every view at once (for printing
// and the tests). On the source page, places each figure's value box inside the window.
(function () {
  "use strict";

  function isDark() {
    return document.documentElement.dataset.theme === "dark";
  }

  // One tooltip for the page: a mark's fields and values (Vega-Lite's tooltip encoding
  // gives an object of them), or its text, next to the pointer and inside the window.
  var tooltip = null;

  function showTooltip(handler, event, item, value) {
    if (!tooltip) {
      tooltip = document.createElement("div");
      tooltip.id = "nep-chart-tooltip";
      tooltip.setAttribute("role", "tooltip");
      document.body.appendChild(tooltip);
    }
    if (value === null || value === undefined || value === "") {
      tooltip.hidden = true;
      return;
    }
    tooltip.replaceChildren();
    if (typeof value === "object" && !Array.isArray(value)) {
      var table = document.createElement("table");
      Object.keys(value).forEach(function (key) {
        var row = table.insertRow(), name = row.insertCell(), shown = row.insertCell();
        name.className = "key";
        name.textContent = key;
        shown.textContent = String(value[key]);
      });
      tooltip.appendChild(table);
    } else {
      tooltip.textContent = String(value);
    }
    tooltip.hidden = false;
    var box = tooltip.getBoundingClientRect(), gap = 10;
    var left = event.clientX + gap, top = event.clientY + gap;
    if (left + box.width > window.innerWidth - 4) left = Math.max(4, event.clientX - gap - box.width);
    if (top + box.height > window.innerHeight - 4) top = Math.max(4, event.clientY - gap - box.height);
    tooltip.style.left = left + "px";
    tooltip.style.top = top + "px";
  }

  function draw(figure) {
    var view = figure.querySelector(".nep-chart-view");
    var specNode = figure.querySelector("script.nep-chart-spec");
    var configs = window.NEP_CHART_CONFIG;
    if (!view || !specNode || !window.vega || !configs) return;
    // The house theme, light or dark, comes once per book (nep-chart-config.js), not
    // once per chart.
    var runtime = window.vega.parse(JSON.parse(specNode.textContent), isDark() ? configs.dark : configs.light);
    // Drawn aside and then swapped in, so the chart on the page never leaves its box empty.
    var drawing = document.createElement("div");
    drawing.className = "nep-chart-live";
    // A tap shows the mark's tooltip as a pointer's hover does: Vega's tooltip follows the
    // pointer's moves, which a tap does not make (the click comes after the tap has ended).
    drawing.addEventListener("click", function (event) {
      event.target.dispatchEvent(new PointerEvent("pointermove", {
        bubbles: true, clientX: event.clientX, clientY: event.clientY, pointerType: "touch" }));
    });
    var chart = new window.vega.View(runtime, { renderer: "svg", container: drawing });
    chart.tooltip(showTooltip);
    chart.runAsync().then(function () {
      // The figure's label already describes the chart; keep the SVG from repeating it.
      var svg = drawing.querySelector("svg");
      if (svg) svg.setAttribute("aria-hidden", "true");
      if (figure._nepView) figure._nepView.finalize();
      // The box the drawing made at first paint: the view is drawn into it, scaled if the
      // browser's fonts made it a little larger or smaller, so that nothing below it moves.
      var drawn = view.querySelector("svg.nep-chart-static");
      if (drawn) {
        var width = drawn.width.baseVal.value, height = drawn.height.baseVal.value;
        view.style.maxWidth = width + "px";
        view.style.aspectRatio = width + " / " + height;
        view.classList.add("nep-chart-boxed");
      }
      view.replaceChildren(drawing);
      figure._nepView = chart;
      figure.dataset.drawn = "true";
      var replay = figure._nepReplay;
      figure._nepReplay = null;
      if (replay) {
        var target = document.elementFromPoint(replay.x, replay.y);
        if (target) target.dispatchEvent(new PointerEvent("pointermove", {
          bubbles: true, clientX: replay.x, clientY: replay.y, pointerType: "touch" }));
      }
      figure.dataset.drawnAt = String(Math.round(performance.now()));  // for the benchmark
    }).catch(function (error) {
      figure.dataset.drawn = "error";
      console.error("chart failed to draw:", error);
    });
  }

  function drawAll() {
    document.querySelectorAll("figure.nep-chart").forEach(request);
  }

  // The chart theme, then the bundle, from beside this script: classic scripts, so that
  // they load from disk (file://) too.
  var here = document.currentScript && document.currentScript.src;

  function load(name, then) {
    var script = document.createElement("script");
    script.src = here.replace(/nep-charts\.js(\?.*)?$/, name);
    script.onload = then;
    script.onerror = function () { console.error("could not load " + name); };
    document.head.appendChild(script);
  }

  // Views wait in a queue and are built one to an idle slot, so that no one task keeps
  // the page from answering the reader for long.
  var queue = [], bundle = "none", idle = window.requestIdleCallback ||
    function (work) { return setTimeout(function () { work({ timeRemaining: function () { return 0; } }); }, 1); };

  function request(figure) {
    if (figure._nepQueued || !here) return;
    figure._nepQueued = true;
    queue.push(figure);
    if (bundle === "none") {
      bundle = "loading";
      load("nep-chart-config.js", function () {
        load("vega-bundle.js", function () { bundle = "ready"; watchTheme(); next(); });
      });
    } else if (bundle === "ready" && queue.length === 1) {
      next();
    }
  }

  function next() {
    if (!queue.length) return;
    idle(function () {
      var figure = queue.shift();
      draw(figure);
      next();
    }, { timeout: 500 });
  }

  // A chart the reader touches joins the queue; once its view is built, the touch shows
  // the tooltip of the mark under it.
  function touched(event) {
    var figure = event.currentTarget;
    if (figure._nepView) return;
    request(figure);
    if (typeof event.clientX === "number") figure._nepReplay = { x: event.clientX, y: event.clientY };
  }

  function watchTheme() {
    var lastDark = isDark();
    new MutationObserver(function () {
      if (isDark() !== lastDark) {
        lastDark = isDark();
        document.querySelectorAll("figure.nep-chart").forEach(function (figure) {
          if (figure._nepView) draw(figure);
        });
      }
    }).observe(document.documentElement, { attributes: true, attributeFilter: ["data-theme"] });
  }

  function start() {
    var figures = document.querySelectorAll("figure.nep-chart");
    if (!here || !figures.length) return;
    figures.forEach(function (figure) {
      ["pointerenter", "pointerdown", "focusin"].forEach(function (type) {
        figure.addEventListener(type, touched, { passive: true });
      });
    });
    // Charts that come near the window while the reader scrolls; those on the first
    // screen wait for the reader's first scroll or touch.
    if ("IntersectionObserver" in window) {
      var near = new IntersectionObserver(function (entries) {
        entries.forEach(function (entry) {
          if (entry.isIntersecting) { near.unobserve(entry.target); request(entry.target); }
        });
      }, { rootMargin: "300px 0px" });
      window.addEventListener("scroll", function () {
        figures.forEach(function (figure) { near.observe(figure); });
      }, { once: true, passive: true });
    }
  }

  window.nepCharts = { drawAll: drawAll };

  // A highlighted figure's box (value, unit, period) opens below it, kept inside the
  // window even when the figure sits at the right edge of the text column.
  function placeTip(event) {
    var link = event.target.closest && event.target.closest("a.nep-figure");
    var tip = link && link.querySelector(".nep-tip");
    if (!tip) return;
    var box = link.getBoundingClientRect();
    var width = Math.min(288, window.innerWidth - 16);
    tip.style.position = "fixed";
    tip.style.width = width + "px";
    tip.style.left = Math.max(8, Math.min(box.left, window.innerWidth - width - 8)) + "px";
    tip.style.top = box.bottom + 4 + "px";
  }
  document.addEventListener("mouseover", placeTip);
  document.addEventListener("focusin", placeTip);

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
