// “复制引文”: copies the GB/T 7714 line to the clipboard. The button stays hidden without JavaScript
// or without the Clipboard API (the line can still be selected by hand); the result is announced in
// the live status next to it.
(function () {
  "use strict";
  if (!navigator.clipboard) return;
  document.querySelectorAll("button[data-copy-target]").forEach(function (button) {
    var source = document.getElementById(button.getAttribute("data-copy-target"));
    var status = button.parentElement.querySelector(".copy-status");
    if (!source) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(source.textContent.trim()).then(
        function () { if (status) status.textContent = "已复制"; },
        function () { if (status) status.textContent = "无法复制，请手动选取"; }
      );
    });
  });
})();
