"""The comment form: what a guest or a signed-in reader submits, checked field by field."""

from __future__ import annotations

import re
import time

from django import forms
from django.core import signing
from django.urls import reverse

from byline.accounts.names import clean_name
from byline.discussion.anchoring import MAX_EXACT_LENGTH, Selector
from byline.discussion.anchoring.workflows import Passage
from byline.discussion.identity import Reader
from byline.discussion.models import Report, Subscription
from byline.discussion.moderation import FormEvidence

# What the comment form offers under "Notify of": following one's own comments or the article.
COMMENT_FORM_NOTIFY_CHOICES = [
    ("", "Nothing"),
    (Subscription.Kind.REPLIES, "New replies to my comments"),
    (Subscription.Kind.ARTICLE, "New follow-up comments"),
]

FORM_STARTED_SALT = "byline.discussion.form-started"
# A character offset within a block, as the browser's script sends it.
OFFSET = re.compile(r"[0-9]{1,9}")


def form_started_token(now: float | None = None) -> str:
    """A signed note of when the form was served, for the time trap."""
    return signing.Signer(salt=FORM_STARTED_SALT).sign(str(int(now or time.time())))


def form_age(token: str, now: float | None = None) -> float | None:
    """Seconds since the form carrying ``token`` was served; None if it is missing or forged."""
    try:
        started = int(signing.Signer(salt=FORM_STARTED_SALT).unsign(token or ""))
    except (signing.BadSignature, ValueError):
        return None
    return (now or time.time()) - started


class StartedInput(forms.HiddenInput):
    """Always renders a fresh timestamp: a form shown again with errors starts a new clock.

    On a page the page cache shares (``shared``), it renders none: a timestamp there would be
    the same for every reader. The discussion script then fetches one from ``form_started``
    when the reader starts on the form; without the script the form comes back once, stamped.
    """

    shared = False

    def format_value(self, value) -> str:
        return "" if self.shared else form_started_token()


class TrapInput(forms.TextInput):
    """The honeypot: off-screen, out of the tab order, hidden from assistive technology."""

    template_name = "discussion/includes/trap_input.html"


class CommentForm(forms.Form):
    body = forms.CharField(
        label="Comment",
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="You can use *emphasis*, **bold**, [links](https://…), > quotes, `code` and lists.",
        # The service enforces the configured limit with a clear message; this stops huge posts early.
        max_length=100_000,
    )
    name = forms.CharField(
        label="Name", max_length=80, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    email = forms.EmailField(
        label="Email",
        max_length=254,
        help_text="Never shown. Only used to tell you about replies.",
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    parent = forms.IntegerField(
        required=False, min_value=1, max_value=2**63 - 1, widget=forms.HiddenInput
    )
    notify = forms.ChoiceField(
        label="Notify of", choices=COMMENT_FORM_NOTIFY_CHOICES, required=False, initial=""
    )
    # Spam traps: a field people never see, and when the form was served (see moderation).
    website = forms.CharField(
        required=False, label="Leave this field empty", max_length=500, widget=TrapInput
    )
    started = forms.CharField(required=False, max_length=100, widget=StartedInput)
    # Inline feedback: the editor's prompt answered, or the W3C selectors of a reader's selection.
    # Checked in clean() so that a bad one is one clear message above the form, not a hidden
    # field's error nobody sees.
    prompt = forms.CharField(required=False, widget=forms.HiddenInput)
    block = forms.CharField(required=False, widget=forms.HiddenInput)
    exact = forms.CharField(required=False, strip=False, widget=forms.HiddenInput)
    prefix = forms.CharField(required=False, strip=False, widget=forms.HiddenInput)
    suffix = forms.CharField(required=False, strip=False, widget=forms.HiddenInput)
    start = forms.CharField(required=False, widget=forms.HiddenInput)
    end = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, reader: Reader, shared: bool = False, **kwargs) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.reader = reader
        started = self.fields["started"].widget
        started.shared = shared
        started.attrs["data-started"] = reverse("discussion:form_started")
        if reader.is_authenticated:
            del self.fields["name"]
            del self.fields["email"]

    def clean_name(self) -> str:
        # The same cleaning as when the name is stored (NameField), so an empty result is caught
        # here with a message.
        name = clean_name(self.cleaned_data["name"])
        if not name:
            raise forms.ValidationError("Tell us the name to show beside your comment.")
        return name

    def clean(self):
        data = super().clean()
        self.passage = None
        try:
            self.passage = passage_from(data)
        except ValueError as error:
            self.add_error(None, str(error))
        return data

    def evidence(self) -> FormEvidence:
        """What the spam traps caught, for the moderation pipeline."""
        started = self.cleaned_data.get("started", "")
        return FormEvidence(
            honeypot=self.cleaned_data.get("website", ""),
            age_seconds=form_age(started),
            stamped=bool(started),
        )


def passage_from(data: dict) -> Passage | None:
    """The passage a comment form names, or None; ValueError with the reader's message."""
    prompt, block, exact = data.get("prompt", ""), data.get("block", ""), data.get("exact", "")
    if prompt:
        if len(prompt) > 64:
            raise ValueError("That question is no longer in the article.")
        return Passage(prompt_id=prompt)
    if not (block or exact):
        return None
    if len(block) > 64 or not exact.strip() or len(exact) > MAX_EXACT_LENGTH * 2:
        raise ValueError(f"Choose a passage of 1 to {MAX_EXACT_LENGTH:,} characters to comment on.")
    start, end = data.get("start", ""), data.get("end", "")
    if not (OFFSET.fullmatch(start) and OFFSET.fullmatch(end)):
        start = end = "0"  # the position is only a hint: the quote decides
    selector = Selector(
        block_id=block, exact=exact, prefix=data.get("prefix", "")[-64:],
        suffix=data.get("suffix", "")[:64], start=int(start), end=int(end),
    )  # fmt: skip
    return Passage(selector=selector)


class ReportForm(forms.Form):
    reason = forms.ChoiceField(
        label="Why should a moderator look at this comment?",
        choices=Report.Reason.choices,
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label="Anything else? (optional)",
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class EditCommentForm(forms.Form):
    body = CommentForm.base_fields["body"]

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
