from byline.newsroom.models.authors import Author, AuthorLink
from byline.newsroom.models.images import BylineImage, BylineRendition, UsageRights
from byline.newsroom.models.pages import (
    ArticleAuthor,
    ArticlePage,
    Correction,
    HomePage,
    SectionPage,
    StandardsPage,
)
from byline.newsroom.models.publication import PublicationSettings
from byline.newsroom.models.stories import (
    StoriesIndexPage,
    StoryArrival,
    StoryPage,
    StoryStatus,
    StoryStatusEntry,
)
from byline.newsroom.models.topics import Person, TaggedPerson, TaggedTopic, Topic

__all__ = [
    "ArticleAuthor",
    "ArticlePage",
    "Author",
    "AuthorLink",
    "BylineImage",
    "BylineRendition",
    "Correction",
    "HomePage",
    "Person",
    "PublicationSettings",
    "SectionPage",
    "StandardsPage",
    "StoriesIndexPage",
    "StoryArrival",
    "StoryPage",
    "StoryStatus",
    "StoryStatusEntry",
    "TaggedPerson",
    "TaggedTopic",
    "Topic",
    "UsageRights",
]
