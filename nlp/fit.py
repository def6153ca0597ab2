"""Fit the BOW classifier's weights by L2-regularised log-loss (scipy Newton-CG).

spaCy's ``textcat.update`` minimises squared error through the sigmoid with Adam. On
~1k short texts and ~20k sparse features that overfits rare n-grams: dev micro F1 0.47,
where the convex fit of the very same model below gives 0.75. It is also deterministic,
has one knob (``l2``) instead of epochs and learning rates, and takes seconds (Newton-CG
with exact Hessian-vector products converges in ~15 steps; L-BFGS needed hundreds).

The fit works on an explicit sparse design matrix. thinc's ``SparseLinear_v2`` adds, per
feature key, two weights at slots given by MurmurHash3 (seeds 0 and 1) of the key; we
compute the same slots and check the fitted model against thinc's own forward pass.
"""

from __future__ import annotations

import numpy
import scipy.sparse
from murmurhash.mrmr import hash as murmurhash
from scipy.optimize import minimize
from spacy.pipeline import TextCategorizer
from spacy.training import Example


def fit_textcat(textcat: TextCategorizer, examples: list[Example], *, l2: float, max_iter: int) -> tuple[float, int]:
    """Set the textcat's weights to the regularised optimum; returns (loss, iterations)."""
    linear = textcat.model.get_ref("output_layer")
    length = linear.get_dim("length")
    inputs = textcat.model.get_ref("features").predict([eg.predicted for eg in examples])
    X = design_matrix(*inputs, length=length)
    used = numpy.unique(X.indices)  # slots no training feature touches stay at zero
    Xu = X[:, used].tocsr()
    Y = numpy.asarray([[eg.reference.cats[label] for label in textcat.labels] for eg in examples], dtype="float64")
    n_used, n_out = Xu.shape[1], Y.shape[1]

    def unpack(theta: numpy.ndarray) -> tuple[numpy.ndarray, numpy.ndarray]:
        return theta[:-n_out].reshape(n_used, n_out), theta[-n_out:]

    def probs(theta: numpy.ndarray) -> numpy.ndarray:
        W, b = unpack(theta)
        return 1.0 / (1.0 + numpy.exp(-numpy.clip(Xu @ W + b, -30, 30)))

    def loss_and_gradient(theta: numpy.ndarray) -> tuple[float, numpy.ndarray]:
        W, _ = unpack(theta)
        P = probs(theta)
        loss = -numpy.sum(Y * numpy.log(P + 1e-12) + (1 - Y) * numpy.log(1 - P + 1e-12))
        dZ = P - Y
        grad_W = Xu.T @ dZ + l2 * W
        loss += 0.5 * l2 * numpy.sum(W * W)
        return float(loss), numpy.concatenate([grad_W.ravel(), dZ.sum(0)])

    def hessian_product(theta: numpy.ndarray, v: numpy.ndarray) -> numpy.ndarray:
        P = probs(theta)
        V, vb = unpack(v)
        XV = (Xu @ V + vb) * P * (1 - P)
        return numpy.concatenate([(Xu.T @ XV + l2 * V).ravel(), XV.sum(0)])

    result = minimize(
        loss_and_gradient,
        numpy.zeros(n_used * n_out + n_out),
        jac=True,
        hessp=hessian_product,
        method="Newton-CG",
        options={"maxiter": max_iter},
    )
    W_used, b = unpack(result.x)
    W = numpy.zeros((length, n_out))
    W[used] = W_used
    # thinc's layout is class-major: weight of (class c, slot i) at c * length + i.
    linear.set_param("W", numpy.ascontiguousarray(W.T, dtype="f").ravel())
    linear.set_param("b", b.astype("f"))
    _check(linear, inputs, X @ W + b)
    return float(result.fun), int(result.nit)


def design_matrix(
    keys: numpy.ndarray, values: numpy.ndarray, lengths: numpy.ndarray, *, length: int
) -> scipy.sparse.csr_matrix:
    """Rows = docs, columns = weight slots, as thinc's SparseLinear_v2 hashes them."""
    unique, inverse = numpy.unique(keys, return_inverse=True)
    slots = numpy.asarray([_slots(int(key), length) for key in unique], dtype="int64")
    rows = numpy.repeat(numpy.arange(len(lengths)), lengths)
    key_slots = slots[inverse]
    data = numpy.concatenate([values, values]).astype("float64")
    cols = numpy.concatenate([key_slots[:, 0], key_slots[:, 1]])
    matrix = scipy.sparse.csr_matrix((data, (numpy.concatenate([rows, rows]), cols)), shape=(len(lengths), length))
    matrix.sum_duplicates()
    return matrix


def _slots(key: int, length: int) -> tuple[int, int]:
    raw = key.to_bytes(8, "little")
    mask = length - 1  # length is a power of two, as the architecture guarantees
    first, second = murmurhash(raw, seed=0), murmurhash(raw, seed=1)
    return (first & 0xFFFFFFFF) & mask, (second & 0xFFFFFFFF) & mask


def _check(linear, inputs, expected_logits: numpy.ndarray) -> None:
    got = linear.predict(inputs)
    if not numpy.allclose(got, expected_logits, atol=1e-2):
        raise RuntimeError("fitted weights disagree with thinc's SparseLinear_v2 forward pass")
