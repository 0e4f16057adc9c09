"""The draft lifecycle state machine: every allowed and every refused transition."""

from __future__ import annotations

import itertools

import pytest

from app.core.lifecycle import (
    STATUSES,
    LifecycleError,
    Procedure,
    Step,
    TransitionRefused,
    check,
    done_before,
    is_locked,
)

CICA = Procedure((Step("agreed_ad_referendum", required=True, body="cica-swg"), Step("approved", body="cica-soc")))
DEFAULT = Procedure()
DIRECT = Procedure((Step("approved"),))

# the complete table for the CICA procedure (working-group agreement required before approval)
CICA_ALLOWED = {
    "drafting": {"open", "under_review", "on_agenda"},
    "open": {"under_review"},
    "under_review": {"open", "on_agenda", "agreed_ad_referendum", "returned", "drafting"},
    "on_agenda": {"agreed_ad_referendum", "under_review", "returned"},
    "agreed_ad_referendum": {"approved", "returned"},
    "approved": {"final", "returned"},
    "final": {"signed"},
    "signed": {"in_force"},
    "in_force": set(),
    "returned": {"drafting", "open", "under_review"},
}


@pytest.mark.parametrize("current,to", list(itertools.product(STATUSES, STATUSES)))
def test_every_transition_of_the_cica_procedure(current, to):
    if to in CICA_ALLOWED[current]:
        check(CICA, current, to)
    else:
        with pytest.raises(TransitionRefused) as exc:
            check(CICA, current, to)
        assert set(exc.value.allowed) == CICA_ALLOWED[current]
        assert f"next steps: {', '.join(exc.value.allowed) or 'none'}" in str(exc.value)


def test_out_of_order_names_the_missing_step():
    with pytest.raises(TransitionRefused) as exc:
        check(CICA, "on_agenda", "approved")
    assert exc.value.missing == "agreed_ad_referendum"
    assert "the step 'agreed_ad_referendum' (agreed ad referendum by cica-swg) must come first" in str(exc.value)
    # the refusal carries a code and its params, for the catalog to render in the reader's language
    assert exc.value.code == "transition_missing_step"
    assert exc.value.params == {"current": "on_agenda", "to": "approved", "missing": "agreed_ad_referendum",
                                "body": "cica-swg", "next": ["agreed_ad_referendum", "under_review", "returned"]}
    with pytest.raises(TransitionRefused) as exc:
        check(CICA, "agreed_ad_referendum", "final")
    assert exc.value.missing == "approved"
    with pytest.raises(TransitionRefused) as exc:
        check(CICA, "approved", "signed")
    assert exc.value.missing == "final"
    with pytest.raises(TransitionRefused) as exc:
        check(CICA, "final", "in_force")
    assert exc.value.missing == "signed"
    with pytest.raises(TransitionRefused) as exc:  # backwards: no missing step, just the next ones
        check(CICA, "final", "drafting")
    assert exc.value.missing is None and "next steps: signed" in str(exc.value)
    assert exc.value.code == "transition_refused" and exc.value.params == {"current": "final", "to": "drafting",
                                                                           "next": ["signed"]}


def test_an_optional_step_may_be_skipped_but_not_a_required_one():
    check(DEFAULT, "under_review", "approved")
    check(DEFAULT, "on_agenda", "agreed_ad_referendum")
    check(DEFAULT, "agreed_ad_referendum", "approved")
    assert set(DEFAULT.allowed("on_agenda")) == {"agreed_ad_referendum", "approved", "under_review", "returned"}
    with pytest.raises(TransitionRefused):
        check(DIRECT, "on_agenda", "agreed_ad_referendum")  # not a step of this draft
    check(DIRECT, "on_agenda", "approved")


def test_bad_procedures_are_refused():
    for steps in ((), (Step("approved"), Step("agreed_ad_referendum")), (Step("approved", required=False),),
                  (Step("approved"), Step("approved")), (Step("signed"), Step("approved"))):
        with pytest.raises(LifecycleError):
            Procedure(tuple(steps))
    with pytest.raises(LifecycleError):
        check(CICA, "drafting", "nowhere")
    with pytest.raises(LifecycleError):
        CICA.allowed("nowhere")


def test_round_trip_locks_and_progress():
    assert Procedure.from_dicts(CICA.to_dicts()) == CICA
    assert Procedure.from_dicts(None) == DEFAULT
    assert [s for s in STATUSES if is_locked(s)] == ["approved", "final", "signed", "in_force"]
    assert done_before(CICA, "agreed_ad_referendum") == ["agreed_ad_referendum"]
    assert done_before(CICA, "final") == ["agreed_ad_referendum", "approved"]
    assert done_before(CICA, "returned") == []
