"""Reactions to newsroom saves that the search index depends on."""

from __future__ import annotations

from functools import partial

from django.db import transaction
from django.db.models.signals import post_save, pre_save

from byline.discovery.tasks import reindex_articles_of
from byline.newsroom.models import Author, Person, Topic

NAMED_MODELS = {Author: "author", Topic: "topic", Person: "person"}


def remember_name(
    sender: type, instance: Author | Topic | Person, raw: bool = False, **kwargs
) -> None:
    if raw or instance.pk is None:
        return
    previous = sender.objects.filter(pk=instance.pk).values_list("name", flat=True).first()
    instance._name_before_save = previous


def reindex_after_rename(
    sender: type, instance: Author | Topic | Person, created: bool, raw: bool = False, **kwargs
) -> None:
    previous = getattr(instance, "_name_before_save", None)
    if raw or created or previous is None or previous == instance.name:
        return
    # After commit, so the worker reads the new name.
    transaction.on_commit(partial(reindex_articles_of.enqueue, NAMED_MODELS[sender], instance.pk))


def register() -> None:
    for model in NAMED_MODELS:
        uid = f"byline-discovery-{model._meta.model_name}"
        pre_save.connect(remember_name, sender=model, dispatch_uid=f"{uid}-remember-name")
        post_save.connect(reindex_after_rename, sender=model, dispatch_uid=f"{uid}-reindex")
