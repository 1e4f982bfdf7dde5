"""Reading WXR: the real WordPress export, times, and hostile or broken files."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from byline.migration.report import ImportFileError
from byline.migration.tests import wxr_builder
from byline.migration.wordpress import wxr

FIXTURE = Path(__file__).parent / "fixtures" / "wordpress-6.xml"
NEW_YORK = zoneinfo.ZoneInfo("America/New_York")

BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]>
<rss><channel><wp:wxr_version xmlns:wp="http://wordpress.org/export/1.2/">&lol4;</wp:wxr_version></channel></rss>"""
EXTERNAL_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<rss><channel><title>&secret;</title></channel></rss>"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "export.xml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_real_export_is_read_with_its_authors_attachments_and_counts():
    site = wxr.scan(FIXTURE)
    assert (site.base_url, site.wxr_version) == ("https://oldgazette.example", "1.2")
    assert site.authors["mara"].display_name == "Mara Quell"
    assert site.counts == {"post": 4, "page": 3, "attachment": 1, "wpdiscuz_form": 1}
    attachment = site.attachments["4"]
    assert attachment.meta["_wp_attached_file"] == "2024/05/red-carpet.png"
    post = next(item for item in wxr.items(FIXTURE) if item.post_id == "5")
    assert post.terms("post_tag") == [
        ("award-season", "Award season"),
        ("lena-marsh", "Lena Marsh"),
    ]
    assert [c.parent for c in post.comments][:5] == ["0", "2", "3", "4", "5"]


def test_gmt_fields_give_the_instant():
    """WordPress's *_gmt fields are UTC; the local field is ignored when they are present."""
    moment = wxr.utc_time("2024-05-14 21:30:00", "2024-05-15 01:30:00", NEW_YORK)
    assert moment == dt.datetime(2024, 5, 15, 1, 30, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("local", "expected"),
    [
        ("2024-05-16 10:00:00", dt.datetime(2024, 5, 16, 14, 0, tzinfo=dt.UTC)),  # summer: UTC-4
        ("2024-01-16 10:00:00", dt.datetime(2024, 1, 16, 15, 0, tzinfo=dt.UTC)),  # winter: UTC-5
    ],
)
def test_without_a_gmt_date_the_local_time_is_read_in_the_site_zone(local, expected):
    """Drafts have 0000-00-00 as their GMT date: the local time converts from the site's zone."""
    assert wxr.utc_time(local, "0000-00-00 00:00:00", NEW_YORK) == expected


def test_no_usable_date_is_none():
    assert wxr.utc_time("", "0000-00-00 00:00:00", NEW_YORK) is None
    assert wxr.utc_time("yesterday", "soon", NEW_YORK) is None


def test_wpdiscuz_votes_read_the_separate_counts_or_the_net_total():
    separate = 'a:2:{s:4:"like";i:4;s:7:"dislike";i:1;}'
    assert wxr.wpdiscuz_votes({"wpdiscuz_votes_seperate": separate, "wpdiscuz_votes": "3"}) == (
        4,
        1,
    )
    assert wxr.wpdiscuz_votes({"wpdiscuz_votes": "-2"}) == (0, 2)
    assert wxr.wpdiscuz_votes({"wpdiscuz_votes": "many"}) == (0, 0)


def test_a_billion_laughs_is_refused_before_any_entity_is_expanded(tmp_path):
    with pytest.raises(ImportFileError, match="DTD"):
        wxr.scan(write(tmp_path, BILLION_LAUGHS))


def test_an_external_entity_is_refused(tmp_path):
    with pytest.raises(ImportFileError, match="DTD"):
        wxr.scan(write(tmp_path, EXTERNAL_ENTITY))


def test_a_file_over_the_cap_stops_with_a_message_without_being_read_whole(tmp_path):
    """The cap is counted while streaming: a 1 GB file stops at the cap, not after loading."""
    path = tmp_path / "huge.xml"
    with path.open("w") as handle:
        handle.write(wxr_builder.HEAD)
        for n in range(2000):
            handle.write(wxr_builder.post(n + 1, content="x" * 1000))
        handle.write("</channel></rss>")
    with pytest.raises(ImportFileError, match="larger than the 100,000 bytes"):
        wxr.scan(path, limit=100_000)


def test_broken_markup_is_a_clear_error(tmp_path):
    text = wxr_builder.document(wxr_builder.post(1)).replace("</item>", "", 1)
    with pytest.raises(ImportFileError, match="not well-formed"):
        wxr.scan(write(tmp_path, text))


def test_a_file_that_is_not_a_wordpress_export_is_refused(tmp_path):
    with pytest.raises(ImportFileError, match="not a WordPress export"):
        wxr.scan(write(tmp_path, "<rss><channel><title>A feed</title></channel></rss>"))


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=400) | st.text(max_size=400).map(lambda t: t.encode()))
def test_any_bytes_parse_or_fail_with_an_import_error(tmp_path_factory, data):
    """Whatever the file holds, the reader answers with items or ImportFileError, nothing else."""
    path = tmp_path_factory.mktemp("any") / "x.xml"
    path.write_bytes(data)
    try:
        wxr.scan(path)
        list(wxr.items(path))
    except ImportFileError:
        pass


@settings(max_examples=100, deadline=None)
@given(title=st.text(max_size=80), content=st.text(max_size=300))
def test_any_post_text_survives_the_round_trip_through_xml(tmp_path_factory, title, content):
    """Text WordPress writes in CDATA comes back exactly (CDATA cannot hold "]]>")."""
    clean = [
        "".join(ch for ch in value if ch in "\t\n" or (ch >= " " and ch not in "\ufffe\uffff"))
        .replace("]]>", "")
        .replace("\r", "")
        for value in (title, content)
    ]
    path = tmp_path_factory.mktemp("post") / "x.xml"
    path.write_text(wxr_builder.document(wxr_builder.post(1, title=clean[0], content=clean[1])))
    (item,) = list(wxr.items(path))
    assert (item.title, item.content) == (clean[0], clean[1])
