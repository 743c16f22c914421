"""Run a coroutine to completion from a test, whatever event loop the session already runs
(the browser tests keep playwright's loop running in the main thread)."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor


def run_coroutine(coroutine):
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()
