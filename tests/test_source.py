"""Source files: what is read from a path or a stream."""

from __future__ import annotations

import os
import threading

import pytest

from crml_lint.source import SourceError, SourceFile


def test_fifo_rejected_without_blocking(tmp_path):
    fifo = tmp_path / "request.json"
    os.mkfifo(fifo)
    outcome: list = []

    def read() -> None:
        try:
            outcome.append(SourceFile.read(str(fifo)))
        except SourceError as error:
            outcome.append(error)

    thread = threading.Thread(target=read, daemon=True)
    thread.start()
    thread.join(timeout=5)
    blocked = thread.is_alive()
    if blocked:
        # Opening the writing end releases a reader blocked in open(), so the thread ends.
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
        thread.join(timeout=5)

    assert not blocked, "reading a FIFO blocked until a writer opened it"
    assert isinstance(outcome[0], SourceError)
    assert str(outcome[0]) == f"{fifo}: cannot be read: not a regular file"


def test_missing_file_is_source_error(tmp_path):
    with pytest.raises(SourceError, match="cannot be read: No such file or directory"):
        SourceFile.read(str(tmp_path / "absent.json"))
