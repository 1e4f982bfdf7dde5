"""Background work of discovery, run by the task worker."""

from __future__ import annotations

from django.tasks import task
from wagtail.search import index

from byline.newsroom.models import ArticlePage

# How an article reaches each kind of name that is indexed with it.
ARTICLE_LINKS = {
    "author": "authors__author",
    "topic": "tagged_topics__tag",
    "person": "tagged_people__tag",
}


@task()
def reindex_articles_of(kind: str, pk: int) -> int:
    """Re-index every article linked to one author, topic or person, after it was renamed.

    Articles index the names of their authors, topics and people, so a renamed person would
    otherwise stay findable only by the old name until each article is saved again.
    Returns how many articles were re-indexed.
    """
    articles = ArticlePage.objects.filter(**{ARTICLE_LINKS[kind]: pk}).distinct().order_by("pk")
    count = 0
    for article in articles.iterator(chunk_size=200):
        index.insert_or_update_object(article)
        count += 1
    return count
