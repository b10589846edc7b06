"""Stopping cleanly: Ctrl-C (or Colab's stop button) and SIGTERM become a request to stop after the current step."""
from __future__ import annotations

import contextlib
import signal
import threading

from tqdm.auto import tqdm


@contextlib.contextmanager
def stop_requests(where=lambda: None):
    """Turn Ctrl-C (or Colab's stop button) and SIGTERM (``kill``, a scheduler, a closing Colab session) into a
    request to stop after the current step.

    Stopping between steps keeps the two nets consistent, so the saved checkpoint resumes exactly.
    A second Ctrl-C interrupts at once, saying where the last checkpoint is (``where()``).
    """
    requested = []
    if threading.current_thread() is not threading.main_thread():
        yield requested
        return

    def handler(signum, frame):
        if requested:
            last = where()
            tqdm.write(f"Stopped at once: {f'the last checkpoint is {last}' if last else 'no checkpoint was saved'}.")
            raise KeyboardInterrupt
        requested.append(signum)

    previous = {sig: signal.signal(sig, handler) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield requested
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)
