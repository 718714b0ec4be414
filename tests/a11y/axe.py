"""Running axe-core (the npm package pinned in package-lock.json, installed by scripts/test.sh with
``npm ci``) inside a Playwright page, and reading its findings.

axe is evaluated through Playwright (the DevTools protocol), not added as a <script> tag, so a
Content-Security-Policy that forbids inline scripts does not stop the audit.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import pytest

from live_site import ROOT

AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
# Impacts that fail a test; the others (moderate, minor) are listed in the output.
BLOCKING = ("critical", "serious")
WIDTHS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
# Colour schemes the browser emulates (prefers-color-scheme): every page is audited in both.
SCHEMES = ("light", "dark")
# axe leaves these "to review" rather than failing them; this project counts them as findings. An
# aria-label on a plain <div> or <span> (aria-prohibited-attr) is ignored by most screen readers.
FIRM_REVIEW_RULES = ["aria-prohibited-attr"]


@dataclass(frozen=True)
class Finding:
    where: str
    rule: str
    impact: str
    help: str
    nodes: tuple[str, ...]

    def __str__(self) -> str:
        shown = "\n      ".join(self.nodes[:4]) + ("\n      …" if len(self.nodes) > 4 else "")
        return f"[{self.impact}] {self.where}: {self.rule} — {self.help} ({len(self.nodes)} nodes)\n      {shown}"


@lru_cache(maxsize=1)
def axe_source() -> str:
    if not AXE_JS.exists():
        pytest.fail(f"{AXE_JS} is missing: run `npm ci` in {ROOT} (scripts/test.sh does it)")
    return AXE_JS.read_text(encoding="utf-8")


_RUN = """async firm => {
  const result = await axe.run(document, {resultTypes: ["violations", "incomplete"]});
  const found = result.violations.concat(result.incomplete.filter(v => firm.includes(v.id)));
  return found.map(v => ({
    rule: v.id, impact: v.impact || "minor", help: v.help,
    nodes: v.nodes.map(n => n.target.join(" ") + " :: " + (n.failureSummary || "").replace(/\\s+/g, " ").slice(0, 240)),
  }));
}"""


def audit(page, where: str) -> list[Finding]:
    """axe's violations on the page, with every <details> opened so that what it hides (search
    help, more facets, the editor's menus) is audited too."""
    page.evaluate("() => document.querySelectorAll('details').forEach(d => { d.open = true; })")
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(axe_source())
    return [Finding(where, item["rule"], item["impact"], item["help"], tuple(item["nodes"]))
            for item in page.evaluate(_RUN, FIRM_REVIEW_RULES)]


def report(findings: list[Finding]) -> list[Finding]:
    """Prints every finding (moderate and minor ones too) and returns the blocking ones."""
    for finding in sorted(findings, key=lambda f: (f.impact not in BLOCKING, f.where, f.rule)):
        print(finding)
    return [f for f in findings if f.impact in BLOCKING]
