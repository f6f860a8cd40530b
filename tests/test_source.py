"""Source files: what is read from a path or a stream, and the size cap on it."""

from __future__ import annotations

import os
import threading

import pytest

from crml_lint.document import Span
from crml_lint.source import MAX_FILE_BYTES, SourceError, SourceFile, read_input


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


def test_file_at_cap_read_whole(tmp_path):
    path = tmp_path / "request.json"
    path.write_bytes(b"a" * MAX_FILE_BYTES)

    source = SourceFile.read(str(path))

    assert not source.too_large
    assert len(source.text) == MAX_FILE_BYTES


def test_file_over_cap_keeps_first_bytes(tmp_path):
    path = tmp_path / "request.json"
    path.write_bytes(b"membershipIdentifier\n" + b"a" * MAX_FILE_BYTES)

    source = SourceFile.read(str(path))

    assert source.too_large
    assert len(source.text) == MAX_FILE_BYTES
    assert source.text.startswith("membershipIdentifier\n")


def test_bytes_over_cap_marked_too_large():
    source = SourceFile.from_bytes("<stdin>", b"{" + b" " * MAX_FILE_BYTES + b"}")

    assert source.too_large
    assert len(source.text) == MAX_FILE_BYTES


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero, an endless stream")
def test_read_input_stops_after_cap():
    with open("/dev/zero", "rb") as stream:
        data = read_input(stream)

    assert len(data) == MAX_FILE_BYTES + 1


def test_utf16_columns_on_long_lines():
    ascii_line = "a" * 100_000
    astral_line = "é" * 100_000 + "\U0001F600x"
    source = SourceFile("request.json", f"{ascii_line}\n{astral_line}\n")

    assert source.utf16_span(Span(1, 5, 1, 100_001)) == Span(1, 5, 1, 100_001)
    # The emoji at column 100,001 takes two UTF-16 code units, so the x after it is at 100,003.
    assert source.utf16_span(Span(2, 100_001, 2, 100_002)) == Span(2, 100_001, 2, 100_003)
