"""Training's sparse products on every core (``nlp.parallel``): the same numbers as on one,
so a model fitted on a big machine is the model fitted on a small one."""

from __future__ import annotations

import numpy
import pytest
import scipy.sparse

from nlp.parallel import RowBlocks


@pytest.mark.parametrize("parts", [1, 2, 3, 7])
def test_row_blocks_multiply_exactly_as_scipy_does(parts):
    rng = numpy.random.default_rng(0)
    dense_rows = scipy.sparse.random(20, 900, density=0.5, format="csr", random_state=rng)  # most of the work
    sparse_rows = scipy.sparse.random(480, 900, density=0.01, format="csr", random_state=rng)
    matrix = scipy.sparse.vstack([dense_rows, sparse_rows]).tocsr()
    blocks = RowBlocks(matrix, parts)
    assert len(blocks.blocks) == parts
    for dense in (rng.standard_normal(900), rng.standard_normal((900, 16))):
        assert numpy.array_equal(blocks @ dense, matrix @ dense)


def test_an_empty_matrix_multiplies_to_an_empty_result():
    product = RowBlocks(scipy.sparse.csr_matrix((0, 5)), 2) @ numpy.ones((5, 3))
    assert product.shape == (0, 3)
