/* The page editor, progressively enhanced (the page works without this file: every button is a
 * plain POST form that redirects back).
 *
 * - Forms inside #editor-articles and the gather form are posted with fetch to the fragment
 *   endpoint; the answer carries the message, the page's new version and the HTML of the articles
 *   that changed, which replace their old sections (no full page reload).
 * - Keyboard: j/k or ArrowDown/ArrowUp move between blocks; s, p, [ and ] press the focused
 *   block's one-click buttons (split here, join to previous, move to previous/next article);
 *   x ticks the focused block, v moves the ticked blocks right after the focused one;
 *   Enter opens its "更多" menu; Escape closes it.
 * - One Tab stop for the whole list of blocks (a roving tabindex, as WAI-ARIA's composite widgets
 *   have): only the current block and its controls are in the Tab order, the arrows and j/k move
 *   between blocks. A 58-block page had ~300 Tab stops between the toolbar and what follows it.
 * - "编辑文字" opens an inline textarea instead of reloading the page with ?edit=.
 * No inline script and no eval: the page can be served with a strict Content-Security-Policy.
 */
(function () {
  "use strict";

  var root, status, busy = false, current = null;
  var FOCUSABLE = 'a[href], button, input:not([type="hidden"]), select, textarea, summary';

  function blocks() { return Array.prototype.slice.call(document.querySelectorAll("li.editor-block")); }

  // The roving tab stop: ``block`` and its controls in the Tab order, every other block's out of
  // it (tabindex -1, marked data-roved so that only what this did is undone). A control that has
  // its own tabindex (the hidden default button) is left alone.
  function rove(block) {
    var all = blocks();
    current = all.indexOf(block) === -1 ? all[0] || null : block;
    all.forEach(function (each) {
      var on = each === current;
      each.setAttribute("tabindex", on ? "0" : "-1");
      each.querySelectorAll(FOCUSABLE).forEach(function (control) {
        if (on && control.dataset.roved) {
          control.removeAttribute("tabindex");
          delete control.dataset.roved;
        } else if (!on && !control.hasAttribute("tabindex")) {
          control.setAttribute("tabindex", "-1");
          control.dataset.roved = "1";
        }
      });
    });
  }

  function onFocusIn(event) {
    var block = event.target.closest ? event.target.closest("li.editor-block") : null;
    if (block && block !== current) { rove(block); }
  }

  function say(message, ok) {
    if (!status) { return; }
    status.textContent = message;
    status.className = "editor-status " + (ok ? "is-success" : "is-error");
  }

  function setVersion(version) {
    document.querySelectorAll('input[name="version"]').forEach(function (input) { input.value = version; });
    var shown = document.getElementById("editor-version");
    if (shown) { shown.textContent = version; }
  }

  function fromHTML(html) {
    var template = document.createElement("template");
    template.innerHTML = html.trim();
    return template.content.firstElementChild;
  }

  function applySections(answer) {
    var sections = answer.sections || {};
    var previous = null;
    answer.order.forEach(function (id) {
      var current = document.getElementById(id);
      if (sections[id]) {
        var fresh = fromHTML(sections[id]);
        if (current) { current.replaceWith(fresh); }
        current = fresh;
      }
      if (!current) { return; }
      var expectedNext = previous ? previous.nextElementSibling : root.firstElementChild;
      if (expectedNext !== current) {
        if (previous) { previous.after(current); } else { root.prepend(current); }
      }
      previous = current;
    });
    Array.prototype.slice.call(root.children).forEach(function (child) {
      if (child.id && answer.order.indexOf(child.id) === -1) { child.remove(); }
    });
    rove(current && document.getElementById(current.id));  // new sections arrive with every control tabbable
    if (answer.toc !== undefined) { document.getElementById("editor-toc").innerHTML = answer.toc; }
    if (answer.undo !== undefined) { document.getElementById("editor-undo-last").innerHTML = answer.undo; }
  }

  function focusAnchor(anchor) {
    var target = anchor ? document.getElementById(anchor) : null;
    if (target && target.classList.contains("editor-article")) {
      target = target.querySelector("li.editor-block") || target;
    }
    if (target) {
      if (!target.hasAttribute("tabindex")) { target.setAttribute("tabindex", "-1"); }
      target.focus({preventScroll: true});
      target.scrollIntoView({block: "nearest"});
    }
  }

  function post(form, submitter) {
    if (busy) { return; }
    busy = true;
    document.body.classList.add("editor-busy");
    var data = new FormData(form);
    if (submitter && submitter.name) { data.set(submitter.name, submitter.value); }
    fetch(root.dataset.fragmentUrl, {
      method: "POST", body: data, credentials: "same-origin",
      headers: {"X-Requested-With": "fetch", "Accept": "application/json"}
    }).then(function (response) {
      if (!response.ok) { throw new Error(response.status + " " + response.statusText); }
      return response.json();
    }).then(function (answer) {
      if (answer.order) { applySections(answer); }
      if (answer.ok && form.id === "gather-form") { clearTicks(form); }
      setVersion(answer.version);
      say(answer.message, answer.ok);
      document.body.dataset.editorActions = String(Number(document.body.dataset.editorActions || 0) + 1);
      focusAnchor(answer.anchor);
    }).catch(function () {
      // Fall back on the plain form: the server answers it with a redirect and a message.
      form.dataset.plain = "1";
      if (submitter) { form.requestSubmit(submitter); } else { form.requestSubmit(); }
    }).finally(function () {
      busy = false;
      document.body.classList.remove("editor-busy");
    });
  }

  function clearTicks(gather) {
    document.querySelectorAll('input[name="blocks"]:checked').forEach(function (box) { box.checked = false; });
    gather.querySelector('input[name="after_block"]').value = "";
    gather.querySelector('input[name="after_line"]').value = "";
  }

  function moveTickedAfter(block) {
    var gather = document.getElementById("gather-form");
    gather.querySelector('input[name="after_block"]').value = block.dataset.blockId;
    gather.requestSubmit(gather.querySelector('button[value="move_ticked_after"]:not([hidden])'));
  }

  function onSubmit(event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement)) { return; }
    if (form.dataset.plain || (!root.contains(form) && form.id !== "gather-form")) { return; }
    event.preventDefault();
    post(form, event.submitter);
  }

  function focusedBlock() {
    var active = document.activeElement;
    return active && active.closest ? active.closest("li.editor-block") : null;
  }

  function moveFocus(step) {
    var all = blocks();
    if (!all.length) { return; }
    var index = all.indexOf(focusedBlock());
    var next = all[Math.min(all.length - 1, Math.max(0, index === -1 ? 0 : index + step))];
    next.focus();
    next.scrollIntoView({block: "nearest"});
  }

  var KEYS = {"s": "split", "p": "join_previous", "[": "move_to_previous", "]": "move_to_next"};

  function onKey(event) {
    if (event.altKey || event.ctrlKey || event.metaKey) { return; }
    var target = event.target;
    if (event.key === "Enter" && target.matches && target.matches('.editor-menu input[type="number"]')) {
      // Enter in a line field presses the button that follows it, not the form's first button.
      var next = target.closest("label").nextElementSibling;
      if (next && next.name === "action") { event.preventDefault(); next.click(); }
      return;
    }
    if (target.closest && target.closest("input, select, textarea, [contenteditable]")) { return; }
    var block = focusedBlock();
    if (event.key === "j" || event.key === "ArrowDown") { event.preventDefault(); moveFocus(+1); return; }
    if (event.key === "k" || event.key === "ArrowUp") { event.preventDefault(); moveFocus(-1); return; }
    if (!block) { return; }
    if (event.key === "Escape") {
      block.querySelectorAll("details[open]").forEach(function (menu) { menu.open = false; });
      block.focus();
      return;
    }
    if (event.key === "Enter" && target === block) {
      var menu = block.querySelector("details.editor-menu");
      if (menu) { event.preventDefault(); menu.open = true; menu.querySelector("summary").focus(); }
      return;
    }
    if (event.key === "x") {
      var box = block.querySelector('input[name="blocks"]');
      box.checked = !box.checked;
      return;
    }
    if (event.key === "v") { event.preventDefault(); moveTickedAfter(block); return; }
    var action = KEYS[event.key];
    if (!action) { return; }
    var button = block.querySelector('button[name="action"][value="' + action + '"]');
    if (button) { event.preventDefault(); button.click(); }
  }

  function onClick(event) {
    var link = event.target.closest ? event.target.closest("a.editor-edit-link") : null;
    if (!link) { return; }
    var block = link.closest("li.editor-block");
    var actions = block.querySelector("form.editor-block-actions");
    if (block.querySelector("form.editor-edit-text")) { return; }
    event.preventDefault();
    var form = document.createElement("form");
    form.method = "post";
    form.className = "editor-edit-text";
    form.action = actions.action;
    ["csrfmiddlewaretoken", "version", "block"].forEach(function (name) {
      var input = document.createElement("input");
      input.type = "hidden";
      input.name = name;
      input.value = actions.querySelector('input[name="' + name + '"]').value;
      form.appendChild(input);
    });
    var action = document.createElement("input");
    action.type = "hidden"; action.name = "action"; action.value = "edit_text";
    var text = document.createElement("textarea");
    text.name = "text"; text.rows = 4;
    text.value = block.querySelector(".editor-text").textContent;
    text.setAttribute("aria-label", link.textContent);
    var save = document.createElement("button");
    save.type = "submit"; save.textContent = link.dataset.saveLabel || "保存文字";
    form.append(action, text, save);
    block.querySelector(".editor-block-text").appendChild(form);
    text.focus();
  }

  document.addEventListener("DOMContentLoaded", function () {
    root = document.getElementById("editor-articles");
    status = document.getElementById("editor-status");
    if (!root || !window.fetch) { return; }
    document.body.classList.add("editor-enhanced");
    document.addEventListener("submit", onSubmit);
    document.addEventListener("keydown", onKey);
    document.addEventListener("click", onClick);
    document.addEventListener("focusin", onFocusIn);
    var anchored = location.hash ? document.getElementById(location.hash.slice(1)) : null;
    rove(anchored && anchored.closest ? anchored.closest("li.editor-block") : null);
  });
}());
