"""Render the stored, executed notebooks for reading without Python: a static HTML site or
reveal.js slide decks.

    python tools/build_site.py html     # build/html/: one page per notebook + index.html
    python tools/build_site.py slides   # build/slides/: one reveal.js deck per notebook + index.html
    python tools/build_site.py html --out /tmp/site notebooks/01_sigmoid_derivative.ipynb

Nothing is executed (the notebooks are stored with their outputs) and nothing is fetched:
the build works offline.

* HTML pages need no network to read: figures are inline ``data:`` PNGs, and equations are
  typeset by a local copy of MathJax 2.7 taken from the pinned ``jupyter-server-mathjax``
  package (copied into ``<out>/mathjax/``). The nbconvert template's other CDN scripts
  (require.js, mermaid, the widget manager) are left out: no notebook needs them once the live
  widget views are replaced by their static PNG (see :mod:`logreg.widgets`).
* Slides are nbconvert's reveal.js template. reveal.js itself (with jQuery and require.js)
  is loaded from a CDN when the deck is opened: viewing a deck as slides needs the network.
  Offline, the page still shows every slide's content as one long page, with the local
  MathJax typesetting the equations.
"""

from __future__ import annotations

import argparse
import html
import re
import shutil
import sys
import time
from pathlib import Path

import nbformat
from jinja2 import DictLoader
from nbconvert.exporters import HTMLExporter, SlidesExporter
from nbconvert.filters import markdown2html_mistune

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
MATHJAX_DIR = "mathjax"
MATHJAX_SCRIPT = f"{MATHJAX_DIR}/MathJax.js?config=TeX-AMS-MML_HTMLorMML-full,Safe"

# MathJax 2 configured as the classic Notebook did for this very package (its web font is
# STIX-Web, the only one it ships), loaded from a path relative to the page.
_MATHJAX_BLOCK = """
<script type="text/x-mathjax-config">
MathJax.Hub.Config({
  tex2jax: {inlineMath: [['$', '$'], ['\\\\(', '\\\\)']], displayMath: [['$$', '$$'], ['\\\\[', '\\\\]']],
            processEscapes: true, processEnvironments: true},
  TeX: {equationNumbers: {autoNumber: "AMS", useLabelIds: true}},
  "HTML-CSS": {availableFonts: [], imageFont: null, preferredFont: null, webFont: "STIX-Web"},
  displayAlign: "center", messageStyle: "none", showMathMenu: false
});
</script>
<script src="{{ resources.offline_mathjax_url }}"></script>
"""

_NAV = """
<nav class="site-nav" style="font: 14px sans-serif; padding: 8px 16px; border-bottom: 1px solid #ddd;">
  <a href="index.html">Lecture 08 notebooks</a>
  {%- if resources.site_prev %} ·
  <a href="{{ resources.site_prev[0] }}">&larr; {{ resources.site_prev[1] }}</a>{% endif %}
  {%- if resources.site_next %} ·
  <a href="{{ resources.site_next[0] }}">{{ resources.site_next[1] }} &rarr;</a>{% endif %}
</nav>
"""

# MathJax typesets while reveal.js hides all slides but one, so the first slide shown gets
# wrong positions; nbconvert's template re-typesets on "slidechanged" only. Do it once on "ready".
_REVEAL_RETYPESET = """
<script>
require(["{{ resources.reveal.url_prefix }}/dist/reveal.js"], function (Reveal) {
  function retypeset() {
    if (window.MathJax && MathJax.Hub) {
      MathJax.Hub.Queue(["Rerender", MathJax.Hub, Reveal.getCurrentSlide()]);
    }
  }
  if (Reveal.isReady()) { retypeset(); } else { Reveal.on("ready", retypeset); }
});
</script>
"""

TEMPLATES = {
    # The lab page without CDN scripts, with the local MathJax and a navigation bar.
    "offline_lab.html.j2": (
        "{%- extends 'index.html.j2' -%}\n"
        "{% block html_head_js %}{% endblock html_head_js %}\n"
        "{% block jupyter_widgets %}{% endblock jupyter_widgets %}\n"
        "{% block html_head_js_mermaidjs %}{% endblock html_head_js_mermaidjs %}\n"
        "{% block html_head_js_mathjax %}" + _MATHJAX_BLOCK + "{% endblock html_head_js_mathjax %}\n"
        "{% block body_header %}{{ super() }}" + _NAV + "{% endblock body_header %}\n"
    ),
    # The reveal.js deck with the local MathJax (reveal.js itself still comes from its CDN).
    "offline_reveal.html.j2": (
        "{%- extends 'index.html.j2' -%}\n"
        "{% block jupyter_widgets %}{% endblock jupyter_widgets %}\n"
        "{% block html_head_js_mermaidjs %}{% endblock html_head_js_mermaidjs %}\n"
        "{% block html_head_js_mathjax %}" + _MATHJAX_BLOCK + "{% endblock html_head_js_mathjax %}\n"
        "{% block footer_js %}{{ super() }}" + _REVEAL_RETYPESET + "{% endblock footer_js %}\n"
    ),
}


def notebooks(paths: list[Path] | None = None) -> list[Path]:
    """The notebooks to render, in lecture order (their ``NN_`` file-name prefix)."""
    if paths:
        found = sorted(Path(p).with_suffix(".ipynb") for p in paths)
    else:
        found = sorted(NOTEBOOKS.glob("*.ipynb"))
    missing = [str(p) for p in found if not p.is_file()]
    if missing:
        raise SystemExit(f"no such notebook: {', '.join(missing)}")
    if not found:
        raise SystemExit(f"no notebooks in {NOTEBOOKS}")
    return found


def static_copy(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """The notebook without live widget views: each widget output keeps its other MIME types
    (the demos' static PNG and text), and the saved widget state is dropped."""
    nb = nbformat.from_dict(nb)
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        kept = []
        for out in cell.outputs:
            data = out.get("data", {})
            data.pop(WIDGET_VIEW, None)
            if out.output_type in ("display_data", "execute_result") and not data:
                continue
            kept.append(out)
        cell.outputs = kept
    return nb


def title_and_line(nb: nbformat.NotebookNode) -> tuple[str, str]:
    """The notebook's title (its first ``# `` heading) and one line describing it: the first
    paragraph of the first markdown cell that is neither the title nor an all-italic byline,
    joined into one line."""
    first = next((c for c in nb.cells if c.cell_type == "markdown"), None)
    if first is None:
        raise ValueError("notebook has no markdown cell")
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", first.source) if p.strip()]
    title = next((p[2:].strip() for p in paragraphs if p.startswith("# ")), "")
    body = [p for p in paragraphs if not p.startswith("#")
            and not (p.startswith("*") and p.endswith("*") and not p.startswith("**"))]
    return title, body[0] if body else ""


def copy_mathjax(out: Path) -> bool:
    """Copy MathJax from the ``jupyter-server-mathjax`` package into ``out/mathjax``.
    Returns False (and the pages fall back to the CDN) if the package is missing."""
    try:
        import jupyter_server_mathjax
    except ImportError:
        return False
    src = Path(jupyter_server_mathjax.__file__).parent / "static"
    dest = out / MATHJAX_DIR
    if not (dest / "MathJax.js").is_file():
        shutil.copytree(src, dest, dirs_exist_ok=True)
    return True


def _index(kind: str, entries: list[tuple[str, str, str]], mathjax_url: str) -> str:
    def inline(markdown: str) -> str:
        return markdown2html_mistune(markdown).strip().removeprefix("<p>").removesuffix("</p>")

    items = "\n".join(
        f'  <li><a href="{html.escape(href)}">{html.escape(title)}</a><br>\n'
        f'    <span class="line">{inline(line)}</span></li>'
        for href, title, line in entries
    )
    heading = "Lecture 08 · Logistic and softmax regression"
    note = ("Slide decks: arrow keys move between slides; reveal.js is loaded from the network."
            if kind == "slides" else "Rendered notebooks with their stored outputs; reads offline.")
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>{heading} ({kind})</title>
{_MATHJAX_BLOCK.replace("{{ resources.offline_mathjax_url }}", mathjax_url)}
<style>
body {{ font: 16px/1.5 sans-serif; max-width: 50em; margin: 2em auto; padding: 0 1em; color: #222; }}
li {{ margin-bottom: 1em; }} a {{ font-weight: bold; }} .line {{ color: #444; }}
</style>
</head>
<body>
<h1>{heading}</h1>
<p>STAT 479 Deep Learning (Raschka), Lecture 08, as {len(entries)} notebooks in lecture order.
{note}</p>
<ol class="notebooks">
{items}
</ol>
</body>
</html>
"""


def build(kind: str, out: Path, paths: list[Path] | None = None) -> list[Path]:
    """Render every notebook as ``kind`` ("html" or "slides") into ``out``; return the pages
    written (the index last)."""
    if kind not in ("html", "slides"):
        raise ValueError(f"kind must be 'html' or 'slides', got {kind!r}")
    out.mkdir(parents=True, exist_ok=True)
    local = copy_mathjax(out)
    mathjax_url = MATHJAX_SCRIPT if local else HTMLExporter().mathjax_url
    if not local:
        print("warning: jupyter-server-mathjax is not installed; equations need the network "
              "(MathJax from its CDN)", file=sys.stderr)
    loader = DictLoader(TEMPLATES)
    if kind == "html":
        exporter = HTMLExporter(template_name="lab", extra_loaders=[loader],
                                template_file="offline_lab.html.j2", embed_images=True)
        suffix = ".html"
    else:
        exporter = SlidesExporter(extra_loaders=[loader], template_file="offline_reveal.html.j2",
                                  reveal_scroll=True, embed_images=True)
        suffix = ".slides.html"
    sources = notebooks(paths)
    parsed = [(p, nbformat.read(p, as_version=4)) for p in sources]
    meta = [(p.stem + suffix, *title_and_line(nb)) for p, nb in parsed]
    written = []
    for i, (path, nb) in enumerate(parsed):
        resources = {
            "metadata": {"name": meta[i][1], "path": str(path.parent)},
            "offline_mathjax_url": mathjax_url,
            "site_prev": (meta[i - 1][0], meta[i - 1][1]) if i > 0 else None,
            "site_next": (meta[i + 1][0], meta[i + 1][1]) if i + 1 < len(meta) else None,
        }
        body, _ = exporter.from_notebook_node(static_copy(nb), resources=resources)
        page = out / meta[i][0]
        page.write_text(body, encoding="utf-8")
        written.append(page)
    index = out / "index.html"
    index.write_text(_index(kind, meta, mathjax_url), encoding="utf-8")
    written.append(index)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("kind", choices=["html", "slides"])
    parser.add_argument("paths", nargs="*", type=Path, help="notebooks (default: all, in order)")
    parser.add_argument("--out", type=Path, help="output folder (default: build/<kind>)")
    args = parser.parse_args()
    out = args.out or ROOT / "build" / args.kind
    start = time.perf_counter()
    pages = build(args.kind, out, args.paths or None)
    shown = out.relative_to(ROOT) if out.resolve().is_relative_to(ROOT) else out
    print(f"{len(pages) - 1} notebooks + index -> {shown}/ ({time.perf_counter() - start:.1f} s)")


if __name__ == "__main__":
    main()
