// Every chart comes in the page as an SVG drawn when the book was built. Once the page
// has loaded, this brings the Vega bundle the book serves itself (_static/vega-bundle.js;
// no request leaves the book) and puts the interactive view (tooltips, dark mode) in
// each SVG's place, in a box of the same size. Charts follow the theme's light/dark
// mode and are redrawn when the reader switches it.
// On the source page, places each figure's value box inside the window.
(function () {
  "use strict";

  function isDark() {
    return document.documentElement.dataset.theme === "dark";
  }

  function draw(figure) {
    var view = figure.querySelector(".nep-chart-view");
    var specNode = figure.querySelector("script.nep-chart-spec");
    if (!view || !specNode || !window.vegaEmbed) return;
    var spec = JSON.parse(specNode.textContent);
    // The bundle's Vega-Lite compiles the spec; its $schema would only trigger a
    // version warning from vega-embed.
    delete spec.$schema;
    // The house theme comes once per book (nep-chart-config.js), not once per chart.
    if (!spec.config && window.NEP_CHART_CONFIG) spec.config = window.NEP_CHART_CONFIG;
    // vega-embed labels the view with the spec's description, which the page leaves out
    // because the view's own label (title and description) already carries it.
    if (!spec.description) spec.description = view.getAttribute("aria-label") || "";
    var options = { mode: "vega-lite", actions: false, renderer: "svg", ariaLabel: false };
    if (isDark()) options.theme = "dark";
    // Drawn aside and then swapped in, so the chart on the page never leaves its box empty.
    var drawing = document.createElement("div");
    drawing.className = "nep-chart-live";
    // A tap shows the mark's tooltip as a pointer's hover does: Vega's tooltip follows the
    // pointer's moves, which a tap does not make (the click comes after the tap has ended).
    drawing.addEventListener("click", function (event) {
      event.target.dispatchEvent(new PointerEvent("pointermove", {
        bubbles: true, clientX: event.clientX, clientY: event.clientY, pointerType: "touch" }));
    });
    window.vegaEmbed(drawing, spec, options).then(function (result) {
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
      figure._nepView = result.view;
      figure.dataset.drawn = "true";
      figure.dataset.drawnAt = String(Math.round(performance.now()));  // for the benchmark
    }).catch(function (error) {
      figure.dataset.drawn = "error";
      console.error("chart failed to draw:", error);
    });
  }

  function drawAll() {
    document.querySelectorAll("figure.nep-chart").forEach(draw);
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

  function start() {
    if (!here || !document.querySelector("figure.nep-chart")) return;
    load("nep-chart-config.js", function () { load("vega-bundle.js", interactive); });
  }

  function interactive() {
    drawAll();
    var lastDark = isDark();
    new MutationObserver(function () {
      if (isDark() !== lastDark) {
        lastDark = isDark();
        drawAll();
      }
    }).observe(document.documentElement, { attributes: true, attributeFilter: ["data-theme"] });
  }

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

  // After the load event: the bundle does not share the line with what the first paint needs.
  if (document.readyState === "complete") {
    start();
  } else {
    window.addEventListener("load", start);
  }
})();
