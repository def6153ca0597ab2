"""Plan files for the tests: the shipped 2021-25 plan, the 2025-29 test fixture, and a
way to write a variant of either."""

import json
from pathlib import Path

import pytest

from engage.plan.active import DEFAULT_PLAN_FILE

FIXTURE_2025_29 = Path(__file__).resolve().parent.parent / "fixtures" / "plan_2025_29_test_fixture.json"


@pytest.fixture
def shipped_plan() -> dict:
    return json.loads(DEFAULT_PLAN_FILE.read_text())


@pytest.fixture
def fixture_plan_bytes() -> bytes:
    return FIXTURE_2025_29.read_bytes()


@pytest.fixture
def variant(shipped_plan):
    """The shipped plan changed by `change(plan)`, as the bytes of a file."""

    def _variant(change) -> bytes:
        plan = json.loads(json.dumps(shipped_plan))
        change(plan)
        return json.dumps(plan).encode()

    return _variant
