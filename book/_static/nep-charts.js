// Draws every chart of the page with the Vega bundle the book serves itself
// (_static/vega-bundle.js): no request leaves the book. Charts follow the
// theme's light/dark mode and are redrawn when the reader switches it.
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

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
