"""The type of work of an article (the Trust Project's "type of work" indicator), and the
schema.org type each one is described as.

- news: ``NewsArticle``. ``ReportageNewsArticle`` would say the piece rests on the
  publication's own reporting, which most entertainment news (built on other outlets' reports)
  does not;
- analysis: ``AnalysisNewsArticle``; opinion: ``OpinionNewsArticle`` (both NewsArticle subtypes);
- rumour round-up: ``NewsArticle``: schema.org has no type for a round-up of unconfirmed
  reports (``BackgroundNewsArticle`` is context, ``ReportageNewsArticle`` claims first-hand
  reporting), so it stays news and says what it is in ``genre``;
- sponsored: ``AdvertiserContentArticle``, the type schema.org defines for paid content (an
  Article, deliberately not a NewsArticle).
"""

from __future__ import annotations

from django.db import models


class TypeOfWork(models.TextChoices):
    NEWS = "news", "News"
    ANALYSIS = "analysis", "Analysis"
    OPINION = "opinion", "Opinion"
    RUMOUR_ROUNDUP = "rumour_roundup", "Rumour round-up"
    SPONSORED = "sponsored", "Sponsored"


SCHEMA_TYPES = {
    TypeOfWork.NEWS: "NewsArticle",
    TypeOfWork.ANALYSIS: "AnalysisNewsArticle",
    TypeOfWork.OPINION: "OpinionNewsArticle",
    TypeOfWork.RUMOUR_ROUNDUP: "NewsArticle",
    TypeOfWork.SPONSORED: "AdvertiserContentArticle",
}


def schema_type(value: str) -> str:
    """The schema.org ``@type`` of an article of this type of work (NewsArticle if unknown)."""
    return SCHEMA_TYPES.get(value, "NewsArticle")  # type: ignore[call-overload]
