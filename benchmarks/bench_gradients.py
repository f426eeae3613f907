"""Seconds per gradient of a two-layer network: numerical differences vs backpropagation.

Both are measured in the same run, on the same network and mini-batch of 32 points,
for several hidden sizes. Not a pass/fail test.

    python benchmarks/bench_gradients.py
"""

from __future__ import annotations

import time

import gradviz as gv


def seconds_per_call(fn, min_seconds: float = 0.3) -> float:
    calls, start = 0, time.perf_counter()
    while True:
        fn()
        calls += 1
        elapsed = time.perf_counter() - start
        if elapsed >= min_seconds:
            return elapsed / calls


def main() -> None:
    X, t = gv.make_spirals(100, classes=3, seed=0)
    xb, tb = X[:32], t[:32]
    print("one gradient of a 2-H-3 network on a batch of 32 points")
    print(f"{'hidden H':>8} {'parameters':>10} {'numerical':>12} {'backprop':>12} {'ratio':>8}")
    for hidden in [4, 16, 64, 256]:
        net = gv.TwoLayerNet(2, hidden, 3, seed=0)
        n_params = sum(p.size for p in net.params.values())
        slow = seconds_per_call(lambda net=net: net.numerical_gradient(xb, tb))
        fast = seconds_per_call(lambda net=net: net.gradient(xb, tb))
        print(
            f"{hidden:>8} {n_params:>10} {slow * 1e3:>10.2f}ms {fast * 1e3:>10.3f}ms"
            f" {slow / fast:>7.0f}x"
        )


if __name__ == "__main__":
    main()
