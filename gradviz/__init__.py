"""gradviz: make gradients visible.

A small, readable helper package for the notebooks of the series. Import it as
``import gradviz as gv``; everything a notebook needs is available from here.
Importing it changes no global state (no matplotlib settings, no backends).
"""

from gradviz import (
    check,
    explorers,
    network_explorers,
    nn,
    optimizer_explorers,
    optimizers,
    plots,
    style,
    widgets,
)
from gradviz.calculus import (
    NonFiniteValueError,
    PrecisionWarning,
    TangentLine,
    difference_errors,
    directional_derivative,
    forward_diff,
    gradient_field,
    gradient_field_loop,
    numerical_diff,
    numerical_gradient,
    tangent_line,
)
from gradviz.descent import (
    SCHEDULES,
    Constant,
    DescentPath,
    ExponentialDecay,
    InverseTimeDecay,
    StepDecay,
    gradient_descent,
)
from gradviz.explorers import (
    derivative_explorer,
    descent_explorer,
    gradient_explorer,
    slice_explorer,
)
from gradviz.functions import (
    SURFACES,
    Surface,
    book_valley,
    bowl,
    elongated_bowl,
    function_1,
    function_1_derivative,
    function_2,
    function_2_gradient,
    rosenbrock,
    saddle,
    two_minima,
)
from gradviz.network_explorers import training_explorer, update_explorer
from gradviz.nn import (
    SimpleNet,
    TwoLayerNet,
    cross_entropy_error,
    make_blobs,
    make_spirals,
    softmax,
    train,
)
from gradviz.optimizer_explorers import (
    condition_explorer,
    momentum_explorer,
    race_explorer,
)
from gradviz.optimizers import (
    OPTIMIZERS,
    SGD,
    AdaGrad,
    Adam,
    Momentum,
    Nesterov,
    Newton,
    RMSProp,
    minimize,
)
from gradviz.plots import (
    plot_contour,
    plot_difference_errors,
    plot_function,
    plot_gradient_field,
    plot_loss,
    plot_matrix,
    plot_path,
    plot_surface3d,
    plot_tangent,
)
from gradviz.style import CLASSROOM, COLORS, classroom
from gradviz.widgets import Explorer

__version__ = "0.1.0"
