"""Turn uploaded bytes (PDF, Markdown or plain text) into titled, paged sections of text.

The type is decided by content, never trusted from the file name: ``%PDF-`` at
the start means PDF, whatever the name (a PDF saved as ``notes.txt`` is read
as the PDF it is: its content is unambiguous and that is what the admin meant
to upload). A file *named* ``.pdf`` that is not one is refused, naming what it
looks like (an HTML page, an image, a Word file, plain text). Other files must
be UTF-8 text: bytes that carry a known binary signature (image, ZIP/DOCX,
old Office, RTF) or NUL bytes are refused with what they look like and what to
do. A ``.md`` name or Markdown headings make text Markdown. Every refusal lists
what is accepted.
"""

from __future__ import annotations

import io
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import TYPE_CHECKING

from knowledge.errors import (
    CorruptDocument,
    DocumentTooLarge,
    EncryptedDocument,
    NoExtractableText,
    UnsupportedFileType,
)

if TYPE_CHECKING:
    from pypdf import PdfReader

PDF = "application/pdf"
MARKDOWN = "text/markdown"
PLAIN_TEXT = "text/plain"

ACCEPTED = "PDF (with a text layer), Markdown (.md) or plain UTF-8 text (.txt)"

_MD_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.+?)\s*#*\s*$")
_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u3000]+")
# A soft hyphen marks where a word may break: at a line end the word goes on on the next
# line ("réser\u00ad" / "vation"); anywhere else it is invisible. Joiners are invisible too.
_SOFT_BREAK = re.compile(r"\u00ad[ \t]*\n[ \t]*")
_INVISIBLE = re.compile(r"[\u00ad\u200c\u200d\u2060\ufeff]")
# Typographic hyphens are hyphens ("week\u2011end" is "week-end").
_HYPHENS = str.maketrans({"\u2010": "-", "\u2011": "-"})
_HEADING_MAX_CHARS = 80
_HEADING_MAX_WORDS = 10
# A line this close to the longest line of its page was probably wrapped by the layout.
_WRAPPED_RATIO = 0.7


@dataclass(frozen=True)
class Section:
    """A run of text under one heading on one page (pages are 1-based)."""

    page: int
    heading: str
    text: str


@dataclass(frozen=True)
class ExtractedDocument:
    """What an upload says: its title, detected media type, page count and sections."""

    title: str
    media_type: str
    pages: int
    sections: list[Section] = field(default_factory=list)

    @property
    def text(self) -> str:
        """Return all section texts joined, for checks such as "is there anything to read"."""
        return "\n\n".join(s.text for s in self.sections)


def extract(data: bytes, filename: str, *, max_pages: int | None = None) -> ExtractedDocument:
    """Extract sections from ``data``, detecting its type by content.

    Raises ``UnsupportedFileType``, ``CorruptDocument`` (``EncryptedDocument``),
    ``NoExtractableText`` or, over ``max_pages``, ``DocumentTooLarge``.
    """
    if data.lstrip(b"\x00\t\n\r ")[:5] == b"%PDF-":
        return _extract_pdf(data, filename, max_pages)
    _refuse_by_content(data, filename)
    text = _decode_text(data, filename)
    if not text.strip():
        raise NoExtractableText(f"{filename!r} is empty; there is nothing to index")
    suffix = PurePath(filename).suffix.lower()
    lines = text.splitlines()
    if suffix in {".md", ".markdown"} or any(_MD_HEADING.match(line) for line in lines):
        return _extract_markdown(lines, filename)
    return _extract_plain(lines, filename)


def normalize_space(text: str) -> str:
    """Collapse runs of spaces inside lines, trim lines and squeeze blank lines to one.

    Soft hyphens and invisible joiners are dropped (a word broken at a soft hyphen
    is joined again) and typographic hyphens become "-".
    """
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = _INVISIBLE.sub("", _SOFT_BREAK.sub("", text)).translate(_HYPHENS)
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out).strip()


# --- what the bytes are ----------------------------------------------------

_AS_PDF = "open it and export it as PDF"
_NO_TEXT = "an image holds no text to index: upload the original as a PDF with a text layer"
# kind -> (what it is, what to do instead); refusals quote both.
_KINDS: dict[str, tuple[str, str]] = {
    "png": ("a PNG image", _NO_TEXT),
    "jpeg": ("a JPEG image", _NO_TEXT),
    "gif": ("a GIF image", _NO_TEXT),
    "tiff": ("a TIFF image", _NO_TEXT),
    "heic": ("a photo or video (HEIC/MP4)", _NO_TEXT),
    "docx": ("a Word document (DOCX)", _AS_PDF),
    "xlsx": ("an Excel workbook (XLSX)", _AS_PDF),
    "pptx": ("a PowerPoint file (PPTX)", _AS_PDF),
    "odf": ("an OpenDocument file", _AS_PDF),
    "ole": ("an old-format Office file (.doc, .xls, .ppt)", _AS_PDF),
    "rtf": ("an RTF document", _AS_PDF),
    "zip": ("a ZIP archive", "unzip it and upload the documents inside one at a time"),
    "html": ("an HTML web page", "open it in a browser and print it to PDF"),
    "utf16": ("UTF-16 text", "save it again with the UTF-8 encoding"),
    "binary": ("binary data (it contains NUL bytes)", "export the original document as PDF"),
    "text": ("plain text", "rename it to .txt or .md if it is text, else export it as PDF"),
    "unknown": ("neither PDF nor UTF-8 text", "export the original document as PDF"),
}
# Leading bytes ("magic numbers") of the formats most often uploaded by mistake.
_SIGNATURES: dict[bytes, str] = {
    b"\x89PNG\r\n\x1a\n": "png",
    b"\xff\xd8\xff": "jpeg",
    b"GIF87a": "gif",
    b"GIF89a": "gif",
    b"II*\x00": "tiff",
    b"MM\x00*": "tiff",
    b"PK\x03\x04": "zip",
    b"PK\x05\x06": "zip",  # an empty archive
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1": "ole",
    b"{\\rtf": "rtf",
    b"\xff\xfe": "utf16",  # byte-order marks
    b"\xfe\xff": "utf16",
}
# Member names that tell Office Open XML and OpenDocument files from a plain ZIP.
_ZIP_MEMBERS: dict[bytes, str] = {
    b"word/": "docx",
    b"xl/": "xlsx",
    b"ppt/": "pptx",
    b"application/vnd.oasis.opendocument": "odf",
}
_HTML_START = re.compile(rb"\s*(<!doctype\s+html|<html|<head|<body)", re.IGNORECASE)


def _sniff(data: bytes) -> str | None:
    """Return the kind of non-text content ``data`` looks like (``"png"``, ``"docx"``...), or None.

    HTML counts as a kind (``"html"``); a PDF is not sniffed: extract() reads it first.
    """
    if data[4:8] == b"ftyp":  # the ISO media box that opens HEIC photos and MP4 videos
        return "heic"
    kind = next((k for magic, k in _SIGNATURES.items() if data.startswith(magic)), None)
    if kind == "zip":  # member names are stored uncompressed in the local headers
        kind = next((k for name, k in _ZIP_MEMBERS.items() if name in data[:65536]), "zip")
    if kind is None and _HTML_START.match(data.removeprefix(b"\xef\xbb\xbf")[:512]):
        kind = "html"
    return kind


def _refuse_by_content(data: bytes, filename: str) -> None:
    """Raise ``UnsupportedFileType`` for a non-PDF named ``.pdf`` or a known binary format."""
    kind = _sniff(data)
    if PurePath(filename).suffix.lower() == ".pdf":
        if kind is None:
            kind = "binary" if b"\x00" in data else "text" if _is_utf8(data) else "unknown"
        what, todo = _KINDS[kind]
        raise UnsupportedFileType(
            f"{filename!r} is not a PDF (its content looks like {what}): {todo}; "
            f"accepted: {ACCEPTED}"
        )
    if kind is not None and kind != "html":  # HTML under another name is read as text, as before
        what, todo = _KINDS[kind]
        raise UnsupportedFileType(
            f"{filename!r} is {what}, not a PDF or UTF-8 text: {todo}; accepted: {ACCEPTED}"
        )


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return False
    return True


def _decode_text(data: bytes, filename: str) -> str:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UnsupportedFileType(
            f"{filename!r} is neither a PDF nor UTF-8 text: if it is text, save it again with "
            f"the UTF-8 encoding; accepted: {ACCEPTED}"
        ) from None
    controls = sum(1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in "\t\n\r\f")
    if "\x00" in text or controls > max(2, len(text) // 100):
        what = "it contains NUL bytes" if "\x00" in text else "it is full of control characters"
        raise UnsupportedFileType(
            f"{filename!r} looks like a binary file, not text ({what}): export the original "
            f"document as PDF; accepted: {ACCEPTED}"
        )
    return text


def _stem(filename: str) -> str:
    stem = PurePath(filename).stem.replace("_", " ").replace("-", " ")
    return _SPACES.sub(" ", stem).strip() or filename


# --- PDF -------------------------------------------------------------------


def _extract_pdf(data: bytes, filename: str, max_pages: int | None) -> ExtractedDocument:
    # Imported here: a server start that ingests nothing need not pay pypdf's import.
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not _decrypt_with_empty_password(reader):
            raise EncryptedDocument(
                f"{filename!r} is encrypted; upload an unprotected copy of the PDF"
            )
        page_count = len(reader.pages)
    except EncryptedDocument:
        raise
    except (FileNotDecryptedError, DependencyError):
        raise EncryptedDocument(
            f"{filename!r} is encrypted; upload an unprotected copy of the PDF"
        ) from None
    except Exception as exc:  # pypdf raises many types on damaged files
        raise CorruptDocument(f"{filename!r} could not be read as a PDF: {exc}") from exc
    if page_count == 0:
        raise CorruptDocument(f"{filename!r} could not be read as a PDF: it has no pages")
    if max_pages is not None and page_count > max_pages:
        raise DocumentTooLarge(
            f"{filename!r} has {page_count} pages; the limit is {max_pages}: split it"
        )
    sections: list[Section] = []
    heading = ""
    for number, page in enumerate(reader.pages, start=1):
        try:
            raw = page.extract_text() or ""
        except (PdfReadError, ValueError, KeyError, TypeError) as exc:
            raise CorruptDocument(
                f"{filename!r} could not be read as a PDF: page {number}: {exc}"
            ) from exc
        page_sections, heading = _split_lines(normalize_space(raw).split("\n"), number, heading)
        sections.extend(page_sections)
    if not sections:
        raise NoExtractableText(
            f"{filename!r} has no text layer; scanned PDFs need OCR before upload"
        )
    title = _pdf_title(reader) or _first_heading(sections) or _stem(filename)
    return ExtractedDocument(title=title, media_type=PDF, pages=page_count, sections=sections)


def _decrypt_with_empty_password(reader: PdfReader) -> bool:
    from pypdf.errors import DependencyError, FileNotDecryptedError

    # Many PDFs are "encrypted" only to restrict printing: the empty user password opens them.
    try:
        return bool(reader.decrypt(""))
    except (FileNotDecryptedError, DependencyError, NotImplementedError):
        return False


def _pdf_title(reader: PdfReader) -> str:
    try:
        meta = reader.metadata
        title = (meta.title if meta else None) or ""
    except Exception:  # broken metadata must not sink a readable PDF
        return ""
    title = _SPACES.sub(" ", str(title)).strip()
    # Word exports titles like "Microsoft Word - orari.docx"; a file name is no title.
    if not title or title.lower().startswith("microsoft word") or title.lower() == "untitled":
        return ""
    return title


def _first_heading(sections: list[Section]) -> str:
    return next((s.heading.split(" — ")[0] for s in sections if s.heading), "")


# --- heading heuristic (PDF and plain text) --------------------------------


def _is_heading_candidate(line: str) -> bool:
    """Return whether ``line`` could be a heading: short, few words, no final stop, capitalised."""
    if not line or len(line) > _HEADING_MAX_CHARS or len(line.split()) > _HEADING_MAX_WORDS:
        return False
    if line[-1] in ".,;:!?-" or line[0] in "-•*–·(":
        return False
    if not any(ch.isalpha() for ch in line):
        return False  # page numbers, dates, prices
    first = next(ch for ch in line if ch.isalnum())
    return first.isupper() or first.isdigit()


def _heading_flags(lines: list[str]) -> list[bool]:
    """Mark lines that are headings: a candidate in a run of at most two, followed by body text.

    Three or more short lines in a row are a list (opening hours, phone numbers),
    and a candidate with nothing after it on the page is a footer.
    """
    cand = [_is_heading_candidate(line) for line in lines]
    flags = [False] * len(lines)
    i = 0
    while i < len(lines):
        if not cand[i]:
            i += 1
            continue
        j = i
        while j < len(lines) and cand[j]:
            j += 1
        k = j
        while k < len(lines) and not lines[k]:
            k += 1
        followed_by_body = k < len(lines) and not cand[k]
        if j - i <= 2 and followed_by_body:
            for k in range(i, j):
                flags[k] = True
        i = j
    return flags


def _join_body(lines: list[str]) -> str:
    """Join layout-wrapped lines into paragraphs, undoing hyphenation at line ends."""
    width = max((len(line) for line in lines), default=0)
    out = ""
    for line in lines:
        if not out:
            out = line
            continue
        prev_len = len(out) - (out.rfind("\n") + 1)
        # A sentence end is kept as a line end: a list may follow a paragraph.
        wrapped = width > 0 and prev_len >= _WRAPPED_RATIO * width and out[-1] not in ".!?:"
        if wrapped and out.endswith("-") and out[-2:-1].isalpha() and line[:1].islower():
            out = out[:-1] + line
        elif wrapped and line:
            out += " " + line
        else:
            out += "\n" + line
    return normalize_space(out)


def _split_lines(lines: list[str], page: int, heading: str) -> tuple[list[Section], str]:
    """Cut one page's lines into sections at detected headings; return them and the last heading.

    The heading in force at the end of a page carries over to the next page.
    """
    flags = _heading_flags(lines)
    sections: list[Section] = []
    body: list[str] = []
    pending: list[str] = []  # consecutive heading lines, e.g. "Clinica" + "Orari"

    def flush() -> None:
        text = _join_body(body)
        if text:
            sections.append(Section(page=page, heading=heading, text=text))
        body.clear()

    for line, is_heading in zip(lines, flags, strict=True):
        if is_heading:
            if not pending:
                flush()
            pending.append(line)
            continue
        if pending:
            heading = " — ".join(pending)
            pending.clear()
        body.append(line)
    flush()
    if pending:
        heading = " — ".join(pending)
    return sections, heading


# --- text and Markdown -----------------------------------------------------


def _extract_plain(lines: list[str], filename: str) -> ExtractedDocument:
    norm = normalize_space("\n".join(lines)).split("\n")
    sections, _ = _split_lines(norm, 1, "")
    if not sections:
        raise NoExtractableText(f"{filename!r} has no readable text")
    first = norm[0] if norm else ""
    title = first if _is_heading_candidate(first) else _stem(filename)
    return ExtractedDocument(title=title, media_type=PLAIN_TEXT, pages=1, sections=sections)


def _markdown_inline(line: str) -> str:
    line = _MD_LINK.sub(r"\1", line)
    return line.replace("**", "").replace("__", "").replace("`", "")


def _extract_markdown(lines: list[str], filename: str) -> ExtractedDocument:
    sections: list[Section] = []
    heading = ""
    title = ""
    body: list[str] = []

    def flush() -> None:
        text = normalize_space("\n".join(body))
        if text:
            sections.append(Section(page=1, heading=heading, text=text))
        body.clear()

    for line in lines:
        match = _MD_HEADING.match(line)
        if match:
            flush()
            heading = normalize_space(_markdown_inline(match.group(2)))
            title = title or heading
            continue
        body.append(_markdown_inline(line))
    flush()
    if not sections:
        raise NoExtractableText(f"{filename!r} has headings but no text under them")
    return ExtractedDocument(
        title=title or _stem(filename), media_type=MARKDOWN, pages=1, sections=sections
    )
