"""Render the stored, executed notebooks for reading and presenting without Python or network:
a static HTML site or reveal.js slide decks.

    python -m tools.build_site html     # build/html/: each notebook in full and its core path
    python -m tools.build_site slides   # build/slides/: one deck per notebook (core path)
    python -m tools.build_site html --out /tmp/site notebooks/01_sigmoid_derivative.ipynb

Nothing is executed (the notebooks are stored with their outputs) and nothing is fetched.

* HTML: ``NN_topic.html`` is the whole notebook, ``NN_topic.core.html`` its core path (cells
  tagged ``optional`` left out); the index links both. Checks folded out of the story
  (``source_hidden``) are folded in a ``<details>`` element: closed as in JupyterLab, open
  for a reader who wants the evidence.
* Slides: the core path only, without the folded checks' code. reveal.js, require.js and
  jQuery are copied from ``node_modules/`` (``make slides`` installs them with ``npm ci``).
* Both: every figure must carry its text alternative (``output.metadata["image/png"]["alt"]``);
  one without is an error naming the notebook and the cell. Equations are typeset by a local
  MathJax; live widget views are replaced by their static PNG (see :mod:`logreg.widgets`).
"""

from __future__ import annotations

import argparse
import html
import time
from collections.abc import Callable
from pathlib import Path

import nbformat
from jinja2 import DictLoader
from nbconvert.exporters import HTMLExporter, SlidesExporter, TemplateExporter
from nbconvert.filters import markdown2html_mistune
from traitlets.config import Config

from tools import manifest, site_assets
from tools.site_notebook import core_only, figures_without_alt, static_copy, title_and_line
from tools.site_templates import HIGHLIGHT_STYLE, MATHJAX_BLOCK, TEMPLATES

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = manifest.NOTEBOOKS_DIR
HEADING = "Lecture 08 · Logistic and softmax regression"


def notebooks(paths: list[Path] | None = None) -> list[Path]:
    """The notebooks to render, in lecture order (their ``NN_`` file-name prefix)."""
    if paths:
        found = sorted(Path(p).with_suffix(".ipynb") for p in paths)
    else:
        found = manifest.notebooks()
    missing = [str(p) for p in found if not p.is_file()]
    if missing:
        raise SystemExit(f"no such notebook: {', '.join(missing)}")
    if not found:
        raise SystemExit(f"no notebooks in {NOTEBOOKS}")
    return found


def exporter(kind: str) -> TemplateExporter:
    """nbconvert's exporter for ``kind``, with the offline templates and accessible colours."""
    config = Config({"CSSHTMLHeaderPreprocessor": {"style": HIGHLIGHT_STYLE}})
    loader = DictLoader(TEMPLATES)
    if kind == "html":
        return HTMLExporter(config=config, template_name="lab", extra_loaders=[loader],
                            template_file="offline_lab.html.j2", embed_images=True)
    return SlidesExporter(config=config, extra_loaders=[loader],
                          template_file="offline_reveal.html.j2", embed_images=True,
                          reveal_scroll=True, reveal_theme=site_assets.REVEAL_THEME,
                          reveal_url_prefix=site_assets.REVEAL_URL_PREFIX,
                          require_js_url=site_assets.REQUIRE_JS_URL,
                          jquery_url=site_assets.JQUERY_URL)


# Each kind's readings of a notebook: (file-name suffix, label, which cells).
Reading = tuple[str, str, Callable[[nbformat.NotebookNode], nbformat.NotebookNode]]
READINGS: dict[str, list[Reading]] = {
    "html": [(".html", "full notebook", lambda nb: nb), (".core.html", "core path only", core_only)],
    "slides": [(".slides.html", "slides", core_only)],
}


def check_alt_text(parsed: list[tuple[Path, nbformat.NotebookNode]]) -> None:
    """Raise ValueError naming every figure without a text alternative."""
    missing = [line for path, nb in parsed for line in figures_without_alt(nb, path)]
    if missing:
        raise ValueError(f"{len(missing)} figure(s) without a text alternative "
                         "(output.metadata['image/png']['alt']):\n  " + "\n  ".join(missing))


def build(kind: str, out: Path, paths: list[Path] | None = None) -> list[Path]:
    """Render every notebook as ``kind`` ("html" or "slides") into ``out``; return the pages
    written (the index last)."""
    if kind not in READINGS:
        raise ValueError(f"kind must be 'html' or 'slides', got {kind!r}")
    parsed = [(p, nbformat.read(p, as_version=4)) for p in notebooks(paths)]
    check_alt_text(parsed)
    out.mkdir(parents=True, exist_ok=True)
    mathjax_url = site_assets.copy_mathjax(out)
    if kind == "slides":
        site_assets.copy_deck_assets(out)
    export = exporter(kind)
    titles = [title_and_line(nb) for _, nb in parsed]
    readings = READINGS[kind]
    written = []
    for suffix, label, select in readings:
        names = [path.stem + suffix for path, _ in parsed]
        other = next(((s, other_label) for s, other_label, _ in readings if s != suffix), None)
        for i, (path, nb) in enumerate(parsed):
            title = titles[i][0] if suffix == readings[0][0] else f"{titles[i][0]} ({label})"
            resources = {
                "metadata": {"name": title, "path": str(path.parent)},
                "offline_mathjax_url": mathjax_url,
                "site_prev": (names[i - 1], titles[i - 1][0]) if i > 0 else None,
                "site_next": (names[i + 1], titles[i + 1][0]) if i + 1 < len(names) else None,
                "site_other": (path.stem + other[0], other[1]) if other else None,
            }
            body, _ = export.from_notebook_node(static_copy(select(nb)), resources=resources)
            page = out / names[i]
            page.write_text(body, encoding="utf-8")
            written.append(page)
    index = out / "index.html"
    index.write_text(_index(kind, parsed, titles, mathjax_url), encoding="utf-8")
    written.append(index)
    return written


def _index(kind: str, parsed: list[tuple[Path, nbformat.NotebookNode]],
           titles: list[tuple[str, str]], mathjax_url: str) -> str:
    def inline(markdown: str) -> str:
        return markdown2html_mistune(markdown).strip().removeprefix("<p>").removesuffix("</p>")

    items = []
    for (path, nb), (title, line) in zip(parsed, titles, strict=True):
        main_suffix = READINGS[kind][0][0]
        item = f'  <li><a href="{html.escape(path.stem + main_suffix)}">{html.escape(title)}</a>'
        if kind == "html":
            core = len(core_only(nb).cells)
            item += (f' · <a class="core" href="{html.escape(path.stem)}.core.html">core path only</a>'
                     f" ({core} of {len(nb.cells)} cells)")
        items.append(f'{item}<br>\n    <span class="line">{inline(line)}</span></li>')
    note = ("Slide decks of each notebook's core path: arrow keys move between slides; "
            "they present offline." if kind == "slides" else
            "Rendered notebooks with their stored outputs, in full or their core path only "
            "(the 75-minute lecture); reads offline.")
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>{HEADING} ({kind})</title>
{MATHJAX_BLOCK.replace("{{ resources.offline_mathjax_url }}", mathjax_url)}
<style>
body {{ font: 16px/1.5 sans-serif; max-width: 50em; margin: 2em auto; padding: 0 1em; color: #222; }}
li {{ margin-bottom: 1em; }} a {{ font-weight: bold; }} .line {{ color: #444; }}
</style>
</head>
<body>
<main>
<h1>{HEADING}</h1>
<p>STAT 479 Deep Learning (Raschka), Lecture 08, as {len(items)} notebooks in lecture order.
{note}</p>
<ol class="notebooks">
{chr(10).join(items)}
</ol>
</main>
</body>
</html>
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("kind", choices=sorted(READINGS))
    parser.add_argument("paths", nargs="*", type=Path, help="notebooks (default: all, in order)")
    parser.add_argument("--out", type=Path, help="output folder (default: build/<kind>)")
    args = parser.parse_args()
    out = args.out or ROOT / "build" / args.kind
    start = time.perf_counter()
    try:
        pages = build(args.kind, out, args.paths or None)
    except ValueError as err:
        raise SystemExit(f"error: {err}") from None
    shown = out.relative_to(ROOT) if out.resolve().is_relative_to(ROOT) else out
    print(f"{len(pages) - 1} pages + index -> {shown}/ ({time.perf_counter() - start:.1f} s)")


if __name__ == "__main__":
    main()
