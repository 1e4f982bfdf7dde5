"""Search finds stories by any of their words, ranks headlines first, and survives any input."""

from __future__ import annotations

import unicodedata
from urllib.parse import parse_qs, urlsplit

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from wagtail.models import PageViewRestriction

from byline.discovery.search import (
    MAX_QUERY_LENGTH,
    MAX_TERM_LENGTH,
    MAX_TERMS,
    parse_query,
    search_articles,
)
from byline.discovery.tests.conftest import html_of, reindex
from byline.newsroom.tests.factories import (
    ArticlePageFactory,
    AuthorFactory,
    PersonFactory,
    SectionPageFactory,
    TopicFactory,
)

# Search reads the index that saves keep up to date.
pytestmark = pytest.mark.usefixtures("wagtail_indexes")

# Parsing what readers type -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "terms"),
    [
        ("Lena Marsh", ("lena", "marsh")),
        ('  "Lena"   AND  -Marsh* ', ("lena", "and", "marsh")),
        ("marsh\x00; DROP TABLE", ("marsh", "drop", "table")),
        ("o'brien & co", ("o", "brien", "co")),
        ("snake_case", ("snake", "case")),
        ("Zoë Ÿ 東京 42", ("zoë", "ÿ", "東京", "42")),
        ("ＦＵＬＬ width", ("full", "width")),
        ("marsh MARSH Marsh", ("marsh",)),
    ],
)
def test_parse_query_keeps_only_plain_words(raw, terms):
    """Operators, quotes and punctuation never reach the backend; words are folded and unique."""
    assert parse_query(raw).terms == terms


@pytest.mark.parametrize("raw", ["", "   ", "\x00\x01", "\u200b\u2028"])
def test_blank_queries_ask_for_words(raw):
    """Whitespace and invisible characters are no query at all."""
    query = parse_query(raw)

    assert query.is_blank and not query.is_searchable


def test_punctuation_only_query_is_shown_but_not_searched():
    """A query of symbols is echoed back, but there is nothing to search for."""
    query = parse_query('"*&|!()')

    assert query.text == '"*&|!()'
    assert not query.is_blank and not query.is_searchable


def test_long_queries_are_shortened_and_say_so():
    """A query is cut to its first 200 characters and 12 words, and marked as shortened."""
    query = parse_query(" ".join(f"word{n}" for n in range(100)))

    assert len(query.text) <= MAX_QUERY_LENGTH
    assert query.terms == tuple(f"word{n}" for n in range(MAX_TERMS))
    assert query.shortened
    assert not parse_query("short query").shortened


@given(st.text(max_size=2000))
def test_parse_query_yields_bounded_plain_words_for_any_input(raw):
    """Whatever arrives, the terms are a few short runs of letters and digits."""
    query = parse_query(raw)

    assert len(query.text) <= MAX_QUERY_LENGTH
    assert len(query.terms) <= MAX_TERMS
    for term in query.terms:
        assert 0 < len(term) <= MAX_TERM_LENGTH
        assert term.isalnum()
    assert all(unicodedata.category(char) != "Cc" for char in query.text)


# Finding and ranking ------------------------------------------------------------------------------


def article_with(**kwargs):
    """A live article with its tags and authors in the search index."""
    topics, people = kwargs.pop("topics", []), kwargs.pop("people", [])
    article = ArticlePageFactory(hero_image=None, **kwargs)
    article.topics.add(*topics)
    article.people.add(*people)
    article.save()
    reindex(article)
    return article


def titles_found(raw: str) -> list[str]:
    results = search_articles(parse_query(raw))
    return [article.title for article in results[0 : len(results)]]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("where", "query"),
    [
        ("headline", "Quillfeather"),
        ("standfirst", "Quillfeather"),
        ("body", "Quillfeather"),
        ("topic", "Quillfeather"),
        ("person", "Quillfeather"),
        ("author", "Quillfeather"),
    ],
)
def test_search_finds_a_word_wherever_the_story_holds_it(where, query):
    """Headline, standfirst, body, topics, people and authors are all searched."""
    fields = {
        "headline": {"title": "Quillfeather quits the show"},
        "standfirst": {"standfirst": "Quillfeather said so on Tuesday."},
        "body": {"body": [("paragraph", "<p>Then Quillfeather arrived.</p>")]},
        "topic": {"topics": [TopicFactory(name="Quillfeather Awards")]},
        "person": {"people": [PersonFactory(name="Mara Quillfeather")]},
        "author": {"authors": [AuthorFactory(name="Jo Quillfeather")]},
    }[where]
    found = article_with(**{"title": f"A story with it in the {where}", **fields})
    article_with(title="A story without it")

    assert titles_found(query.lower()) == [found.title]


@pytest.mark.django_db
def test_every_word_must_match():
    """A search for two words finds stories holding both, not either."""
    both = article_with(title="Marsh and Quill together")
    article_with(title="Marsh alone")

    assert titles_found("marsh quill") == [both.title]


@pytest.mark.django_db
def test_a_headline_match_ranks_above_a_body_only_match():
    """The story with the word in its headline comes first, however often the body repeats it."""
    body_only = article_with(
        title="An evening at the theatre",
        body=[("paragraph", "<p>Marsh, Marsh and Marsh again: everyone spoke of Marsh.</p>")],
    )
    headline = article_with(
        title="Marsh leaves the long-running drama after eleven years on the show",
        standfirst="The actor confirmed it on Tuesday.",
    )

    assert titles_found("marsh") == [headline.title, body_only.title]


@pytest.mark.django_db
def test_drafts_and_private_stories_are_never_found():
    """Only live, public stories appear in results."""
    public = article_with(title="Marsh public")
    article_with(title="Marsh draft", live=False)
    private = article_with(title="Marsh private")
    PageViewRestriction.objects.create(page=private, restriction_type="login")

    assert titles_found("marsh") == [public.title]


@pytest.mark.django_db
def test_ranked_results_slice_across_headline_and_other_matches():
    """Any slice of the results equals the same slice of the full ranked list."""
    section = SectionPageFactory()
    for n in range(3):
        article_with(parent=section, title=f"Marsh headline {n}")
        article_with(parent=section, title=f"Other {n}", standfirst="About Marsh.")
    results = search_articles(parse_query("marsh"))

    everything = [article.pk for article in results[0:6]]

    assert len(results) == 6 and len(set(everything)) == 6
    for start, stop in [(0, 2), (2, 5), (3, 4), (5, 6), (1, 6)]:
        assert [article.pk for article in results[start:stop]] == everything[start:stop]


@pytest.mark.django_db
def test_renaming_a_person_makes_their_stories_findable_by_the_new_name(
    django_capture_on_commit_callbacks,
):
    """Articles index the names of their people, so a rename re-indexes those articles."""
    person = PersonFactory(name="Lena Marsh")
    article = article_with(title="A story about her", people=[person])

    with django_capture_on_commit_callbacks(execute=True):
        person.name = "Lena Marsh-Okafor"
        person.save()

    assert titles_found("okafor") == [article.title]


# The search page ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_search_page_shows_results_and_keeps_the_query_in_pagination_links(client):
    """Past 20 results the page paginates, and its links carry the query to the next page."""
    section = SectionPageFactory()
    for n in range(21):
        ArticlePageFactory(parent=section, hero_image=None, authors=[], title=f"Marsh story {n}")

    first = html_of(client.get("/search/", {"q": "Marsh & story"}))

    summary = first.select_one(".search-summary").get_text()
    assert summary.startswith("21 stories matched “Marsh & story”")
    assert len(first.select(".teaser")) == 20
    next_link = first.select_one(".pagination a[rel=next]")["href"]
    assert parse_qs(urlsplit(next_link).query) == {"q": ["Marsh & story"], "page": ["2"]}
    second = html_of(client.get(f"/search/{next_link}"))
    assert len(second.select(".teaser")) == 1
    assert second.select_one("#search-page-q")["value"] == "Marsh & story"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("", "Type a name, a topic or a phrase"),
        ("&&& ***", "has no words to search for"),
        ("zzyzx", "No stories matched “zzyzx”"),
    ],
)
def test_search_page_explains_empty_states(client, query, message):
    """No query, a query without words and a query without results each get their own message."""
    ArticlePageFactory(title="Marsh story")

    soup = html_of(client.get("/search/", {"q": query}))

    assert message in soup.select_one("main").get_text()
    assert soup.select(".teaser") == []


@pytest.mark.django_db
def test_search_page_notes_a_shortened_query(client):
    """When a query was cut, the page says which words were used."""
    soup = html_of(client.get("/search/", {"q": "marsh " + "word " * 300}))

    assert "only its first" in soup.select_one(".search-note").get_text()


HOSTILE_QUERIES = [
    'a"b',
    '"unterminated',
    "\x00",
    "marsh\x00quill",
    "' OR 1=1 --",
    "AND OR NOT NEAR",
    "NEAR(a b)",
    "title:marsh",
    "*",
    "marsh*",
    "-marsh",
    "(((",
    "\\",
    "%s %d %%",
    "a & b | !c <-> d:*",
    "<script>alert(1)</script>",
    "🦄 emoji 🎬",
    "Zoë Saldaña",
    "東京 ドラマ",
    "\u202e reversed \u202c",
    "x" * 10_000,
    "marsh " * 2_000,
]


@pytest.mark.django_db
@pytest.mark.parametrize("query", HOSTILE_QUERIES)
def test_hostile_queries_get_a_page_not_an_error(client, query):
    """Quotes, operators, NUL bytes, markup and huge inputs all get an ordinary results page."""
    ArticlePageFactory(title="Marsh story")

    response = client.get("/search/", {"q": query})

    assert response.status_code == 200
    assert b"<script>alert(1)</script>" not in response.content


@pytest.mark.django_db
@pytest.mark.parametrize("raw", ["q=%ff%fe%00", "q=%", "q=a&q=b", "page=-1&q=marsh", "page=x&q=x"])
def test_malformed_query_strings_get_a_page_not_an_error(client, raw):
    """Broken percent-encoding, repeated and nonsense parameters are handled, never a 500."""
    ArticlePageFactory(title="Marsh story")

    assert client.get(f"/search/?{raw}").status_code == 200


@pytest.fixture
def indexed_articles(db):
    """A few indexed stories, so that hostile queries really run against the index."""
    person = PersonFactory(name="Zoë Saldaña")
    return [
        article_with(title=f"Marsh story {n}", topics=[TopicFactory()], people=[person])
        for n in range(3)
    ]


HYPOTHESIS_DB = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


# Any text a request can carry (no lone surrogates: UTF-8 cannot encode them), with the
# characters search syntaxes treat specially drawn far more often.
QUERY_TEXT = st.text(
    alphabet=st.one_of(
        st.sampled_from("\"'*()-+:^&|!<>\\%_ \x00"),
        st.characters(exclude_categories=["Cs"]),
    ),
    max_size=300,
)


@HYPOTHESIS_DB
@given(query=QUERY_TEXT)
def test_any_query_gets_a_page_not_an_error(client, indexed_articles, query):
    """For any text at all, the search page answers 200."""
    response = client.get("/search/", {"q": query})

    assert response.status_code == 200


@HYPOTHESIS_DB
@given(words=st.lists(QUERY_TEXT, min_size=1, max_size=4))
def test_any_words_reach_the_backend_without_error(indexed_articles, words):
    """Whatever words survive parsing, the backend accepts them and counts what it returns."""
    results = search_articles(parse_query(" ".join(words)))

    found = [article.pk for article in results[0:10]]
    assert len(found) == len(set(found)) == len(results)
