// The page image viewer (templates/articles/_page_image.html): zoom in, out and fit with the buttons
// or + − 0, pan by dragging or with the arrow keys. Without this script the image shows at the
// column's width with a link to the full file. Hand-written (about 100 lines) because the libraries
// that do this (OpenSeadragon, panzoom) need tiles or inline styles the CSP forbids; sizes are set
// through the CSSOM, which the CSP allows.
(function () {
  "use strict";
  var STEP = 1.5, MOST = 8, PAN = 60;

  function setUp(figure) {
    var viewport = figure.querySelector(".page-image-viewport");
    var image = viewport.querySelector("img");
    var tools = figure.querySelector(".page-image-tools");
    var readout = figure.querySelector(".page-image-scale");
    var zoomIn = tools.querySelector('[data-zoom="in"]'), zoomOut = tools.querySelector('[data-zoom="out"]');
    var ratio = Number(image.getAttribute("width")) / Number(image.getAttribute("height")) || 1;
    var scale = 1;  // 1: the whole page fits the viewport

    figure.classList.add("is-zoomable");
    tools.hidden = false;
    viewport.tabIndex = 0;
    viewport.setAttribute("role", "region");
    viewport.setAttribute("aria-label", viewport.dataset.label);

    function fitWidth() {
      return Math.min(viewport.clientWidth, viewport.clientHeight * ratio);
    }

    // Zoom to ``next``, keeping the point at (x, y) of the viewport where it is.
    function zoomTo(next, x, y) {
      next = Math.max(1, Math.min(MOST, next));
      if (x === undefined) { x = viewport.clientWidth / 2; y = viewport.clientHeight / 2; }
      var factor = next / scale;
      var left = (viewport.scrollLeft + x) * factor - x, top = (viewport.scrollTop + y) * factor - y;
      scale = next;
      image.style.width = Math.round(fitWidth() * scale) + "px";
      viewport.scrollLeft = left;
      viewport.scrollTop = top;
      readout.textContent = Math.round(scale * 100) + "%";
      zoomIn.disabled = scale >= MOST;
      zoomOut.disabled = scale <= 1;
      figure.classList.toggle("is-zoomed", scale > 1);
    }

    tools.addEventListener("click", function (event) {
      var button = event.target.closest("button[data-zoom]");
      if (!button) { return; }
      var kind = button.dataset.zoom;
      zoomTo(kind === "in" ? scale * STEP : kind === "out" ? scale / STEP : 1);
    });

    var KEYS = {"+": "in", "=": "in", "-": "out", "_": "out", "0": "fit"};
    var ARROWS = {ArrowLeft: [-PAN, 0], ArrowRight: [PAN, 0], ArrowUp: [0, -PAN], ArrowDown: [0, PAN]};
    figure.addEventListener("keydown", function (event) {
      if (event.altKey || event.ctrlKey || event.metaKey) { return; }
      var kind = KEYS[event.key], arrow = event.target === viewport && ARROWS[event.key];
      if (!kind && !arrow) { return; }
      // Handled here: the page's own keys (← → to the next page, the editor's j/k/↑/↓) must not run.
      event.preventDefault();
      event.stopPropagation();
      if (arrow) { viewport.scrollBy(arrow[0], arrow[1]); return; }
      zoomTo(kind === "in" ? scale * STEP : kind === "out" ? scale / STEP : 1);
    });

    var drag = null;
    viewport.addEventListener("pointerdown", function (event) {
      if (event.button !== 0) { return; }
      drag = {x: event.clientX, y: event.clientY, left: viewport.scrollLeft, top: viewport.scrollTop};
      viewport.setPointerCapture(event.pointerId);
      viewport.classList.add("is-dragging");
    });
    viewport.addEventListener("pointermove", function (event) {
      if (!drag) { return; }
      viewport.scrollLeft = drag.left - (event.clientX - drag.x);
      viewport.scrollTop = drag.top - (event.clientY - drag.y);
    });
    function endDrag() { drag = null; viewport.classList.remove("is-dragging"); }
    viewport.addEventListener("pointerup", endDrag);
    viewport.addEventListener("pointercancel", endDrag);
    viewport.addEventListener("dblclick", function (event) {
      var box = viewport.getBoundingClientRect();
      zoomTo(scale * STEP, event.clientX - box.left, event.clientY - box.top);
    });
    window.addEventListener("resize", function () { zoomTo(scale); });
    zoomTo(1);
  }

  function start() {
    document.querySelectorAll("[data-page-image]").forEach(setUp);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
}());
