"""Which origins may read the streams: the site's own always, others as the injected check says,
each answer asked once for many streams, kept briefly, and a failing check refusing."""

from __future__ import annotations

import asyncio

import pytest
from hypothesis import given
from hypothesis import strategies as st

from byline.discussion.live import origins
from byline.discussion.live.origins import Origins, configured_check
from tests.event_loops import run_apart

OWN = "https://news.example"
BLOG = "https://blog.example"


class Check:
    """A check allowing ``allowed``, counting its calls; it can be made to fail."""

    def __init__(self, *allowed: str) -> None:
        self.allowed = set(allowed)
        self.calls: list[str] = []
        self.failing = False

    def __call__(self, origin: str) -> bool:
        self.calls.append(origin)
        if self.failing:
            raise ConnectionError("the database is away")
        return origin in self.allowed


async def in_a_thread(check, origin: str) -> bool:
    # As the hub does: the check never runs on the event loop.
    return await asyncio.to_thread(check, origin)


def answers(policy: Origins, *asked: str) -> list[bool]:
    async def ask() -> list[bool]:
        return list(await asyncio.gather(*(policy.allows(origin) for origin in asked)))

    return run_apart(ask())


def test_the_sites_own_origin_is_allowed_without_asking():
    check = Check()

    assert answers(Origins(OWN, check, in_a_thread), OWN) == [True]
    assert check.calls == []


def test_without_a_check_only_the_sites_own_origin_is_allowed():
    assert answers(Origins(OWN, None, in_a_thread), OWN, BLOG, "") == [True, False, False]


def test_an_allowed_origin_is_asked_once_for_many_streams_opening_together():
    check = Check(BLOG)
    policy = Origins(OWN, check, in_a_thread)

    assert answers(policy, *[BLOG] * 20, "https://other.example") == [True] * 20 + [False]
    assert answers(policy, BLOG) == [True]
    assert sorted(check.calls) == [BLOG, "https://other.example"]


def test_an_answer_is_asked_again_once_it_is_old(monkeypatch):
    """An editor who removes a site sees its pages refused within ANSWER_SECONDS."""
    clock = [1000.0]
    monkeypatch.setattr(origins.time, "monotonic", lambda: clock[0])
    check = Check(BLOG)
    policy = Origins(OWN, check, in_a_thread)
    assert answers(policy, BLOG) == [True]

    check.allowed.clear()
    clock[0] += origins.ANSWER_SECONDS - 1
    assert answers(policy, BLOG) == [True]
    clock[0] += 2
    assert answers(policy, BLOG) == [False]
    assert check.calls == [BLOG, BLOG]


def test_a_failing_check_refuses_and_is_not_remembered(caplog):
    check = Check(BLOG)
    check.failing = True
    policy = Origins(OWN, check, in_a_thread)

    assert answers(policy, BLOG) == [False]
    assert "Cannot tell whether" in caplog.text
    check.failing = False
    assert answers(policy, BLOG) == [True]


@pytest.mark.parametrize("origin", ["null", "", "https://" + "a" * origins.LONGEST_ORIGIN])
def test_origins_no_site_can_have_are_refused_without_asking(origin):
    check = Check(origin)

    assert answers(Origins(OWN, check, in_a_thread), origin) == [False]
    assert check.calls == []


def test_made_up_origins_cannot_grow_the_remembered_answers_without_bound():
    check = Check()
    policy = Origins(OWN, check, in_a_thread)

    answers(policy, *[f"https://{n}.example" for n in range(origins.KEPT_ANSWERS + 50)])

    assert len(policy.answers) <= origins.KEPT_ANSWERS


@given(st.text(max_size=400))
def test_any_origin_header_gets_an_answer_and_only_allowed_ones_a_yes(origin):
    check = Check(BLOG)

    assert answers(Origins(OWN, check, in_a_thread), origin) == [origin in (OWN, BLOG)]


def test_the_setting_names_the_check(settings):
    settings.LIVE_EVENTS_ORIGIN_CHECK = "operator.truth"
    assert configured_check()("x") is True
    settings.LIVE_EVENTS_ORIGIN_CHECK = ""
    assert configured_check() is None
