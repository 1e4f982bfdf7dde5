"""Word lists matched case- and accent-insensitively, fast with thousands of words.

Text and words are folded the same way (NFKD, accents dropped, case folded, runs of spaces made
one), then each list is compiled once into a single regular expression shaped like a trie, so a
check reads the text once, whatever the size of the list. An entry matches whole words
(``scam`` does not match ``scampi``); a trailing ``*`` matches any ending (``scam*`` matches
``scammer``); entries may be phrases (``work from home``).
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

_SPACES = re.compile(r"\s+")
# Characters that fold to nothing but could hide a word (soft hyphen, joiners).
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))


def normalise(text: str) -> str:
    """Fold ``text`` for matching: compatibility forms, no accents, no case, single spaces."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_INVISIBLE))
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    return _SPACES.sub(" ", stripped.casefold()).strip()


@dataclass(frozen=True)
class WordMatcher:
    pattern: re.Pattern[str] | None
    size: int

    def search(self, normalised_text: str) -> str | None:
        """The first listed word or phrase in already normalised text, or None."""
        if self.pattern is None:
            return None
        found = self.pattern.search(normalised_text)
        return found.group(0) if found else None

    def find_all(self, normalised_text: str) -> list[str]:
        if self.pattern is None:
            return []
        return [match.group(0) for match in self.pattern.finditer(normalised_text)]


_WORD_END = ""  # trie key marking the end of a whole-word entry
_PREFIX_END = "*"  # trie key marking the end of a prefix entry


def compile_words(entries: Iterable[str]) -> WordMatcher:
    """Compile a list of words, phrases and ``prefix*`` entries into one matcher."""
    trie: dict = {}
    size = 0
    for raw in entries:
        entry = raw.strip()
        if not entry or entry.startswith("#"):
            continue
        prefix = entry.endswith("*")
        folded = normalise(entry.rstrip("*"))
        if not folded:
            continue
        node = trie
        for char in folded:
            node = node.setdefault(char, {})
        node[_PREFIX_END if prefix else _WORD_END] = True
        size += 1
    if not trie:
        return WordMatcher(None, 0)
    return WordMatcher(re.compile(r"(?<!\w)" + _trie_pattern(trie)), size)


def _trie_pattern(node: dict) -> str:
    if _PREFIX_END in node:
        # A prefix entry matches here, whatever follows (taken up to the end of the word, so the
        # author is told the whole word): longer entries below it add nothing.
        return r"\w*"
    branches = []
    single_chars = []
    for char in sorted(key for key in node if key not in (_WORD_END, _PREFIX_END)):
        child = node[char]
        rest = _trie_pattern(child)
        if rest == "(?!\\w)":
            single_chars.append(char)
        else:
            branches.append(re.escape(char) + rest)
    if single_chars:
        # Leaves that end a word share one character class: [abc](?!\w) instead of a|b|c.
        chars = "".join(re.escape(char) for char in single_chars)
        branches.append((f"[{chars}]" if len(single_chars) > 1 else chars) + "(?!\\w)")
    if _WORD_END in node:
        branches.append("(?!\\w)")
    if len(branches) == 1:
        return branches[0]
    return "(?:" + "|".join(branches) + ")"


@lru_cache(maxsize=32)
def _compiled(entries: tuple[str, ...]) -> WordMatcher:
    return compile_words(entries)


@lru_cache(maxsize=32)
def _compiled_file(path: str, modified: float) -> WordMatcher:
    return compile_words(Path(path).read_text(encoding="utf-8").splitlines())


def matcher(words: Iterable[str] = (), file: str | os.PathLike | None = None) -> WordMatcher:
    """The compiled matcher for a list and/or a file (one entry a line, ``#`` for comments).

    Compiled once per list, and once per version of the file: editing the file takes effect on
    the next comment, without a restart.
    """
    entries = tuple(words)
    if file:
        path = os.fspath(file)
        try:
            modified = os.stat(path).st_mtime
        except OSError:
            modified = -1.0
        if modified >= 0:
            from_file = _compiled_file(path, modified)
            if not entries:
                return from_file
            entries += tuple(Path(path).read_text(encoding="utf-8").splitlines())
    return _compiled(entries)
