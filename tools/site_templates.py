"""The nbconvert templates of the HTML site and the slide decks: nbconvert's own ``lab`` and
``reveal`` templates with every network script replaced by a local copy, a text alternative
on every figure, folded checks, and colours that meet WCAG AA contrast."""

from __future__ import annotations

# Pygments' "xcode" style: every token colour has at least 5:1 contrast on white and 4.6:1 on
# JupyterLab's light-grey code background (WCAG AA asks 4.5:1), unlike JupyterLab's own.
HIGHLIGHT_STYLE = "xcode"

# MathJax 2 configured as the classic Notebook did for this very package (its web font is
# STIX-Web, the only one it ships), loaded from a path relative to the page.
MATHJAX_BLOCK = """
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

# Prompts of inactive cells are drawn at half opacity (2.2:1 contrast): draw them opaque.
_CSS = """
<style>
:root { --jp-cell-prompt-not-active-opacity: 1; }
details.folded-input > summary {
  cursor: pointer; padding: 2px 0 2px var(--jp-cell-prompt-width, 64px);
  font-family: var(--jp-code-font-family); color: #3c3c3c;
}
</style>
"""

_NAV = """
<nav class="site-nav" style="font: 14px sans-serif; padding: 8px 16px; border-bottom: 1px solid #ddd;">
  <a href="index.html">Lecture 08 notebooks</a>
  {%- if resources.site_prev %} ·
  <a href="{{ resources.site_prev[0] }}">&larr; {{ resources.site_prev[1] }}</a>{% endif %}
  {%- if resources.site_next %} ·
  <a href="{{ resources.site_next[0] }}">{{ resources.site_next[1] }} &rarr;</a>{% endif %}
  {%- if resources.site_other %} ·
  <a href="{{ resources.site_other[0] }}">{{ resources.site_other[1] }}</a>{% endif %}
</nav>
"""

# The figure's own text alternative (nbconvert would write "No description has been provided").
_ALT = """
{% block data_png scoped %}
{%- set alt = output.metadata.get('image/png', {}).get('alt', '') | trim -%}
{%- if alt -%}
{{ super() | replace('<img ', '<img alt="' ~ (alt | escape_html) ~ '" ', 1) }}
{%- else -%}
{{ super() }}
{%- endif -%}
{% endblock data_png %}
"""

_FOLDED = "cell.metadata.get('jupyter', {}).get('source_hidden')"

# A folded check reads as in JupyterLab: collapsed, one click (or Enter) to open.
_FOLD_INPUT = """
{% block input_group -%}
{%- if """ + _FOLDED + """ -%}
<details class="folded-input"><summary>Show the code</summary>
{{ super() }}
</details>
{%- else -%}
{{ super() }}
{%- endif -%}
{%- endblock input_group %}
"""

# A slide has no room for a folded check: its code is left out, its output stays.
_HIDE_INPUT = """
{% block input_group -%}
{%- if not """ + _FOLDED + """ %}{{ super() }}{% endif -%}
{%- endblock input_group %}
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

_COMMON = (
    "{% block jupyter_widgets %}{% endblock jupyter_widgets %}\n"
    "{% block html_head_js_mermaidjs %}{% endblock html_head_js_mermaidjs %}\n"
    "{% block html_head_js_mathjax %}" + MATHJAX_BLOCK + "{% endblock html_head_js_mathjax %}\n"
    "{% block html_head_css %}" + _CSS + "{% endblock html_head_css %}\n"
    + _ALT
)

TEMPLATES = {
    # The lab page without require.js, with the local MathJax and a navigation bar.
    "offline_lab.html.j2": (
        "{%- extends 'index.html.j2' -%}\n"
        "{% block html_head_js %}{% endblock html_head_js %}\n"
        "{% block body_header %}{{ super() }}" + _NAV + "{% endblock body_header %}\n"
        + _COMMON + _FOLD_INPUT
    ),
    # The reveal.js deck; reveal.js, require.js and jQuery load from the URLs the exporter is
    # given (local copies).
    "offline_reveal.html.j2": (
        "{%- extends 'index.html.j2' -%}\n"
        "{% block footer_js %}{{ super() }}" + _REVEAL_RETYPESET + "{% endblock footer_js %}\n"
        + _COMMON + _HIDE_INPUT
    ),
}
