"""How much faster is the vectorised gradient field than one numerical_gradient per point?

Prints the median time of each on the same grid, in the same run, and the ratio.
Target (issue 2): at least 50x on a 200x200 grid. Not a pass/fail test.

    python benchmarks/bench_gradient_field.py [grid_size]
"""

from __future__ import annotations

import statistics
import sys
import time

import numpy as np

import gradviz as gv


def median_seconds(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main(n: int = 200) -> None:
    xs = np.linspace(-2, 2, n)
    X, Y = np.meshgrid(xs, xs)
    print(f"gradient field on a {n}x{n} grid ({n * n} points), median of repeated runs")
    for name, f in [("bowl", gv.function_2), ("Rosenbrock", gv.rosenbrock.f)]:
        fast = median_seconds(lambda f=f: gv.gradient_field(f, X, Y), repeat=15)
        slow = median_seconds(lambda f=f: gv.gradient_field_loop(f, X, Y), repeat=3)
        same = np.allclose(gv.gradient_field(f, X, Y), gv.gradient_field_loop(f, X, Y), atol=1e-9)
        print(
            f"  {name:<11} loop (baseline) {slow * 1e3:9.1f} ms | vectorised {fast * 1e3:7.2f} ms"
            f" | speed-up {slow / fast:6.0f}x | equal to 1e-9: {same}"
        )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 200)
