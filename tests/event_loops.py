"""Running a coroutine from a synchronous test, whatever else its test process has run."""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from concurrent.futures import ThreadPoolExecutor
from typing import Any


def run_apart[T](coroutine: Coroutine[Any, Any, T]) -> T:
    """``asyncio.run`` on a thread of its own.

    Once a browser journey has run in a test process, Playwright's synchronous API keeps an
    event loop running on that process's main thread, and ``asyncio.run`` refuses to start
    inside it: which tests share a process is pytest-xdist's choice, so every test gets a
    thread and a loop of its own.
    """
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()
