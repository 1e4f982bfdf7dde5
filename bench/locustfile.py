"""Locust users for the benchmark's write scenarios; bench/run.py runs them headless.

Every post goes through the real comment form with every moderation rule on at its defaults.
Each simulated writer uses a form served to it before the run began, at least the minimum
fill time earlier (the time trap), with its CSRF token; and each post comes from its own
address (X-Forwarded-For through one trusted proxy) and email address, with its own text, as
many readers posting once would (the rate limits and the repeat check still run, and pass).
Each vote, too, comes from its own address, so the votes' rate limit runs and passes.

The plan (which article, which comments, the served forms) is a JSON file named by
BENCH_LOCUST_PLAN, written by bench/run.py.
"""

from __future__ import annotations

import ipaddress
import itertools
import json
import os
import random
import time
from pathlib import Path

from locust import FastHttpUser, between, constant, task

PLAN = json.loads(Path(os.environ["BENCH_LOCUST_PLAN"]).read_text())
FRAGMENT = {"Byline-Fragment": "1"}
# Numbers from the clock, so no two runs send the same address, email or text.
NUMBERS = itertools.count(int(time.time() * 1000) * 100)
FORMS = itertools.cycle(PLAN["forms"])
BODIES = PLAN["bodies"]


def address_of(number: int) -> str:
    """A unique-local IPv6 address in a /56 of its own, so no two posts share a rate limit."""
    return str(ipaddress.IPv6Address((0xFD << 120) | (number << 72)))


class Writer(FastHttpUser):
    """A reader who has the comment form open: posts, and votes on others' comments."""

    abstract = True

    def on_start(self) -> None:
        form = next(FORMS)
        self.fields = {"csrfmiddlewaretoken": form["csrf_token"], "started": form["started"]}
        # Browsers mark a form posted from the site's own page; cached pages carry no CSRF
        # token and rely on that mark (byline/csrf.py).
        self.headers = {
            "Cookie": form["cookie"],
            "Origin": PLAN["origin"],
            "Sec-Fetch-Site": "same-origin",
            **PLAN["headers"],
        }

    def post_comment(self) -> None:
        number = next(NUMBERS)
        data = {
            **self.fields,
            "name": f"Reader {number % 10_000}",
            "email": f"reader{number}@example.org",
            "body": f"{random.choice(BODIES)} ({number})",
            "website": "",
        }
        headers = {**self.headers, **FRAGMENT, "X-Forwarded-For": address_of(number)}
        with self.client.post(
            PLAN["post_url"], data=data, headers=headers, name="post", catch_response=True
        ) as response:
            if response.status_code != 201:
                response.failure(f"HTTP {response.status_code}")

    def vote(self) -> None:
        """Vote as the vote button's script does, from an address of its own: votes from one
        range are rate-limited (DISCUSSION_VOTE_RATE) as one reader's, and these are many's."""
        comment = random.choice(PLAN["comment_ids"])
        data = {"csrfmiddlewaretoken": self.fields["csrfmiddlewaretoken"]}
        data["value"] = random.choice(("up", "down"))
        with self.client.post(
            f"/comments/{comment}/vote/",
            data=data,
            headers={**self.headers, **FRAGMENT, "X-Forwarded-For": address_of(next(NUMBERS))},
            name="vote",
            catch_response=True,
        ) as response:
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code}")


class Poster(Writer):
    wait_time = constant(0)

    @task
    def post(self) -> None:
        self.post_comment()


class Voter(Writer):
    wait_time = constant(0)

    @task
    def cast(self) -> None:
        self.vote()


class Reader(FastHttpUser):
    """An anonymous reader of the article the writers write on, now and then loading the next
    page of the largest thread."""

    weight = 9
    wait_time = constant(0)

    @task(4)
    def article(self) -> None:
        self.client.get(PLAN["article_url"], headers=PLAN["headers"], name="read article")

    @task(1)
    def next_page(self) -> None:
        self.client.get(
            PLAN["next_page_url"], headers={**PLAN["headers"], **FRAGMENT}, name="read next page"
        )


class FewWriter(Writer):
    """One writer in ten of the mixed load, posting or voting every second or two."""

    weight = 1
    wait_time = between(1, 2)

    @task(1)
    def post(self) -> None:
        self.post_comment()

    @task(3)
    def cast(self) -> None:
        self.vote()
