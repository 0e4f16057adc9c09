"""Schemathesis against Concord's own OpenAPI schema: every operation, as a secretariat officer and
as a delegate, with generated requests: no 5xx, and every answer (errors included) is what the
schema documents (status code, content type, body).

Each operation is run twice: with generated path parameters (mostly objects that do not exist:
404s, 422s) and with the ids of a real draft, version, clause and proposal, so that the happy paths
and the business-rule refusals are reached too. The number of examples per operation and mode is
small on purpose (the whole file takes under two minutes on two cores, both databases); set
``CONCORD_SCHEMATHESIS_EXAMPLES`` to run more (a run with 20 examples per operation, about 1,200
requests as the secretariat, was clean when this was written)."""

from __future__ import annotations

import os
import re

import pytest
from hypothesis import HealthCheck, given, settings

schemathesis = pytest.importorskip("schemathesis")

from schemathesis.checks import not_a_server_error  # noqa: E402
from schemathesis.specs.openapi.checks import (  # noqa: E402
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

EXAMPLES = int(os.environ.get("CONCORD_SCHEMATHESIS_EXAMPLES", "3"))
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
SKIP = ("/api/v1/auth/logout",)  # would revoke the token the run signs in with (tested in test_auth)


def _failures(app, token: str, pinned: dict) -> list[str]:
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    found: list[str] = []
    operations = 0
    for result in schema.get_all_operations():
        op = result.ok()
        if op.path in SKIP:
            continue
        operations += 1
        names = set(re.findall(r"{(\w+)}", op.path))
        modes = [{}]
        if names & set(pinned):
            modes.append({k: v for k, v in pinned.items() if k in names})
        for fixed in modes:
            seen: list[str] = []
            _one(op, fixed, token, seen)
            found.extend(seen[:2])
    assert operations > 50, f"only {operations} operations in the schema"
    return found


def _one(op, fixed: dict, token: str, seen: list[str]) -> None:
    """Run one operation's examples (path parameters ``fixed`` where given), collecting failures."""

    @given(case=op.as_strategy(path_parameters=fixed or None))
    @settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=True,
              suppress_health_check=list(HealthCheck))
    def run(case):
        case.headers = {**(case.headers or {}), "Authorization": f"Bearer {token}"}
        response = case.call()
        try:
            case.validate_response(response, checks=CHECKS)
        except BaseException as exc:  # noqa: BLE001  (a FailureGroup: collect, report all at the end)
            lines = [x.strip() for x in str(exc).splitlines() if x.startswith(("- ", "[", "    curl"))]
            seen.append(f"{op.method.upper()} {op.path} {fixed or ''}: " + " | ".join(lines)[:600])

    run()


def _seed(flow) -> dict:
    flow.open()
    key = flow.clause("1.1")["key"]
    p = flow.propose("KAZ", kind="replace", clause_key=key, proposed_text="Voluntary words.", rationale="Clearer.")
    return {"draft_id": flow.d, "number": 1, "key": key, "proposal_id": p["id"]}


def test_every_operation_as_the_secretariat(flow, app):
    pinned = _seed(flow)
    token = flow.officer["Authorization"].split()[1]
    failures = _failures(app, token, pinned)
    assert not failures, "\n".join(failures)


def test_every_operation_as_a_delegate(flow, app):
    pinned = _seed(flow)
    token = flow.h["KAZ"]["Authorization"].split()[1]
    failures = _failures(app, token, pinned)
    assert not failures, "\n".join(failures)
