"""Links shared with tracking parameters are the same page, and hit the same cache entry."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode

import pytest
from hypothesis import given
from hypothesis import strategies as st

from byline.newsroom.tests.factories import ArticlePageFactory
from byline.pagecache.keys import (
    TRACKING_PARAMETERS,
    TRACKING_PREFIXES,
    is_tracking,
    without_tracking,
)
from byline.pagecache.nginx import DEPLOY_DIR

pytestmark = pytest.mark.django_db

SHARED_LINK = (
    "utm_source=newsletter&utm_medium=email&utm_campaign=rumours&fbclid=IwAR0x"
    "&gclid=Cj0K&msclkid=9f&mc_cid=abc&mc_eid=def"
)


def test_a_shared_link_with_tracking_parameters_hits_the_cached_page(client):
    url = ArticlePageFactory().url
    plain = client.get(url)

    shared = client.get(f"{url}?{SHARED_LINK}")

    assert shared["X-Page-Cache"] == "hit"
    assert shared.content == plain.content


def test_tracking_parameters_never_reach_the_rendered_page(client):
    url = ArticlePageFactory().url

    shared = client.get(f"{url}?{SHARED_LINK}")

    assert shared["X-Page-Cache"] == "miss"
    assert b"IwAR0x" not in shared.content
    assert shared.content == client.get(url).content


def test_other_parameters_still_make_their_own_entry(client):
    url = ArticlePageFactory().url
    client.get(f"{url}?sort=oldest")

    assert client.get(f"{url}?sort=oldest&utm_source=x")["X-Page-Cache"] == "hit"
    assert client.get(f"{url}?sort=newest&utm_source=x")["X-Page-Cache"] == "miss"


@pytest.mark.parametrize(
    ("query", "kept"),
    [
        ("", ""),
        ("utm_source=a", ""),
        ("UTM_Source=a&FBCLID=b", ""),
        ("sort=oldest&utm_term=x", "sort=oldest"),
        ("a=1&gclid=2&b=3", "a=1&b=3"),
        ("utm=1&fbclidx=2", "utm=1&fbclidx=2"),
        ("utm_source", ""),
        ("&&sort=oldest&", "sort=oldest"),
        ("utm%5Fsource=a", ""),
    ],
)
def test_without_tracking(query, kept):
    assert without_tracking(query) == kept


names = st.text(alphabet="abcdefghijklmnopqrstuvwxyz_", min_size=1, max_size=12)
pairs = st.lists(st.tuples(names | st.sampled_from(sorted(TRACKING_PARAMETERS)), st.text()))


@given(pairs)
def test_without_tracking_keeps_every_other_parameter_in_order(pairs):
    kept = parse_qsl(without_tracking(urlencode(pairs)), keep_blank_values=True)

    assert kept == [(name, value) for name, value in pairs if not is_tracking(name)]


def test_nginx_ignores_the_same_tracking_parameters():
    maps = (DEPLOY_DIR / "byline-maps.conf").read_text()
    alternatives = re.search(r"\^\(\?:\(\?:([^)]*)\)", maps).group(1).split("|")

    expected = {f"{prefix}[^&=]*" for prefix in TRACKING_PREFIXES} | TRACKING_PARAMETERS
    assert set(alternatives) == expected
