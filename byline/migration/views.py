"""The admin's import screens, for superusers: upload, read the dry run, start, watch."""

from __future__ import annotations

import zoneinfo
from pathlib import Path

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.views.decorators.http import require_POST
from wagtail.admin.menu import MenuItem

from byline.migration import runs
from byline.migration.models import ImportRun
from byline.migration.xmlfiles import max_bytes

LISTED = 20


def may_import(user) -> bool:
    # An import writes every article and reader's data: superusers only.
    return user.is_active and user.is_superuser


class UploadForm(forms.ModelForm):
    class Meta:
        model = ImportRun
        fields = [
            "source", "file", "uploads_dir", "download_images", "allow_private_downloads",
            "time_zone",
        ]  # fmt: skip
        labels = {
            "file": "Export file",
            "uploads_dir": "Pictures folder (WordPress only, optional)",
            "download_images": "Download missing pictures from the old site (WordPress only)",
            "allow_private_downloads": "The old site is on this network or this machine",
            "time_zone": "The WordPress site's time zone (optional)",
        }
        help_texts = {
            "file": "WordPress: Tools > Export > All content. Disqus: Moderate > Export.",
            "download_images": "Pictures not in the folder (or all of them, without a folder) are"
            " fetched from the addresses in the export, if the old site is still online.",
            "allow_private_downloads": "Allow downloads from private or local addresses, which"
            " are refused by default: an export could point at any machine on this network.",
            "time_zone": "As in WordPress's Settings > General, e.g. Europe/London. Default: this site's.",
        }

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > max_bytes():
            raise forms.ValidationError(
                f"The file is larger than the {max_bytes():,} bytes an import accepts."
            )
        return upload

    def clean_uploads_dir(self):
        folder = self.cleaned_data["uploads_dir"].strip()
        if folder and not Path(folder).is_dir():
            raise forms.ValidationError("There is no such folder on the server.")
        return folder

    def clean_time_zone(self):
        zone = self.cleaned_data["time_zone"].strip()
        if zone:
            try:
                zoneinfo.ZoneInfo(zone)
            except (zoneinfo.ZoneInfoNotFoundError, ValueError) as error:
                raise forms.ValidationError("Unknown time zone.") from error
        return zone


def listing(request: HttpRequest) -> HttpResponse:
    if not may_import(request.user):
        raise PermissionDenied
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            run = form.save(commit=False)
            run.uploaded_by = request.user
            run.save()
            runs.start_check(run)
        return redirect("migration_imports:detail", run.pk)
    context = {
        "page_title": "Import from WordPress or Disqus",
        "header_icon": "upload",
        "form": form,
        "runs": ImportRun.objects.select_related("uploaded_by")[:LISTED],
        "default_zone": settings.TIME_ZONE,
    }
    return TemplateResponse(request, "migration/imports/listing.html", context)


def detail(request: HttpRequest, run_id: int) -> HttpResponse:
    if not may_import(request.user):
        raise PermissionDenied
    run = get_object_or_404(ImportRun, pk=run_id)
    context = {
        "page_title": str(run),
        "header_icon": "upload",
        "run": run,
        "working": run.state in (ImportRun.State.CHECKING, ImportRun.State.RUNNING),
        "percent": int(100 * run.done / run.total) if run.total else 0,
    }
    return TemplateResponse(request, "migration/imports/detail.html", context)


@require_POST
def start(request: HttpRequest, run_id: int) -> HttpResponse:
    if not may_import(request.user):
        raise PermissionDenied
    run = get_object_or_404(ImportRun, pk=run_id)
    with transaction.atomic():
        started = runs.start_import(run)
    if not started:
        messages.error(request, "This import is not waiting to start.")
    return redirect("migration_imports:detail", run.pk)


urlpatterns = [
    path("", listing, name="listing"),
    path("<int:run_id>/", detail, name="detail"),
    path("<int:run_id>/start/", start, name="start"),
]


class ImportMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return may_import(request.user)


def menu_item() -> MenuItem:
    return ImportMenuItem(
        "Import",
        reverse("migration_imports:listing"),
        name="imports",
        icon_name="upload",
        order=950,
    )
