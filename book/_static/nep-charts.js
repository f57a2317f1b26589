// Draws every chart of the page with the Vega bundle the book serves itself
// (_static/vega-bundle.js): no request leaves the book. Charts follow the
// theme's light/dark mode and are redrawn when the reader switches it.
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
    window.vegaEmbed(view, spec, options).then(function (result) {
      figure.dataset.drawn = "true";
      figure.dataset.drawnAt = String(Math.round(performance.now()));  // for the benchmark
      // The figure's label already describes the chart; keep the SVG from repeating it.
      var svg = view.querySelector("svg");
      if (svg) svg.setAttribute("aria-hidden", "true");
      figure._nepView = result.view;
    }).catch(function (error) {
      figure.dataset.drawn = "error";
      console.error("chart failed to draw:", error);
    });
  }

  function drawAll() {
    document.querySelectorAll("figure.nep-chart").forEach(function (figure) {
      if (figure._nepView) figure._nepView.finalize();
      draw(figure);
    });
  }

  function start() {
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

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
