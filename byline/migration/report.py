"""What an import did: counts of what was imported or updated, and every skip with its reason."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

ProgressCallback = Callable[[int, int, str], None]


def no_progress(done: int, total: int, label: str) -> None:
    return None


@dataclass
class Report:
    imported: Counter[str] = field(default_factory=Counter)
    updated: Counter[str] = field(default_factory=Counter)
    skipped: list[dict[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    dry_run: bool = False

    def add(self, kind: str, *, created: bool, count: int = 1) -> None:
        if count:
            counts = self.imported if created else self.updated
            counts[kind] += count

    def skip(self, kind: str, original_id: object, reason: str) -> None:
        self.skipped.append({"kind": kind, "id": str(original_id), "reason": reason})

    def note(self, message: str) -> None:
        self.notes.append(message)

    def as_dict(self) -> dict:
        return {
            "dry_run": self.dry_run,
            "imported": dict(sorted(self.imported.items())),
            "updated": dict(sorted(self.updated.items())),
            "skipped": self.skipped,
            "notes": self.notes,
        }

    def lines(self) -> list[str]:
        """The report as a terminal prints it."""
        heading = "Dry run: nothing was written." if self.dry_run else "Import finished."
        lines = [heading]
        for label, counts in (("Imported", self.imported), ("Updated", self.updated)):
            if counts:
                parts = ", ".join(f"{count} {kind}" for kind, count in sorted(counts.items()))
                lines.append(f"{label}: {parts}.")
        if self.skipped:
            lines.append(f"Skipped {len(self.skipped)}:")
            lines += [f"  {s['kind']} {s['id']}: {s['reason']}" for s in self.skipped]
        lines += [f"Note: {note}" for note in self.notes]
        return lines


class ImportFileError(Exception):
    """The file cannot be imported at all (not XML, hostile, wrong format): nothing was written."""
