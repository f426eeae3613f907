"""gradviz: make gradients visible.

A small, readable helper package for the notebooks of the series. Import it as
``import gradviz as gv``; everything a notebook needs is available from here.
Importing it changes no global state (no matplotlib settings, no backends), except
that ``GRADVIZ_LANG=zh_CN`` in the environment switches gradviz to Chinese, with a
Chinese font for figures (see ``gradviz.i18n``).
"""

from gradviz import (
    check,
    explorers,
    functions,
    i18n,
    landscape,
    landscape_plots,
    nn,
    optimizers,
    plots,
    style,
    tables,
)
from gradviz.calculus import (
    NonFiniteValueError,
    PrecisionWarning,
    TangentLine,
    ZeroGradientWarning,
    difference_errors,
    directional_derivative,
    forward_diff,
    gradient_field,
    gradient_field_loop,
    numerical_diff,
    numerical_gradient,
    signed_angle,
    tangent_line,
)
from gradviz.data import load_digits, make_blobs, make_spirals
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
    Explorer,
    condition_explorer,
    decision_image,
    derivative_explorer,
    descent_explorer,
    direction_explorer,
    gradient_explorer,
    landscape_explorer,
    momentum_explorer,
    present,
    race_explorer,
    slice_explorer,
    training_explorer,
    update_explorer,
)
from gradviz.explorers import base as widgets  # the module's name before issue 9
from gradviz.explorers import network as network_explorers  # ditto
from gradviz.explorers import optimizers as optimizer_explorers  # ditto
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
    get_surface,
    grid,
    rosenbrock,
    saddle,
    slice_curves,
    slice_planes,
    two_minima,
)
from gradviz.i18n import get_language, language, set_language
from gradviz.landscape import (
    filter_normalized_direction,
    loss_along_line,
    loss_over_plane,
    lr_range_test,
    network_objective,
    record_training,
    sharpness,
    trajectory_components,
)
from gradviz.nn import SimpleNet, TwoLayerNet, cross_entropy_error, softmax
from gradviz.optimizers import (
    OPTIMIZERS,
    RACE_METHODS,
    SGD,
    AdaGrad,
    Adam,
    Momentum,
    Nesterov,
    Newton,
    RMSProp,
    minimize,
    race,
    steps_to_reach,
)
from gradviz.plots import (
    plot_contour,
    plot_difference_errors,
    plot_directions,
    plot_function,
    plot_gradient_field,
    plot_loss,
    plot_matrix,
    plot_path,
    plot_slices,
    plot_surface3d,
    plot_tangent,
)
from gradviz.style import CLASSROOM, COLORS, classroom
from gradviz.training import BOOK_T, BOOK_W, BOOK_X, train, weight_updates

__version__ = "0.1.0"

i18n._from_environment()
