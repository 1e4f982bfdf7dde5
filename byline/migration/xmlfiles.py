"""Read another system's XML export safely: streamed, size-capped, no DTD, no entities.

A WordPress or Disqus export is read with defusedxml's ``iterparse``, which refuses a DTD (and
so the billion-laughs and external-entity attacks) before any entity is expanded, and reads the
file in chunks instead of whole. Every read goes through ``CappedFile``, so a file larger than
the cap stops with a clear error however it reached us.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse
from django.conf import settings

from byline.migration.report import ImportFileError


def max_bytes() -> int:
    return getattr(settings, "MIGRATION_MAX_FILE_BYTES", 2 * 1024**3)


class CappedFile:
    """A binary file that refuses to be read past ``limit`` bytes."""

    def __init__(self, path: Path, limit: int) -> None:
        self.handle = open(path, "rb")  # noqa: SIM115 - closed by the reader's context
        self.limit, self.consumed = limit, 0

    def read(self, size: int = -1) -> bytes:
        chunk = self.handle.read(65536 if size is None or size < 0 else min(size, 65536))
        self.consumed += len(chunk)
        if self.consumed > self.limit:
            raise ImportFileError(
                f"The file is larger than the {self.limit:,} bytes an import accepts"
                " (MIGRATION_MAX_FILE_BYTES)."
            )
        return chunk

    def close(self) -> None:
        self.handle.close()


def local_name(tag: str) -> tuple[str, str]:
    """("namespace", "name") of an ElementTree tag."""
    if tag.startswith("{"):
        namespace, _, name = tag[1:].partition("}")
        return namespace, name
    return "", tag


def elements(path: Path, *, wanted: set[str], limit: int | None = None) -> Iterator[Element]:
    """Yield each complete element whose local name is in ``wanted``, then free it.

    Elements are cleared after use so that memory stays flat however long the file is.
    """
    source = CappedFile(Path(path), limit or max_bytes())
    try:
        events = iterparse(source, events=("start", "end"), forbid_dtd=True)
        parents: list[Element] = []
        # How many wanted elements are open: one inside another (a Disqus post's <thread>)
        # stays part of its container instead of being yielded alone.
        open_wanted = 0
        for event, element in events:
            is_wanted = local_name(element.tag)[1] in wanted
            if event == "start":
                parents.append(element)
                open_wanted += is_wanted
                continue
            parents.pop()
            if not is_wanted:
                continue
            open_wanted -= 1
            if open_wanted:
                continue
            yield element
            element.clear()
            if parents:
                # Drop the finished element from its parent too, or the root keeps them all.
                parents[-1].remove(element)
    except DefusedXmlException as error:
        raise ImportFileError(
            "The file declares a DTD or entities, which exports never do; refusing to read it"
            f" ({type(error).__name__})."
        ) from error
    except ParseError as error:
        raise ImportFileError(f"The file is not well-formed XML: {error}.") from error
    except OSError as error:
        raise ImportFileError(f"Cannot read the file: {error}.") from error
    finally:
        source.close()
