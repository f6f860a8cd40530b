"""Source files: reading bytes into text, and translating positions inside that text."""

from __future__ import annotations

import bisect
import codecs
import os
import stat
from typing import BinaryIO, Optional

from .document import Span

# Windows has no O_NONBLOCK, and only Windows has O_BINARY.
_O_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_O_BINARY = getattr(os, "O_BINARY", 0)

# UTF-32 first: its little-endian mark begins with UTF-16's.
_OTHER_UNICODE_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


class SourceError(Exception):
    """A path that cannot be read at all (missing, a folder where a file was expected, no permission)."""


MAX_FILE_BYTES = 16 * 1024 * 1024
"""The maximum number of bytes of one input that are read. A request is a few kilobytes
and CloudFormation accepts templates of at most 1 MB, so no real association comes near
this size, and reading all of a larger input would only cost time and memory. Of a larger
input only this many bytes are kept, and the source is marked `too_large`."""


class SourceFile:
    """The text of one input and the name reports give it.

    `text` has any byte order mark removed and CRLF or lone CR line ends turned into LF,
    which keeps every line and column as the user's editor counts them (JSON reads a CR as
    white space and YAML as a line break, so either way it means the same). `decode_error`
    is set when the bytes are not UTF-8; `text` then holds them decoded as well as
    possible, so that the file can still be recognised and reported as unparsable.
    `too_large` is set when the input had more than MAX_FILE_BYTES bytes. `text` then
    holds only the first MAX_FILE_BYTES of them, enough to tell whether it names an
    association, and is not to be parsed.
    """

    def __init__(self, path: str, text: str, decode_error: Optional[str] = None, too_large: bool = False):
        self.path = path
        self.text = text
        self.decode_error = decode_error
        self.too_large = too_large
        self._line_starts: list[int] = []
        self._astral_columns: dict[int, list[int]] = {}

    def __repr__(self) -> str:
        return f"SourceFile({self.path!r})"

    @classmethod
    def from_bytes(cls, path: str, data: bytes) -> "SourceFile":
        """Decode the bytes of an input; keep only the first MAX_FILE_BYTES of a larger one, marked `too_large`."""
        if len(data) > MAX_FILE_BYTES:
            source = cls.from_bytes(path, data[:MAX_FILE_BYTES])
            source.too_large = True
            return source

        if data.startswith(codecs.BOM_UTF8):
            data = data[len(codecs.BOM_UTF8):]

        # A UTF-16 or UTF-32 file (as some Windows editors save JSON) is decoded only to
        # recognise it, then reported as unparsable, because the AWS CLI expects UTF-8.
        wide_encoding = _wide_encoding(data)
        if wide_encoding is not None:
            encoding, bom_length = wide_encoding
            text = data[bom_length:].decode(encoding, errors="replace")
            error = f"the file is encoded as {encoding[:6].upper()}, not UTF-8"
            return cls(path=path, text=_normalize_line_ends(text), decode_error=error)

        decode_error = None
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as error:
            decode_error = f"the file is not UTF-8 text (byte {error.start} cannot be decoded)"
            text = data.decode("utf-8", errors="replace")
        if "\x00" in text and decode_error is None:
            decode_error = "the file is binary (it contains a NUL byte)"
        return cls(path=path, text=_normalize_line_ends(text), decode_error=decode_error)

    @classmethod
    def read(cls, path: str, display_path: Optional[str] = None) -> "SourceFile":
        """Read a regular file, at most MAX_FILE_BYTES + 1 bytes of it; raise SourceError for anything else."""
        try:
            data = read_regular_file(path, MAX_FILE_BYTES + 1)
        except NotRegularFile:
            raise SourceError(f"{path}: cannot be read: not a regular file") from None
        except OSError as error:
            raise SourceError(f"{path}: cannot be read: {error.strerror or error}") from error
        return cls.from_bytes(display_path or path, data)

    def line_text(self, line: int) -> str:
        """The text of a 1-based line, without its line end; empty past the end of the file."""
        starts = self._starts()
        if line < 1 or line > len(starts):
            return ""
        start = starts[line - 1]
        end = self.text.find("\n", start)
        return self.text[start:] if end < 0 else self.text[start:end]

    def position(self, offset: int) -> tuple[int, int]:
        """Turn a code point offset into a 1-based line and column."""
        starts = self._starts()
        line = bisect.bisect_right(starts, offset)
        return line, offset - starts[line - 1] + 1

    def offset(self, line: int, column: int) -> int:
        """Turn a 1-based line and column into a code point offset into `text`."""
        starts = self._starts()
        line = min(max(line, 1), len(starts))
        return min(starts[line - 1] + column - 1, len(self.text))

    def span(self, start: int, end: int) -> Span:
        """The span of the text between two code point offsets, the end exclusive."""
        start_line, start_column = self.position(start)
        end_line, end_column = self.position(end)
        return Span(start_line, start_column, end_line, end_column)

    def utf16_span(self, span: Span) -> Span:
        """Recount a span's columns in UTF-16 code units, SARIF's default column unit."""
        return Span(
            span.start_line,
            self._utf16_column(span.start_line, span.start_column),
            span.end_line,
            self._utf16_column(span.end_line, span.end_column),
        )

    def _utf16_column(self, line: int, column: int) -> int:
        # Characters above U+FFFF take two UTF-16 code units. Their columns are found once
        # per line, so that many findings on one long line stay cheap.
        astral = self._astral_columns.get(line)
        if astral is None:
            text = self.line_text(line)
            astral = []
            # Encoding the line finds out in C whether it has any such character, so that a long
            # line without one, such as the only line of a file over MAX_FILE_BYTES, skips the
            # loop in Python.
            if len(text.encode("utf-16-le", "surrogatepass")) > 2 * len(text):
                astral = [index + 1 for index, character in enumerate(text) if ord(character) > 0xFFFF]
            self._astral_columns[line] = astral
        return column + bisect.bisect_left(astral, column)

    def _starts(self) -> list[int]:
        if not self._line_starts:
            starts = [0]
            index = self.text.find("\n")
            while index >= 0:
                starts.append(index + 1)
                index = self.text.find("\n", index + 1)
            self._line_starts = starts
        return self._line_starts


class NotRegularFile(OSError):
    """A path that names a folder, a FIFO or a device rather than a regular file."""


def read_regular_file(path: str, limit: int) -> bytes:
    """Read at most `limit` bytes of the regular file at `path`.

    Raise NotRegularFile for anything else, and OSError when the file cannot be opened or read.
    """
    # Opening a FIFO for reading blocks until a writer opens it, and reading a device such
    # as /dev/zero never ends, so the file is opened without blocking and checked before it
    # is read. Reads of a regular file ignore O_NONBLOCK.
    descriptor = os.open(path, os.O_RDONLY | _O_NONBLOCK | _O_BINARY)
    try:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            raise NotRegularFile(path)
        with open(descriptor, "rb", closefd=False) as stream:
            return stream.read(limit)
    finally:
        os.close(descriptor)


def read_input(stream: BinaryIO) -> bytes:
    """Read a stream to its end, but at most MAX_FILE_BYTES + 1 bytes, enough to tell that it is too large."""
    return stream.read(MAX_FILE_BYTES + 1)


def _normalize_line_ends(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _wide_encoding(data: bytes) -> Optional[tuple[str, int]]:
    """The UTF-16 or UTF-32 encoding of `data` and the length of its byte order mark, or None."""
    for bom, encoding in _OTHER_UNICODE_BOMS:
        if data.startswith(bom):
            return encoding, len(bom)

    # Without a byte order mark, UTF-16 text made mostly of ASCII has a NUL in every other byte.
    sample = data[:512]
    if len(sample) >= 8 and b"\x00" in sample:
        even_nuls = sample[0::2].count(0) / len(sample[0::2])
        odd_nuls = sample[1::2].count(0) / len(sample[1::2])
        if odd_nuls > 0.7 and even_nuls < 0.1:
            return "utf-16-le", 0
        if even_nuls > 0.7 and odd_nuls < 0.1:
            return "utf-16-be", 0
    return None
