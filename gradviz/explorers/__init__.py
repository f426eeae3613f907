"""The live explorers of the notebooks: one module per topic, built on ``base.Explorer``.

Read ``derivative.py`` first: it is the simplest. Every explorer follows the recipe
of ``base.py``: draw once, keep the moving artists, write ``update(**control_values)``
that moves them (and, for an expensive picture that depends on a few controls, a
static layer), hand everything to ``Explorer`` and refresh it. ``parts.py`` holds
the pieces several explorers share.

=================  ==========================================================
module             explorers
=================  ==========================================================
``derivative``     ``derivative_explorer`` (notebook 01)
``slices``         ``slice_explorer`` (notebook 02)
``gradient``       ``gradient_explorer`` (notebook 03)
``direction``      ``direction_explorer`` (notebook 03)
``descent``        ``descent_explorer`` (notebook 04)
``network``        ``update_explorer``, ``training_explorer`` (notebooks 05, 06)
``optimizers``     ``condition_explorer`` (notebook 07)
``momentum``       ``momentum_explorer`` (notebook 07)
``race``           ``race_explorer`` (notebook 08)
``landscape``      ``landscape_explorer`` (notebook 09)
=================  ==========================================================

``picture.py`` shows each explorer's figure at the width of the page;
``present(explorer)`` (``presenter.py``) switches any of them to the presenter layout
for a projector.
"""

from gradviz.explorers.base import Explorer
from gradviz.explorers.derivative import DERIVATIVE_FUNCTIONS, derivative_explorer
from gradviz.explorers.descent import descent_explorer
from gradviz.explorers.direction import direction_explorer
from gradviz.explorers.gradient import gradient_explorer
from gradviz.explorers.landscape import landscape_explorer
from gradviz.explorers.momentum import momentum_explorer
from gradviz.explorers.network import decision_image, training_explorer, update_explorer
from gradviz.explorers.optimizers import condition_explorer
from gradviz.explorers.presenter import present
from gradviz.explorers.race import race_explorer
from gradviz.explorers.slices import slice_explorer

#: Every explorer, by the name of its function, in the order the notebooks meet them.
EXPLORERS = (
    "derivative_explorer",
    "slice_explorer",
    "gradient_explorer",
    "direction_explorer",
    "descent_explorer",
    "update_explorer",
    "training_explorer",
    "condition_explorer",
    "momentum_explorer",
    "race_explorer",
    "landscape_explorer",
)

__all__ = [
    "DERIVATIVE_FUNCTIONS",
    "EXPLORERS",
    "Explorer",
    "condition_explorer",
    "decision_image",
    "derivative_explorer",
    "descent_explorer",
    "direction_explorer",
    "gradient_explorer",
    "landscape_explorer",
    "momentum_explorer",
    "present",
    "race_explorer",
    "slice_explorer",
    "training_explorer",
    "update_explorer",
]
