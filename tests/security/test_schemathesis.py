"""Schemathesis against /api/v1/openapi.json: generated requests to every operation, as
anonymous and as an admin with a Bearer token, find no 500 and no schema violation."""

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

CHECKS = (
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
)
EXAMPLES = 8


def _operations(app):
    schema = schemathesis.from_wsgi("/api/v1/openapi.json", app)
    ops = [result.ok() for result in schema.get_all_operations()]
    assert len(ops) >= 5
    return ops


def _explore(op, headers: dict, failures: list, db) -> None:
    """Run generated cases against one operation, collecting every failed check."""

    @settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))
    @given(case=op.as_strategy())
    def run(case):
        response = case.call(headers=headers)
        try:
            case.validate_response(response, checks=CHECKS)
        except AssertionError as exc:  # schemathesis raises a subclass with a readable report
            failures.append(f"{op.verbose_name}: {' '.join(str(exc).split())[:300]}")
            db.session.rollback()

    run()


@pytest.mark.parametrize("who", ["anonymous", "admin"])
def test_api_conforms_to_its_schema(
    app, db, create_user, bearer, create_event, create_summit, create_survey, create_response, who
):
    # Something in every list, so responses carry real dates and references to check.
    create_event(), create_summit(), create_survey()
    create_response("Speeding on the A60 every night")
    headers = bearer(create_user("admin")) if who == "admin" else {}
    failures: list[str] = []
    for op in _operations(app):
        _explore(op, headers, failures, db)
    assert not failures, "\n".join(sorted(set(failures)))


def test_the_spec_describes_the_error_responses(app, client):
    spec = client.get("/api/v1/openapi.json").get_json()
    assert "revoked" in spec["components"]["securitySchemes"]["bearer"]["description"]
    for path, ops in spec["paths"].items():
        for method, op in ops.items():
            for status in ("400", "401", "422", "429"):
                assert op["responses"][status]["content"]["application/json"]["schema"] == {
                    "$ref": "#/components/schemas/Errors"}, (method, path, status)
    assert "revoked" in spec["paths"]["/responses"]["get"]["responses"]["401"]["description"]
