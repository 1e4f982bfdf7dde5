"""Editors write articles in the Wagtail admin: drafts, revisions, preview and approval."""

from __future__ import annotations

from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.models import Workflow, WorkflowState
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from byline.newsroom.models import (
    ArticlePage,
    HomePage,
    SectionPage,
    StoriesIndexPage,
    StoryPage,
)
from byline.newsroom.tests.factories import (
    ArticlePageFactory,
    AuthorFactory,
    SectionPageFactory,
    home_page,
)


def article_form_data(*, title: str, author_id: int, **extra) -> dict:
    return nested_form_data(
        {
            "title": title,
            "slug": extra.pop("slug", "is-the-tour-off"),
            "standfirst": "Fans fear the worst after a week of silence.",
            "body": streamfield(
                [
                    ("paragraph", rich_text("<p>A source tells another outlet it is over.</p>")),
                    ("subheading", "The silence"),
                ]
            ),
            "authors": inline_formset([{"author": author_id}], min=1),
            "corrections": inline_formset([]),
            "topics": "Touring",
            "people": '"Lena Marsh"',
            **extra,
        }
    )


class ArticleStructureTests(WagtailPageTestCase):
    def test_articles_live_in_sections_and_sections_under_home(self):
        self.assertAllowedSubpageTypes(HomePage, {SectionPage, StoriesIndexPage})
        self.assertAllowedSubpageTypes(SectionPage, {ArticlePage})
        self.assertAllowedParentPageTypes(ArticlePage, {SectionPage})

    def test_stories_live_under_the_one_stories_index_under_home(self):
        self.assertAllowedSubpageTypes(StoriesIndexPage, {StoryPage})
        self.assertAllowedParentPageTypes(StoryPage, {StoriesIndexPage})
        self.assertAllowedParentPageTypes(StoriesIndexPage, {HomePage})
        self.assertEqual(StoriesIndexPage.max_count, 1)


class EditorialWorkflowTests(WagtailPageTestCase):
    def setUp(self):
        self.editor = self.login()
        self.section = SectionPageFactory()
        self.author = AuthorFactory()

    def test_editor_creates_and_publishes_an_article_through_the_admin(self):
        self.assertCanCreate(
            self.section,
            ArticlePage,
            article_form_data(title="Is the tour off?", author_id=self.author.pk),
        )

        article = ArticlePage.objects.get(slug="is-the-tour-off")
        self.assertTrue(article.live)
        self.assertEqual(article.byline_authors, [self.author])
        self.assertEqual([person.name for person in article.people.all()], ["Lena Marsh"])
        self.assertEqual(self.client.get(article.url).status_code, 200)

    def test_typing_the_title_of_a_new_page_fills_its_slug(self):
        """Wagtail's slug sync is wired to the title input of every page type, or the first
        Publish is refused with "This field is required" on the Promote tab (the browser
        journey in tests/browser/test_editing.py proves the whole of it)."""
        for model, parent in [("articlepage", self.section), ("sectionpage", home_page())]:
            with self.subTest(model):
                add_url = reverse("wagtailadmin_pages:add", args=["newsroom", model, parent.pk])
                page = BeautifulSoup(self.client.get(add_url).content, "html.parser")
                title = page.find("input", attrs={"name": "title"})

                self.assertIn("w-sync", title.get("data-controller", "").split())
                self.assertIn("#id_slug", title.get("data-w-sync-target-value", ""))
                self.assertIn("keyup->w-sync#apply", title.get("data-action", ""))

    def test_saving_a_draft_keeps_the_live_version_for_readers(self):
        article = ArticlePageFactory(parent=self.section, title="The original headline")
        edit_url = reverse("wagtailadmin_pages:edit", args=[article.pk])
        data = article_form_data(
            title="A rewritten headline", author_id=self.author.pk, slug=article.slug
        )

        response = self.client.post(edit_url, data)

        self.assertEqual(response.status_code, 302)
        article.refresh_from_db()
        self.assertTrue(article.has_unpublished_changes)
        self.assertEqual(article.get_latest_revision_as_object().title, "A rewritten headline")
        self.assertContains(self.client.get(article.url), "The original headline")

    def test_articles_are_editable_and_previewable(self):
        article = ArticlePageFactory(parent=self.section)
        # StreamField's form is drawn by JavaScript, so the form data is given, not scraped.
        data = article_form_data(title=article.title, author_id=self.author.pk, slug=article.slug)

        self.assertPageIsEditable(article, post_data=data)
        self.assertPageIsPreviewable(article, post_data=data)

    def test_submitting_for_moderation_waits_for_a_moderator_to_approve(self):
        workflow = Workflow.objects.get(name="Moderators approval")
        workflow.workflow_pages.get_or_create(page=home_page())
        article = ArticlePageFactory(parent=self.section, live=False, first_published_at=None)
        edit_url = reverse("wagtailadmin_pages:edit", args=[article.pk])
        data = article_form_data(
            title=article.title,
            author_id=self.author.pk,
            slug=article.slug,
            **{"action-submit": "1"},
        )

        self.client.post(edit_url, data)

        state = WorkflowState.objects.get(
            base_content_type__model="page", object_id=str(article.pk)
        )
        self.assertEqual(state.status, WorkflowState.STATUS_IN_PROGRESS)
        article.refresh_from_db()
        self.assertFalse(article.live)

        task_state = state.current_task_state
        approve_url = reverse(
            "wagtailadmin_pages:workflow_action", args=[article.pk, "approve", task_state.pk]
        )
        self.client.post(approve_url, {"comment": "Good to go"})

        article.refresh_from_db()
        self.assertTrue(article.live)
