"""Numpy and scipy work on every core, for training: the convex fits (``nlp.fit``,
``nlp.safeguard_model``) and the distilling of word vectors (``nlp.minilm``).

``core_threads`` gives a thread pool with one worker per core and holds BLAS to one thread
meanwhile: the work is split into independent pieces that run side by side (numpy's and
scipy's kernels release the GIL), and OpenBLAS's own threads, spinning between calls, would
take the cores those pieces need. One BLAS thread also makes the results the same on
machines with different numbers of cores.

``RowBlocks`` splits a sparse matrix into row blocks of equal work (non-zeros) for its
products with a dense vector or block, which scipy runs on one core: each output row is the
same sum in the same order, so the product is bit-identical to the one-core one.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from concurrent.futures import Executor, ThreadPoolExecutor
from contextlib import contextmanager

import numpy
import scipy.sparse
from threadpoolctl import threadpool_limits


def cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


@contextmanager
def core_threads() -> Iterator[Executor]:
    """A thread pool with one worker per core, BLAS held to one thread meanwhile."""
    with ThreadPoolExecutor(max_workers=cores()) as pool, threadpool_limits(limits=1, user_api="blas"):
        yield pool


class RowBlocks:
    """A CSR matrix whose ``@`` with a dense vector or block runs as row blocks on ``pool``."""

    def __init__(self, matrix: scipy.sparse.csr_matrix, pool: Executor, parts: int | None = None) -> None:
        self.matrix, self.pool, self.shape = matrix, pool, matrix.shape
        share = numpy.linspace(0, matrix.nnz, (parts or cores()) + 1)[1:-1]
        cuts = [0, *numpy.searchsorted(matrix.indptr, share).tolist(), matrix.shape[0]]
        self.blocks = [matrix[a:b] for a, b in zip(cuts, cuts[1:], strict=False) if b > a] or [matrix]

    def __matmul__(self, dense: numpy.ndarray) -> numpy.ndarray:
        if len(self.blocks) == 1:
            return self.blocks[0] @ dense
        return numpy.concatenate(list(self.pool.map(lambda block: block @ dense, self.blocks)))
