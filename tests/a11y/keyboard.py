"""Walking a page with the keyboard in Playwright: where focus is, whether it shows, and numbered
badges for a screenshot of the focus order."""

from __future__ import annotations

from pathlib import Path

from live_site import ROOT

ARTIFACTS = ROOT / "test-artifacts"

# The focused element as a test reads it: a selector-like description, whether its focus shows by
# shape (an outline of at least 2px or a box-shadow ring, on it or, for an SVG link, a thicker
# stroke on its shape), and its box.
_FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  // A date input's calendar button is a Tab stop inside the browser's own shadow tree: the input is
  // the active element without matching :focus, and the browser draws that button's focus itself.
  const inBrowserWidget = el.matches("input") && !el.matches(":focus");
  const style = getComputedStyle(el);
  const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2;
  const ring = style.boxShadow && style.boxShadow !== "none";
  const shape = el.querySelector && el.querySelector("path");
  const stroke = !!shape && parseFloat(getComputedStyle(shape).strokeWidth) >= 3;
  const box = el.getBoundingClientRect();
  const name = el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") +
    (el.className && typeof el.className === "string" ? "." + el.className.trim().split(/\\s+/).join(".") : "");
  return {name, text: (el.innerText || el.value || el.getAttribute("aria-label") || "").trim().slice(0, 30),
          visible: outline || ring || stroke || inBrowserWidget, focusVisible: el.matches(":focus-visible"),
          top: box.top, bottom: box.bottom, left: box.left, width: box.width, height: box.height};
}"""


def focused(page) -> dict | None:
    return page.evaluate(_FOCUSED)


def tab(page, *, backwards: bool = False) -> dict:
    page.keyboard.press("Shift+Tab" if backwards else "Tab")
    return focused(page)


def assert_focus_shows(stop: dict | None) -> None:
    assert stop is not None, "focus left the page"
    assert stop["visible"], f"{stop['name']} ({stop['text']}) is focused with no outline or ring"


def badge(page, number: int) -> None:
    """Pins a numbered badge to the focused element (for the focus-order screenshot). Built with
    the DOM API, not markup, so a Content-Security-Policy does not block it."""
    page.evaluate("""n => {
      const el = document.activeElement, box = el.getBoundingClientRect(), tag = document.createElement("span");
      tag.textContent = n; tag.className = "test-focus-badge";
      Object.assign(tag.style, {position: "absolute", left: (box.left + scrollX - 6) + "px", top: (box.top + scrollY - 10) + "px",
        background: "#0b57d0", color: "#fff", font: "bold 12px sans-serif", padding: "1px 5px", borderRadius: "9px", zIndex: 99});
      document.body.appendChild(tag);
    }""", number)


def screenshot(page, name: str, *, full_page: bool = False) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / name
    page.screenshot(path=str(path), full_page=full_page)
    print(f"screenshot: {path}")
    return path
