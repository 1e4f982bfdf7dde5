"""The origin table's reads and writes: system + original id <-> Byline object."""

from __future__ import annotations

from collections.abc import Iterable

from byline.migration.models import Origin


def find(system: str, kind: str, original_id: str) -> str | None:
    """The id of the object an earlier import made from this original, if any."""
    row = Origin.objects.filter(system=system, kind=kind, original_id=str(original_id)).first()
    return row.object_id if row else None


def find_many(system: str, kind: str, original_ids: Iterable[str]) -> dict[str, str]:
    ids = [str(original_id) for original_id in original_ids]
    rows = Origin.objects.filter(system=system, kind=kind, original_id__in=ids)
    return {row.original_id: row.object_id for row in rows}


def remember(system: str, kind: str, original_id: str, object_id) -> None:
    Origin.objects.update_or_create(
        system=system,
        kind=kind,
        original_id=str(original_id),
        defaults={"object_id": str(object_id)},
    )


def remember_many(system: str, kind: str, pairs: Iterable[tuple[str, object]]) -> None:
    """Record many new originals at once (callers pass only ones not yet recorded)."""
    Origin.objects.bulk_create(
        [
            Origin(system=system, kind=kind, original_id=str(original), object_id=str(target))
            for original, target in pairs
        ],
        batch_size=2000,
    )


def of_objects(kind: str, object_ids: Iterable) -> dict[str, dict[str, str]]:
    """Object id -> {"system", "id"} for every object of ``kind`` that came from an import."""
    ids = [str(object_id) for object_id in object_ids]
    origins: dict[str, dict[str, str]] = {}
    for start in range(0, len(ids), 2000):
        rows = Origin.objects.filter(kind=kind, object_id__in=ids[start : start + 2000])
        for row in rows.order_by("system", "original_id"):
            origins.setdefault(row.object_id, {"system": row.system, "id": row.original_id})
    return origins
