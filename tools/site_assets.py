"""Local copies of the JavaScript the pages load, placed next to them so that the HTML site
reads and the slide decks present with no network.

* MathJax 2.7 comes from the pinned ``jupyter-server-mathjax`` package (``<out>/mathjax/``).
* reveal.js and what nbconvert's reveal.js template loads with it (require.js, jQuery) come
  from the npm packages pinned in ``package.json``, installed into ``node_modules/`` by
  ``make slides`` (``npm ci``); each keeps its path inside its package (``<out>/reveal.js/...``).
"""

from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NODE_MODULES = ROOT / "node_modules"
MATHJAX_DIR = "mathjax"
MATHJAX_SCRIPT = f"{MATHJAX_DIR}/MathJax.js?config=TeX-AMS-MML_HTMLorMML-full,Safe"

# npm package -> the files and folders of it a deck uses (licences included).
DECK_FILES = {
    "reveal.js": ["dist/reveal.js", "dist/reveal.css", "dist/theme/white.css",
                  "dist/theme/fonts/source-sans-pro", "plugin/notes/notes.js", "LICENSE"],
    "requirejs": ["require.js"],  # its licence header is in the file
    "jquery": ["dist/jquery.min.js", "LICENSE.txt"],
}
# Where the deck template finds them, relative to the deck. The "white" theme is the one whose
# font reveal.js ships (the others import theirs from Google Fonts).
REVEAL_THEME = "white"
REVEAL_URL_PREFIX = "reveal.js"
REQUIRE_JS_URL = "requirejs/require.js"
JQUERY_URL = "jquery/dist/jquery.min.js"


def copy_mathjax(out: Path) -> str:
    """Copy MathJax into ``out/mathjax`` (once) and return the pages' script URL."""
    try:
        import jupyter_server_mathjax
    except ImportError:
        raise SystemExit("jupyter-server-mathjax is not installed (pip install -r requirements.txt): "
                         "the pages need its local MathJax") from None
    dest = out / MATHJAX_DIR
    if not (dest / "MathJax.js").is_file():
        src = Path(jupyter_server_mathjax.__file__).parent / "static"
        shutil.copytree(src, dest, dirs_exist_ok=True)
    return MATHJAX_SCRIPT


def copy_deck_assets(out: Path, node_modules: Path = NODE_MODULES) -> None:
    """Copy reveal.js, require.js and jQuery from ``node_modules`` into ``out``."""
    for package, paths in DECK_FILES.items():
        for rel in paths:
            src = node_modules / package / rel
            if not src.exists():
                raise SystemExit(f"{src} is missing: run `make slides` (or `npm ci`), which installs "
                                 "the pinned packages of package.json into node_modules/")
            dest = out / package / rel
            dest.parent.mkdir(parents=True, exist_ok=True)
            if src.is_dir():
                shutil.copytree(src, dest, dirs_exist_ok=True)
            else:
                shutil.copy2(src, dest)
