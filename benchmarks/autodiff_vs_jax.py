"""The autodiff benchmark's reference network in JAX on the CPU, for comparison.

Same network, batch and steps as `earshot-benchmarks autodiff` (see
benchmarks/EarshotBenchmarks/AutodiffNetwork.swift): a training step (forward,
backward, Adam) and a double-backprop step (gradient of loss + 0.1 * |d loss / d inputs|^2
with respect to the weights, then Adam), each jit-compiled; the median of N steps after
compilation. Prints `key value` lines (milliseconds).

Usage: python autodiff_vs_jax.py [--steps N] [--batch B]
"""
import argparse
import time

import jax
import jax.numpy as jnp
import numpy as np

HIGHEST = jax.lax.Precision.HIGHEST


def conv(x, w, b, stride, padding):
    y = jax.lax.conv_general_dilated(
        x, w, (stride, stride), [(padding, padding)] * 2,
        dimension_numbers=("NCHW", "OIHW", "NCHW"), precision=HIGHEST)
    return y + b[None, :, None, None]


def max_pool(x):
    n, c, h, w = x.shape
    x = x[:, :, : h // 2 * 2, : w // 2 * 2]
    return x.reshape(n, c, h // 2, 2, w // 2, 2).max(axis=(3, 5))


def init(key):
    shapes = {
        "f1": ((16, 3, 5, 5), 3 * 25), "f2": ((32, 16, 3, 3), 16 * 9),
        "f3": ((32, 32, 3, 3), 32 * 9), "s1": ((16, 2, 3, 3), 2 * 9),
        "s2": ((32, 16, 3, 3), 16 * 9), "fc": ((5120, 256), 5120), "head": ((256, 4), 256),
    }
    params = {}
    for name, (shape, fan_in) in shapes.items():
        key, k1, k2 = jax.random.split(key, 3)
        bound = 1 / np.sqrt(fan_in)
        out = shape[0] if len(shape) == 4 else shape[1]
        params[name + ".w"] = jax.random.uniform(k1, shape, jnp.float32, -bound, bound)
        params[name + ".b"] = jax.random.uniform(k2, (out,), jnp.float32, -bound, bound)
    return params


def forward(p, frame, spec):
    relu = jax.nn.relu
    x = relu(conv(frame, p["f1.w"], p["f1.b"], 2, 2))
    x = relu(conv(x, p["f2.w"], p["f2.b"], 2, 1))
    x = relu(conv(x, p["f3.w"], p["f3.b"], 2, 1)).reshape(frame.shape[0], -1)
    y = max_pool(relu(conv(spec, p["s1.w"], p["s1.b"], 1, 1)))
    y = max_pool(relu(conv(y, p["s2.w"], p["s2.b"], 1, 1))).reshape(spec.shape[0], -1)
    h = relu(jnp.dot(jnp.concatenate([x, y], axis=1), p["fc.w"], precision=HIGHEST) + p["fc.b"])
    return jnp.dot(h, p["head.w"], precision=HIGHEST) + p["head.b"]


def loss_fn(p, frame, spec, labels):
    logp = jax.nn.log_softmax(forward(p, frame, spec))
    return -jnp.mean(jnp.take_along_axis(logp, labels[:, None], axis=1))


def penalised_fn(p, frame, spec, labels):
    loss, (gf, gs) = jax.value_and_grad(loss_fn, argnums=(1, 2))(p, frame, spec, labels)
    return loss + 0.1 * (jnp.sum(gf ** 2) + jnp.sum(gs ** 2))


def adam(p, g, m, v, t, lr=1e-4, b1=0.9, b2=0.999, eps=1e-8):
    m = jax.tree.map(lambda m, g: b1 * m + (1 - b1) * g, m, g)
    v = jax.tree.map(lambda v, g: b2 * v + (1 - b2) * g * g, v, g)
    def update(p, m, v):
        return p - lr * (m / (1 - b1 ** t)) / (jnp.sqrt(v / (1 - b2 ** t)) + eps)
    p = jax.tree.map(update, p, m, v)
    return p, m, v


def make_step(objective):
    @jax.jit
    def step(p, m, v, t, frame, spec, labels):
        g = jax.grad(objective)(p, frame, spec, labels)
        return adam(p, g, m, v, t)
    return step


def median_ms(step, state, data, steps):
    p, m, v = state
    p, m, v = step(p, m, v, 1.0, *data)  # compile and warm up
    jax.block_until_ready(p)
    times = []
    for t in range(steps):
        start = time.perf_counter()
        p, m, v = step(p, m, v, float(t + 2), *data)
        jax.block_until_ready(p)
        times.append(time.perf_counter() - start)
    return 1000 * sorted(times)[len(times) // 2]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--steps", type=int, default=10)
    parser.add_argument("--batch", type=int, default=64)
    args = parser.parse_args()
    key = jax.random.PRNGKey(7)
    params = init(key)
    zeros = jax.tree.map(jnp.zeros_like, params)
    rng = np.random.default_rng(3)
    frame = jnp.asarray(rng.uniform(0, 1, (args.batch, 3, 64, 64)), jnp.float32)
    spec = jnp.asarray(rng.normal(0, 1, (args.batch, 2, 65, 26)), jnp.float32)
    labels = jnp.asarray(rng.integers(0, 4, args.batch), jnp.int32)
    data = (frame, spec, labels)
    train = median_ms(make_step(loss_fn), (params, zeros, zeros), data, args.steps)
    double = median_ms(make_step(penalised_fn), (params, zeros, zeros), data, args.steps)
    print(f"jax.version {jax.__version__}")
    print(f"jax.train_step_ms {train:.3f}")
    print(f"jax.double_backprop_step_ms {double:.3f}")
    print(f"jax.double_over_train {double / train:.3f}")


if __name__ == "__main__":
    main()
