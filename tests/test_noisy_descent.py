"""Noisy gradients (what a mini-batch sees) and the noise floor of a constant rate."""

import numpy as np
import pytest

from gradviz.descent import InverseTimeDecay, bowl_noise_floor, gradient_descent, noisy_gradient
from gradviz.functions import function_2, function_2_gradient


def run(lr, seed, schedule=None, steps=300, noise=2.0):
    grad = noisy_gradient(function_2_gradient, noise=noise, seed=seed)
    return gradient_descent(
        function_2, [-3.0, 4.0], lr=lr, step_num=steps, grad=grad, schedule=schedule
    )


def test_same_seed_same_run_and_zero_noise_is_exact():
    assert np.array_equal(run(0.1, seed=3).points, run(0.1, seed=3).points)
    assert not np.array_equal(run(0.1, seed=3).points, run(0.1, seed=4).points)
    exact = gradient_descent(function_2, [-3.0, 4.0], lr=0.1, step_num=50, grad=function_2_gradient)
    quiet = run(0.1, seed=0, steps=50, noise=0.0)
    assert np.array_equal(exact.points, quiet.points)


def test_noise_is_standard_normal_times_noise():
    grad = noisy_gradient(lambda x: np.zeros_like(x), noise=2.0, seed=0)
    draws = np.array([grad(np.zeros(2)) for _ in range(4000)])
    assert abs(draws.mean()) < 0.1
    assert draws.std() == pytest.approx(2.0, rel=0.05)


@pytest.mark.parametrize("lr", [0.4, 0.1, 0.02])
def test_constant_rate_settles_at_the_predicted_floor(lr):
    tails = [run(lr, seed=s).values[-100:].mean() for s in range(60)]
    assert np.mean(tails) == pytest.approx(bowl_noise_floor(lr, 2.0), rel=0.15)


def test_decaying_rate_goes_below_the_floor_of_its_starting_rate():
    decaying = np.mean([run(0.4, s, InverseTimeDecay(0.5)).values[-50:] for s in range(60)])
    constant = np.mean([run(0.4, s).values[-50:] for s in range(60)])
    slow = np.mean([run(0.02, s).values[-50:] for s in range(60)])
    assert decaying < constant / 20
    assert decaying < slow


def test_bad_arguments():
    with pytest.raises(ValueError):
        noisy_gradient(function_2_gradient, noise=-1.0)
    with pytest.raises(TypeError):
        noisy_gradient(None, noise=1.0)
    with pytest.raises(ValueError):
        bowl_noise_floor(1.0, 1.0)
