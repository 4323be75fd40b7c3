"""Reference values for the Earshot autodiff tests, computed with JAX.

A small CNN + MLP (the same as in JAXReferenceTests.swift):

    conv 2->3, 3x3, stride 2, padding 1 -> tanh -> 2x2 average pool -> flatten
    -> layer norm (scale, shift) -> linear 12->6 -> GELU (tanh form) -> linear 6->4
    loss    = mean cross-entropy of the logits against `labels`
    penalty = sum((d loss / d input)^2)      (double backpropagation)

Writes the weights, input, labels, loss, d loss / d weights, penalty and
d penalty / d weights to a safetensors file (F32, little-endian), written by hand
so that only numpy and jax are needed. Linear weights are stored [in, out].
"""
import json
import struct
import sys

import jax
import jax.numpy as jnp
import numpy as np

NAMES = ["conv.weight", "conv.bias", "norm.weight", "norm.bias",
         "hidden.weight", "hidden.bias", "head.weight", "head.bias"]


def forward(params, x):
    y = jax.lax.conv_general_dilated(
        x, params["conv.weight"], window_strides=(2, 2), padding=[(1, 1), (1, 1)],
        dimension_numbers=("NCHW", "OIHW", "NCHW"), precision=jax.lax.Precision.HIGHEST)
    y = jnp.tanh(y + params["conv.bias"][None, :, None, None])
    n, c, h, w = y.shape
    y = y.reshape(n, c, h // 2, 2, w // 2, 2).mean(axis=(3, 5)).reshape(n, -1)
    mean = y.mean(axis=-1, keepdims=True)
    var = ((y - mean) ** 2).mean(axis=-1, keepdims=True)
    y = (y - mean) / jnp.sqrt(var + 1e-5) * params["norm.weight"] + params["norm.bias"]
    y = jax.nn.gelu(y @ params["hidden.weight"] + params["hidden.bias"], approximate=True)
    return y @ params["head.weight"] + params["head.bias"]


def loss_fn(params, x, labels):
    logp = jax.nn.log_softmax(forward(params, x), axis=-1)
    return -jnp.mean(jnp.take_along_axis(logp, labels[:, None], axis=1))


def penalty_fn(params, x, labels):
    g = jax.grad(loss_fn, argnums=1)(params, x, labels)
    return jnp.sum(g ** 2)


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
    rng = np.random.default_rng(2024)
    shapes = {"conv.weight": (3, 2, 3, 3), "conv.bias": (3,), "norm.weight": (12,),
              "norm.bias": (12,), "hidden.weight": (12, 6), "hidden.bias": (6,),
              "head.weight": (6, 4), "head.bias": (4,)}
    params = {k: jnp.asarray(rng.normal(0, 0.5, s), jnp.float32) for k, s in shapes.items()}
    params["norm.weight"] = params["norm.weight"] + 1
    x = jnp.asarray(rng.normal(0, 1, (2, 2, 8, 8)), jnp.float32)
    labels = jnp.asarray([1, 3], jnp.int32)

    loss, grads = jax.value_and_grad(loss_fn)(params, x, labels)
    penalty, penalty_grads = jax.value_and_grad(penalty_fn)(params, x, labels)

    out = {"input": x, "labels": labels.astype(jnp.float32), "loss": loss,
           "penalty": penalty}
    for name in NAMES:
        out[name] = params[name]
        out["grad." + name] = grads[name]
        out["penaltygrad." + name] = penalty_grads[name]
    write_safetensors(sys.argv[1], {k: np.asarray(v) for k, v in out.items()})


if __name__ == "__main__":
    main()
