"""The webhooks' screens in the Wagtail admin (Settings > Webhooks): endpoints to add, edit and
delete with their secret shown for copying, and each endpoint's delivery log with a resend
button. Wagtail's model permissions decide who may use them (superusers; a group given the
webhooks' endpoint permissions)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.views.decorators.http import require_POST
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from byline.webhooks import services
from byline.webhooks.forms import EndpointForm
from byline.webhooks.models import Endpoint, WebhookDelivery

LOG_SIZE = 100
policy = ModelPermissionPolicy(Endpoint)


class EndpointCreateView(generic.CreateView):
    def get_success_url(self) -> str:
        # The secret is on the endpoint's page: go there to copy it.
        return reverse("webhooks:edit", args=[self.object.pk])

    def get_success_message(self, instance: Endpoint) -> str:
        return f"Endpoint “{instance}” added: copy its secret below into the receiver."


class EndpointEditView(generic.EditView):
    template_name = "webhooks/edit.html"


class EndpointViewSet(ModelViewSet):
    model = Endpoint
    name = "webhooks"
    url_prefix = "webhooks"
    icon = "link-external"
    menu_label = "Webhooks"
    add_to_settings_menu = True
    add_view_class = EndpointCreateView
    edit_view_class = EndpointEditView
    list_display = ["name", "url", "enabled", "created_at"]
    copy_view_enabled = False
    inspect_view_enabled = False

    def get_form_class(self, for_update: bool = False) -> type[EndpointForm]:
        return EndpointForm

    def get_urlpatterns(self) -> list:
        return [
            *super().get_urlpatterns(),
            path("<int:pk>/deliveries/", deliveries, name="deliveries"),
            path("deliveries/<int:pk>/resend/", resend, name="resend"),
        ]


def _may(request: HttpRequest, action: str) -> None:
    if not policy.user_has_permission(request.user, action):
        raise PermissionDenied


def deliveries(request: HttpRequest, pk: int) -> HttpResponse:
    """The endpoint's latest deliveries, newest first: status, attempts, answer, times."""
    _may(request, "change")
    endpoint = get_object_or_404(Endpoint, pk=pk)
    log = WebhookDelivery.objects.filter(endpoint=endpoint).order_by("-created_at", "-pk")[
        :LOG_SIZE
    ]
    return TemplateResponse(
        request,
        "webhooks/deliveries.html",
        {"endpoint": endpoint, "deliveries": log, "log_size": LOG_SIZE},
    )


@require_POST
def resend(request: HttpRequest, pk: int) -> HttpResponse:
    """Send a delivered or failed delivery again (same id, same body, signed anew)."""
    _may(request, "change")
    delivery = get_object_or_404(WebhookDelivery, pk=pk)
    if services.resend(delivery):
        messages.success(request, f"The {delivery.event} event will be sent again shortly.")
    else:
        messages.error(request, "That delivery is still on its way; it cannot be resent yet.")
    return redirect("webhooks:deliveries", delivery.endpoint_id)


viewset = EndpointViewSet()
