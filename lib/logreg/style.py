"""One figure style for every notebook, legible from the back of a classroom and in greyscale,
and :func:`show`, which displays a figure with its caption and text alternative.

* :func:`use_style` sets matplotlib's defaults: text at 14 pt and more (legends 13 pt) at the
  size the figure is displayed, the Okabe-Ito colour-blind-safe palette, and a different line
  style for every colour, so curves stay apart when printed in grey.
* :func:`show` renders the figure, refuses one that breaks those rules (:func:`legibility`
  says which), and displays it with its caption: the PNG carries the caption as its text
  alternative (``alt``, which the static HTML site puts on the ``<img>``), and the caption
  follows as visible text.

>>> import matplotlib
>>> matplotlib.use("Agg")
>>> import matplotlib.pyplot as plt
>>> use_style()
>>> fig, ax = plt.subplots()
>>> _ = ax.plot([0, 1], [0, 1])
>>> legibility(fig)      # no axis labels yet
['axes 1: the x axis has no label', 'axes 1: the y axis has no label']
>>> _ = ax.set(xlabel="epoch", ylabel="loss")
>>> legibility(fig)
[]
>>> plt.close(fig)
"""

from __future__ import annotations

import base64
import io
from itertools import combinations

import matplotlib as mpl
import numpy as np
from cycler import cycler
from matplotlib.axes import Axes
from matplotlib.collections import Collection, PathCollection
from matplotlib.figure import Figure
from matplotlib.legend import Legend
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle
from matplotlib.text import Text

__all__ = ["PALETTE", "LINESTYLES", "MARKERS", "RC", "use_style", "legibility", "show",
           "TEXT_PT", "LEGEND_PT", "MAX_WIDTH_IN", "DPI"]

#: Okabe-Ito colours (safe for the common colour-vision deficiencies), in class order.
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9")
#: One line style per palette colour: curves differ by more than colour.
LINESTYLES = ("-", "--", "-.", ":", (0, (5, 1, 1, 1, 1, 1)), (0, (1, 1)))
#: One marker per class.
MARKERS = ("o", "s", "^", "v", "D", "P")

TEXT_PT = 14  # smallest tick, label and title text, in points at the displayed size
LEGEND_PT = 12  # smallest legend text
DPI = 100  # figures are displayed at this resolution, one PNG pixel per screen pixel
MAX_WIDTH_IN = 10.0  # wider figures get scaled down by the notebook, and their text with them

RC = {
    "figure.figsize": (8.0, 4.5),
    "figure.dpi": DPI,
    "savefig.dpi": DPI,
    "figure.constrained_layout.use": True,
    "font.size": TEXT_PT,
    "axes.titlesize": 16,
    "axes.labelsize": 16,
    "xtick.labelsize": TEXT_PT,
    "ytick.labelsize": TEXT_PT,
    "legend.fontsize": 13,
    "legend.title_fontsize": 13,
    "legend.framealpha": 0.95,
    "lines.linewidth": 2.5,
    "lines.markersize": 8,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "axes.prop_cycle": cycler(color=PALETTE) + cycler(linestyle=LINESTYLES),
    "image.cmap": "cividis",  # perceptually uniform, readable in grey and with deuteranopia
}


def use_style() -> None:
    """Make :data:`RC` matplotlib's defaults (the notebooks call this once, in their imports)."""
    mpl.rcParams.update(RC)


# --- the rules -----------------------------------------------------------------------------

def _visible_texts(fig: Figure) -> list[tuple[Text, int, str]]:
    """Every visible, non-empty text of ``fig`` with the smallest size it may have."""
    found = []
    for text in fig.findobj(Text):
        if not text.get_visible() or not text.get_text().strip():
            continue
        if text.axes is not None and not text.axes.get_visible():
            continue
        in_legend = isinstance(_owner(text), Legend)
        found.append((text, LEGEND_PT if in_legend else TEXT_PT, "legend" if in_legend else "text"))
    return found


def _owner(text: Text) -> object:
    """The legend a text belongs to, if any."""
    for legend in text.figure.findobj(Legend):
        if text in legend.get_texts() or text is legend.get_title():
            return legend
    return None


def _has_tick_labels(axis: object) -> bool:
    return any(t.get_visible() and t.get_text().strip() for t in axis.get_ticklabels())


def _data_points(ax: Axes) -> np.ndarray:
    """Display coordinates of the data drawn in ``ax``: line vertices, scatter points, bar tops."""
    points = []
    for line in ax.get_lines():
        xy = line.get_xydata()
        if not line.get_visible() or not len(xy):
            continue
        xy = line.get_transform().transform(xy)  # data, or axes coordinates for axhline & co
        points.append(xy)
        if line.get_linestyle() not in ("None", "") and len(xy) > 1:
            t = np.linspace(0, 1, 16)[:, None, None]  # a segment passes between its ends too
            points.append((xy[:-1] + t * (xy[1:] - xy[:-1])).reshape(-1, 2))
    for coll in ax.collections:
        if isinstance(coll, PathCollection) and coll.get_visible():
            offsets = coll.get_offsets()
            if len(offsets):
                points.append(coll.get_offset_transform().transform(offsets))
    for patch in ax.patches:
        if isinstance(patch, Rectangle) and patch.get_visible():
            x, y, w, h = patch.get_x(), patch.get_y(), patch.get_width(), patch.get_height()
            points.append(ax.transData.transform([(x + w / 2, y + h), (x, y + h), (x + w, y + h)]))
    return np.concatenate(points) if points else np.empty((0, 2))


def _signature(handle: object) -> tuple | None:
    """What tells a legend entry apart without colour: line style and marker."""
    if isinstance(handle, Line2D):
        style = handle.get_linestyle() if handle.get_linestyle() not in ("None", "") else None
        marker = handle.get_marker() if handle.get_marker() not in ("None", "", None) else None
        dashes = tuple(handle._dash_pattern[1] or ()) if style else None
        return ("line", style, dashes, marker)
    if isinstance(handle, Collection):
        paths = handle.get_paths()
        faces = handle.get_facecolor()
        hollow = len(faces) == 0 or bool(np.all(faces[:, 3] == 0))
        return ("points", paths[0].vertices.round(3).tobytes() if paths else None, hollow)
    return None


def legibility(fig: Figure) -> list[str]:
    """What keeps ``fig`` from being read from the back of a classroom or in greyscale:
    text under :data:`TEXT_PT` (legends :data:`LEGEND_PT`), a figure wider than
    :data:`MAX_WIDTH_IN` inches, an axis with tick labels but no label, a legend over data,
    legend entries that differ only by colour. Empty when all is well."""
    _check_figure(fig)
    problems = []
    fig.canvas.draw()  # lay out: tick labels exist, legends and data have their final places
    width = fig.get_figwidth()
    if width > MAX_WIDTH_IN:
        problems.append(f"figure is {width:.1f} in wide; at most {MAX_WIDTH_IN} in is displayed "
                        "without shrinking its text")
    for text, minimum, kind in _visible_texts(fig):
        if text.get_fontsize() < minimum - 1e-9:
            problems.append(f"{kind} {text.get_text()[:30]!r} is {text.get_fontsize():.1f} pt; "
                            f"at least {minimum} pt")
    axes = [ax for ax in fig.get_axes() if ax.get_visible() and ax.axison
            and ax.get_label() != "<colorbar>"]
    for i, ax in enumerate(axes, start=1):
        name = f"axes {i}" + (f" ({ax.get_title()!r})" if ax.get_title() else "")
        for axis, letter in ((ax.xaxis, "x"), (ax.yaxis, "y")):
            if _has_tick_labels(axis) and not axis.get_label_text().strip():
                problems.append(f"{name}: the {letter} axis has no label")
        legend = ax.get_legend()
        if legend is None or not legend.get_visible():
            continue
        box = legend.get_window_extent()
        points = _data_points(ax)
        inside = (points[:, 0] > box.x0) & (points[:, 0] < box.x1) & \
                 (points[:, 1] > box.y0) & (points[:, 1] < box.y1)
        if np.any(inside):
            problems.append(f"{name}: the legend covers {int(inside.sum())} data point(s); move it "
                            "(loc=...) or outside the axes (bbox_to_anchor=(1.02, 1))")
        entries = list(zip(legend.legend_handles, (t.get_text() for t in legend.get_texts()),
                           strict=False))
        for (h1, t1), (h2, t2) in combinations(entries, 2):
            s1, s2 = _signature(h1), _signature(h2)
            if s1 is not None and s1 == s2:
                problems.append(f"{name}: legend entries {t1!r} and {t2!r} differ only by colour; "
                                "give them different line styles or markers")
    return problems


def _check_figure(fig: object) -> None:
    if not isinstance(fig, Figure):
        raise ValueError(f"fig must be a matplotlib Figure, got {type(fig).__name__}")


# --- showing ---------------------------------------------------------------------------------

def _png(fig: Figure) -> bytes:
    """The figure as PNG bytes at :data:`DPI` (no timestamp: identical on every run)."""
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=DPI, metadata={"Software": None})
    return buf.getvalue()


class _Caption:
    """The visible caption under a figure (Markdown, plain text for other viewers)."""

    def __init__(self, text: str) -> None:
        self.text = text

    def _repr_markdown_(self) -> str:
        return f"*Figure.* {self.text}"

    def __repr__(self) -> str:
        return f"Figure. {self.text}"


def show(fig: Figure, caption: str) -> None:
    """Display ``fig`` with ``caption``: what it shows and what to take from it, in plain text
    (a screen reader reads it instead of the picture; no LaTeX). Raises ValueError if the
    figure breaks a rule of :func:`legibility`. Closes the figure."""
    import matplotlib.pyplot as plt
    from IPython.display import display

    _check_figure(fig)
    if not isinstance(caption, str) or len(caption.split()) < 5:
        plt.close(fig)
        raise ValueError(f"caption must say in words what the figure shows, got {caption!r}")
    problems = legibility(fig)
    if problems:
        plt.close(fig)
        raise ValueError("figure is not legible when projected:\n  " + "\n  ".join(problems))
    png = _png(fig)
    plt.close(fig)
    display({"image/png": base64.b64encode(png).decode("ascii"), "text/plain": f"[figure] {caption}"},
            raw=True, metadata={"image/png": {"alt": caption}})
    display(_Caption(caption))
