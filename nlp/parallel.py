"""Numpy and scipy work on every core, for training: the convex fits (``nlp.fit``,
``nlp.safeguard_model``) and the distilling of word vectors (``nlp.minilm``).

``on_cores`` maps a function over independent pieces of work on a thread pool with one
worker per core (numpy's and scipy's kernels release the GIL). ``one_blas_thread`` holds BLAS
to one thread while that runs: OpenBLAS's own threads, spinning between calls, would take the
cores the pieces need; one BLAS thread also makes the results the same on machines with
different numbers of cores.

``RowBlocks`` splits a sparse matrix into row blocks of equal work (non-zeros) for its
products with a dense vector or block, which scipy runs on one core: each output row is the
same sum in the same order, so the product is bit-identical to the one-core one.

Training code only: the tagger and the safeguarding detector import it when they fit, not
when they serve.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import AbstractContextManager
from functools import cache
from typing import TypeVar

import numpy
import scipy.sparse
from threadpoolctl import threadpool_limits

T, R = TypeVar("T"), TypeVar("R")


def cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


@cache
def _pool() -> ThreadPoolExecutor:
    return ThreadPoolExecutor(max_workers=cores(), thread_name_prefix="engage-nlp")


def on_cores(function: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
    """``map(function, items)``, the calls side by side on every core; results in order."""
    return _pool().map(function, items)


def one_blas_thread() -> AbstractContextManager:
    return threadpool_limits(limits=1, user_api="blas")


class RowBlocks:
    """A CSR matrix whose ``@`` with a dense vector or block runs as row blocks on every core."""

    def __init__(self, matrix: scipy.sparse.csr_matrix, parts: int | None = None) -> None:
        self.shape = matrix.shape
        share = numpy.linspace(0, matrix.nnz, (parts or cores()) + 1)[1:-1]
        cuts = [0, *numpy.searchsorted(matrix.indptr, share).tolist(), matrix.shape[0]]
        self.blocks = [matrix[a:b] for a, b in zip(cuts, cuts[1:], strict=False) if b > a] or [matrix]

    def __matmul__(self, dense: numpy.ndarray) -> numpy.ndarray:
        if len(self.blocks) == 1:
            return self.blocks[0] @ dense
        return numpy.concatenate(list(on_cores(lambda block: block @ dense, self.blocks)))
