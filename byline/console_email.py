"""The console email backend of the demo and development: messages as a person reads them.

Mail on the wire folds long lines and encodes non-ASCII text (quoted-printable, base64), so
Django's console backend prints a link broken by "=" at a soft line break, and a copied
confirmation link fails. This one prints the headers, then the plain-text body decoded, and
only names the other parts.
"""

from __future__ import annotations

from django.core.mail.backends import console

# Headers about the encoding on the wire, which the printed text no longer has.
WIRE_HEADERS = {"content-type", "content-transfer-encoding", "mime-version"}


class EmailBackend(console.EmailBackend):
    def write_message(self, message) -> None:
        self.stream.write(readable(message.message()))
        self.stream.write("-" * 79 + "\n")


def readable(msg) -> str:
    """An email.message.EmailMessage as text: headers, decoded plain-text body, other parts."""
    headers = "".join(
        f"{name}: {value}\n" for name, value in msg.items() if name.lower() not in WIRE_HEADERS
    )
    body = msg.get_body(preferencelist=("plain",))
    text = body.get_content() if body is not None else ""
    others = [
        part.get_content_type()
        for part in msg.walk()
        if not part.is_multipart() and part is not body
    ]
    also = f"[Also in this email: {', '.join(others)}]\n" if others else ""
    return f"{headers}\n{text.rstrip()}\n\n{also}"
