"""Reference values for the Earshot attribution tests, computed with JAX.

A two-modality network (the same as TwoModalityNetwork in the Swift tests):

    vision  x0 [B, 5]    -> linear 5->4 -> tanh      = e0
    audio   x1 [B, 2, 3] -> flatten -> linear 6->4 -> softplus = e1
    head    concat(e0, e1) [B, 8] -> linear 8->6 -> tanh -> linear 6->3 = logits
    target  logits[b, classes[b]]

Writes, into a safetensors file (F32, little-endian, written by hand so that only numpy
and jax are needed; linear weights stored [in, out]):

- the weights, inputs and classes;
- Integrated Gradients at the inputs from a zero baseline with K = 6 points for each rule
  (riemann_left/right/middle/trapezoid, gauss_legendre from numpy's leggauss);
- the |a| shares and net shares of the Gauss-Legendre attributions;
- for several balance-penalty configurations: the penalty lambda * mean_b D(s_b, r) with
  the smooth absolute value sqrt(a^2 + eps^2) - eps (eps = 1e-6) and its gradient with
  respect to every weight (double backpropagation through jax.grad).
"""
import json
import struct
import sys

import jax
import jax.numpy as jnp
import numpy as np

jax.config.update("jax_default_matmul_precision", "highest")

NAMES = ["vision.weight", "vision.bias", "audio.weight", "audio.bias",
         "fusion.weight", "fusion.bias", "output.weight", "output.bias"]
SHAPES = {"vision.weight": (5, 4), "vision.bias": (4,), "audio.weight": (6, 4),
          "audio.bias": (4,), "fusion.weight": (8, 6), "fusion.bias": (6,),
          "output.weight": (6, 3), "output.bias": (3,)}
CLASSES = np.array([0, 2, 1])
EPS = 1e-6
LOG_FLOOR = 1e-6
RULES = ["riemann_left", "riemann_right", "riemann_middle", "riemann_trapezoid",
         "gauss_legendre"]
# (name, divergence, space, net shares, target shares, lambda)
PENALTIES = [
    ("l1_inputs", "l1", "inputs", False, [0.5, 0.5], 0.5),
    ("variance_inputs", "variance", "inputs", False, [0.5, 0.5], 0.5),
    ("kl_inputs", "kl", "inputs", False, [0.5, 0.5], 0.5),
    ("variance_embeddings", "variance", "embeddings", False, [0.5, 0.5], 2.0),
    ("kl_embeddings_net", "kl", "embeddings", True, [0.3, 0.7], 1.0),
]
PENALTY_POINTS = 4


def nodes(rule, k):
    if rule == "riemann_left":
        return np.arange(k) / k, np.full(k, 1 / k)
    if rule == "riemann_right":
        return (np.arange(k) + 1) / k, np.full(k, 1 / k)
    if rule == "riemann_middle":
        return (np.arange(k) + 0.5) / k, np.full(k, 1 / k)
    if rule == "riemann_trapezoid":
        w = np.full(k, 1 / (k - 1))
        w[0] = w[-1] = 0.5 / (k - 1)
        return np.linspace(0, 1, k), w
    t, w = np.polynomial.legendre.leggauss(k)
    return (t + 1) / 2, w / 2


def embeddings(p, x0, x1):
    e0 = jnp.tanh(x0 @ p["vision.weight"] + p["vision.bias"])
    e1 = jax.nn.softplus(x1.reshape(x1.shape[0], -1) @ p["audio.weight"] + p["audio.bias"])
    return e0, e1


def head(p, e0, e1, classes):
    h = jnp.tanh(jnp.concatenate([e0, e1], axis=1) @ p["fusion.weight"] + p["fusion.bias"])
    logits = h @ p["output.weight"] + p["output.bias"]
    return jnp.take_along_axis(logits, classes[:, None], axis=1)[:, 0]


def integrated_gradients(f, xs, alphas, weights):
    """IG of the per-sample target f(*xs) -> [B] from zero baselines."""
    grad = jax.grad(lambda *zs: jnp.sum(f(*zs)), argnums=tuple(range(len(xs))))
    total = [jnp.zeros_like(x) for x in xs]
    for a, w in zip(alphas, weights):
        gs = grad(*[a * x for x in xs])
        total = [t + w * g for t, g in zip(total, gs)]
    return [x * t for x, t in zip(xs, total)]


def smooth_abs(a):
    return jnp.sqrt(a * a + EPS * EPS) - EPS


def penalty(p, x0, x1, divergence, space, net, target, lam):
    alphas, weights = nodes("gauss_legendre", PENALTY_POINTS)
    if space == "inputs":
        f = lambda a, b: head(p, *embeddings(p, a, b), CLASSES)
        xs = [x0, x1]
    else:
        f = lambda a, b: head(p, a, b, CLASSES)
        xs = list(embeddings(p, x0, x1))
    attributions = integrated_gradients(f, xs, alphas, weights)
    mags = []
    for a in attributions:
        rows = a.reshape(a.shape[0], -1)
        if net:
            mags.append(smooth_abs(rows.sum(axis=1)))
        else:
            mags.append(smooth_abs(rows).sum(axis=1))
    m = jnp.stack(mags, axis=1)
    s = m / m.sum(axis=1, keepdims=True)
    r = jnp.asarray(target)[None, :]
    if divergence == "l1":
        d = jnp.abs(s - r).sum(axis=1)
    elif divergence == "variance":
        d = ((s - r) ** 2).sum(axis=1) / s.shape[1]
    else:
        d = (r * (jnp.log(r) - jnp.log(s + LOG_FLOOR))).sum(axis=1)
    return lam * d.mean()


def shares(attributions, net):
    mags = []
    for a in attributions:
        rows = np.asarray(a, np.float64).reshape(a.shape[0], -1)
        mags.append(np.abs(rows.sum(axis=1)) if net else np.abs(rows).sum(axis=1))
    m = np.stack(mags, axis=1)
    return m / m.sum(axis=1, keepdims=True)


def write_safetensors(path, tensors):
    header, blobs, offset = {}, [], 0
    for name in sorted(tensors):
        data = np.ascontiguousarray(tensors[name], dtype="<f4")
        raw = data.tobytes()
        header[name] = {"dtype": "F32", "shape": list(data.shape),
                        "data_offsets": [offset, offset + len(raw)]}
        blobs.append(raw)
        offset += len(raw)
    header["__metadata__"] = {"jax": jax.__version__, "numpy": np.__version__}
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * ((8 - (len(text) + 8) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for raw in blobs:
            f.write(raw)


def main():
    rng = np.random.default_rng(7)
    params = {k: jnp.asarray(rng.normal(0, 0.6, s), jnp.float32) for k, s in SHAPES.items()}
    x0 = jnp.asarray(rng.normal(0, 1, (3, 5)), jnp.float32)
    x1 = jnp.asarray(rng.normal(0, 1, (3, 2, 3)), jnp.float32)
    classes = jnp.asarray(CLASSES)

    out = {"input.vision": x0, "input.audio": x1,
           "classes": np.asarray(CLASSES, np.float32)}
    for name in NAMES:
        out[name] = params[name]

    f = lambda a, b: head(params, *embeddings(params, a, b), classes)
    for rule in RULES:
        alphas, weights = nodes(rule, 6)
        ig = integrated_gradients(f, [x0, x1], alphas, weights)
        out["ig." + rule + ".vision"], out["ig." + rule + ".audio"] = ig
        if rule == "gauss_legendre":
            out["shares"] = shares(ig, net=False)
            out["netshares"] = shares(ig, net=True)

    for name, divergence, space, net, target, lam in PENALTIES:
        fn = lambda p: penalty(p, x0, x1, divergence, space, net, target, lam)
        value, grads = jax.value_and_grad(fn)(params)
        out["penalty." + name] = value
        for k in NAMES:
            out["penaltygrad." + name + "." + k] = grads[k]

    write_safetensors(sys.argv[1], {k: np.asarray(v) for k, v in out.items()})


if __name__ == "__main__":
    main()
