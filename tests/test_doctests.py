"""The usage examples in the docstrings of logreg run and print what they say."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import matplotlib.pyplot as plt
import numpy as np
import pytest

import logreg

MODULES = sorted(m.name for m in pkgutil.walk_packages(logreg.__path__, "logreg."))


@pytest.mark.parametrize("name", ["logreg", *MODULES])
def test_docstring_examples(name):
    module = importlib.import_module(name)
    with np.printoptions(legacy=False), plt.rc_context():
        # the examples run as a reader's code would, outside the package's namespace
        result = doctest.testmod(module, globs={**vars(module), "__name__": "__main__"},
                                 optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0, f"{result.failed} of {result.attempted} examples failed in {name}"


def test_the_public_api_has_examples():
    finder = doctest.DocTestFinder()
    examples = sum(len(t.examples) for name in ["logreg", *MODULES]
                   for t in finder.find(importlib.import_module(name)))
    assert examples >= 10, examples
