// ← and → go to the previous and next issue, page or article, as in e-paper readers: the page's
// <link rel="prev|next"> decides where. Ignored while typing in a field or with a modifier key held,
// so text editing and browser shortcuts keep working.
(function () {
  "use strict";
  document.addEventListener("keydown", function (event) {
    if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    var rel = event.key === "ArrowLeft" ? "prev" : event.key === "ArrowRight" ? "next" : null;
    if (!rel) return;
    var target = event.target;
    if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
    var link = document.querySelector('link[rel="' + rel + '"]');
    if (link && link.href) {
      event.preventDefault();
      window.location.assign(link.href);
    }
  });
})();
