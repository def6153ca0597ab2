"""The trained safeguarding classifier: logistic regression over ``safeguard_features``.

One head says whether a unit (the whole text, a sentence, a window) discloses current risk;
a text's score is its best unit's. Further heads, one per category, say what kind of risk
the best unit shows. Weights, the vector table and the threshold chosen for recall live in
one directory (``$ENGAGE_SAFEGUARD_MODEL_PATH`` or ``nlp/safeguard_model/``, git-ignored),
built by ``python -m nlp train`` from the repository alone (``safeguard_train.py``).
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

import numpy
import scipy.sparse
from scipy.optimize import minimize

from nlp.safeguard_features import CONTEXT_SCALE, MAX_CHARS, Featurizer, Unit, tokenize, units

DEFAULT_PATH = Path(__file__).with_name("safeguard_model")
CATEGORIES = ("abuse", "child_at_risk", "exploitation", "threats", "self_harm", "danger")


def model_path() -> Path:
    return Path(os.environ.get("ENGAGE_SAFEGUARD_MODEL_PATH", DEFAULT_PATH))


@dataclass(frozen=True)
class Score:
    """A text's flag probability, the unit that gave it, and category probabilities there."""

    probability: float
    unit: Unit | None
    categories: dict[str, float]


def fit_logistic(
    X: scipy.sparse.csr_matrix,
    D: numpy.ndarray,
    y: numpy.ndarray,
    weights: numpy.ndarray,
    *,
    l2: float,
    dense_scale: float,
    start: tuple[numpy.ndarray, numpy.ndarray, float] | None = None,
) -> tuple[numpy.ndarray, numpy.ndarray, float]:
    """L2-regularised weighted log-loss by L-BFGS, from zeros or ``start``: deterministic.
    Sparse features seen in fewer than two units keep weight zero (they cannot generalise,
    and dropping them halves the fit)."""
    from nlp.parallel import RowBlocks, one_blas_thread  # training only: not on the serving path

    used = numpy.flatnonzero(numpy.bincount(X.indices, minlength=X.shape[1]) >= 2)
    Xu = X[:, used].tocsr()
    XuT = RowBlocks(Xu.T.tocsr())
    Xu = RowBlocks(Xu)  # the sparse products on every core
    Ds = D.astype("float64") * dense_scale
    DsT = numpy.ascontiguousarray(Ds.T)
    n_sparse, n_dense = Xu.shape[1], Ds.shape[1]

    def loss_grad(theta: numpy.ndarray) -> tuple[float, numpy.ndarray]:
        w, v, b = theta[:n_sparse], theta[n_sparse:-1], theta[-1]
        z = Xu @ w + Ds @ v + b
        p = 1.0 / (1.0 + numpy.exp(-numpy.clip(z, -30, 30)))
        loss = -numpy.sum(weights * (y * numpy.log(p + 1e-12) + (1 - y) * numpy.log(1 - p + 1e-12)))
        loss += 0.5 * l2 * (w @ w + v @ v)
        dz = weights * (p - y)
        grad = numpy.concatenate([XuT @ dz + l2 * w, DsT @ dz + l2 * v, [dz.sum()]])
        return float(loss), grad

    theta0 = numpy.zeros(n_sparse + n_dense + 1)
    if start is not None:
        theta0 = numpy.concatenate([start[0][used], start[1] / dense_scale, [start[2]]]).astype("float64")
    with one_blas_thread():
        result = minimize(loss_grad, theta0, jac=True, method="L-BFGS-B", options={"maxiter": 300, "ftol": 1e-6})
    W = numpy.zeros((X.shape[1],), dtype="float32")
    W[used] = result.x[:n_sparse]
    return W, (result.x[n_sparse:-1] * dense_scale).astype("float32"), float(result.x[-1])


class SafeguardModel:
    """Scores texts with the saved heads; ``heads[0]`` is the flag, then one per category."""

    def __init__(self, featurizer: Featurizer, W: numpy.ndarray, V: numpy.ndarray, b: numpy.ndarray, meta: dict):
        self.featurizer = featurizer
        self.W, self.V, self.b = W, V, b  # (slots, heads), (dim, heads), (heads,)
        self.meta = meta
        self.threshold = float(meta["threshold"])
        # Weak rule matches count at this score; the self-harm head flags on its own at
        # self_harm_flag and names self-harm at self_harm_min (``safeguard_train.calibrate``).
        # Models built before these were chosen: the threshold, never, and the old 0.3.
        self.support = float(meta.get("support", self.threshold))
        self.self_harm_flag = float(meta.get("self_harm_flag", 1.0))
        self.self_harm_min = float(meta.get("self_harm_min", 0.3))
        self.version = meta["version"]

    @classmethod
    def load(cls, path: Path | None = None) -> SafeguardModel:
        path = Path(path or model_path())
        meta = json.loads((path / "meta.json").read_text(encoding="utf-8"))
        with numpy.load(path / "weights.npz", allow_pickle=False) as w:
            W, V, b = w["W"], w["V"], w["b"]
        with numpy.load(path / "vectors.npz", allow_pickle=False) as v:
            keys = [str(k) for k in v["keys"]]
            featurizer = Featurizer(keys, v["table"].astype("float32"), v["idf"], float(v["default_idf"]))
        return cls(featurizer, W, V, b, meta)

    def save(self, path: Path, keys: list[str]) -> None:
        path.mkdir(parents=True, exist_ok=True)
        numpy.savez(path / "weights.npz", W=self.W, V=self.V, b=self.b)
        f = self.featurizer
        numpy.savez(
            path / "vectors.npz",
            keys=numpy.asarray(keys, dtype="U"),
            table=f.table.astype("float16"),
            idf=f.idf,
            default_idf=numpy.float32(f.default_idf),
        )
        (path / "meta.json").write_text(json.dumps(self.meta, indent=2) + "\n", encoding="utf-8")

    def unit_probabilities(self, text: str) -> tuple[list[Unit], numpy.ndarray]:
        """Every unit of ``text`` and its (flag, category...) probabilities, one row each."""
        found, probs = [], []
        for offset in range(0, max(len(text), 1), MAX_CHARS):
            piece = text[offset : offset + MAX_CHARS]
            words, spans, ends = tokenize(piece)
            cut = units(words, spans, ends)
            if not cut:
                continue
            f = self.featurizer.features(words, cut)
            dim = f.dense.shape[1]
            z = f.dense @ self.V[:dim] + self.b + CONTEXT_SCALE * (f.context_dense @ self.V[dim:])
            if len(f.context):
                z += CONTEXT_SCALE * self.W[f.context].sum(axis=0) / len(f.context) ** 0.5
            # Each non-empty block of each unit is one segment: sum its weights in one call.
            blocks = [(u, ids) for u, pair in enumerate(f.sparse) for ids in pair if len(ids)]
            if blocks:
                ids = numpy.concatenate([b[1] for b in blocks])
                starts = numpy.cumsum([0] + [len(b[1]) for b in blocks[:-1]])
                sums = numpy.add.reduceat(self.W[ids], starts, axis=0)
                scale = numpy.asarray([len(b[1]) ** -0.5 for b in blocks], dtype="float32")[:, None]
                numpy.add.at(z, [b[0] for b in blocks], sums * scale)
            probs.append(1.0 / (1.0 + numpy.exp(-numpy.clip(z, -30, 30))))
            found += [Unit(u.start, u.end, u.char_start + offset, u.char_end + offset) for u in cut]
        if not found:
            return [], numpy.zeros((0, len(self.b)))
        return found, numpy.concatenate(probs)

    def score(self, text: str) -> Score:
        found, probs = self.unit_probabilities(text)
        if not found:
            return Score(0.0, None, {})
        best = int(numpy.argmax(probs[:, 0]))
        categories = dict(zip(CATEGORIES, map(float, probs[best, 1:]), strict=True))
        return Score(float(probs[best, 0]), found[best], categories)
