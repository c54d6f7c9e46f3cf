"""Render the demo clinic's Markdown documents as real PDF files.

Only the Markdown the demo documents use is understood: ``#`` title, ``##`` and
``###`` headings, paragraphs, ``-``/``*`` bullets and ``1.`` numbered items, with
``**bold**``, ``*italic*``, ```code``` and ``[text](url)`` reduced to plain text.
Text is set in the core Helvetica font, so it must be Latin-1.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from agent.demo import DOCUMENTS_DIR

_FONT = "Helvetica"
_BODY_SIZE = 11
_LINE_HEIGHT = 6.0
_INDENT = 6.0
# Fixed creation date so the same Markdown always gives the same bytes
# (document versions are recognised by content).
_CREATION_DATE = datetime(2025, 1, 1, tzinfo=UTC)

_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
_BULLET = re.compile(r"^\s*[-*+]\s+(.*)$")
_NUMBERED = re.compile(r"^\s*(\d+)[.)]\s+(.*)$")
_LINK = re.compile(r"\[([^\]]+)\]\(([^)]+)\)")
_EMPHASIS = re.compile(r"(\*\*|__|\*|`)(.+?)\1")


@dataclass(frozen=True)
class _Block:
    """One rendered unit: a heading, a paragraph or a list item."""

    kind: str  # "h1", "h2", "h3", "p", "li"
    text: str
    marker: str = ""


def _plain(text: str) -> str:
    """Strip inline Markdown (links, emphasis, code) and normalise spaces."""
    text = _LINK.sub(lambda m: f"{m.group(1)} ({m.group(2)})", text)
    text = _EMPHASIS.sub(lambda m: m.group(2), text)
    return " ".join(text.split())


def _blocks(markdown_text: str) -> Iterator[_Block]:
    """Split Markdown into headings, paragraphs and list items, in order."""
    paragraph: list[str] = []
    item: _Block | None = None

    def flush() -> Iterator[_Block]:
        nonlocal paragraph, item
        if paragraph:
            yield _Block("p", _plain(" ".join(paragraph)))
            paragraph = []
        if item is not None:
            yield _Block("li", _plain(item.text), item.marker)
            item = None

    for raw in markdown_text.splitlines():
        line = raw.rstrip()
        if not line.strip():
            yield from flush()
            continue
        heading = _HEADING.match(line)
        bullet = _BULLET.match(line)
        numbered = _NUMBERED.match(line)
        if heading:
            yield from flush()
            level = min(len(heading.group(1)), 3)
            yield _Block(f"h{level}", _plain(heading.group(2)))
        elif bullet or numbered:
            yield from flush()
            if bullet:
                item = _Block("li", bullet.group(1), "-")
            elif numbered:
                item = _Block("li", numbered.group(2), f"{numbered.group(1)}.")
        elif item is not None:
            item = _Block("li", f"{item.text} {line.strip()}", item.marker)
        else:
            paragraph.append(line.strip())
    yield from flush()


def document_title(markdown_text: str) -> str:
    """Return the text of the first ``#`` heading, or an empty string."""
    for block in _blocks(markdown_text):
        if block.kind == "h1":
            return block.text
    return ""


def build_pdf(markdown_text: str) -> bytes:
    """Render a Markdown document as a PDF and return its bytes.

    The first ``#`` heading becomes the PDF title metadata. Sections flow one
    after the other; a new page starts only when the current one is full (or
    when a heading would otherwise be left alone at the bottom of a page).
    """
    pdf = FPDF(format="A4", unit="mm")
    pdf.set_margins(20, 20, 20)
    pdf.set_auto_page_break(auto=True, margin=20)
    pdf.set_creation_date(_CREATION_DATE)
    pdf.set_creator("Frontdesk")
    title = document_title(markdown_text)
    if title:
        pdf.set_title(title)
    pdf.add_page()

    for block in _blocks(markdown_text):
        if block.kind in ("h1", "h2", "h3"):
            size = {"h1": 18, "h2": 14, "h3": 12}[block.kind]
            # Keep a heading together with at least two lines of what follows.
            if pdf.get_y() + size * 0.5 + 3 * _LINE_HEIGHT > pdf.page_break_trigger:
                pdf.add_page()
            elif pdf.get_y() > pdf.t_margin:
                pdf.ln(4 if block.kind != "h3" else 2)
            pdf.set_font(_FONT, style="B", size=size)
            pdf.multi_cell(0, size * 0.5, block.text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            pdf.ln(2)
        elif block.kind == "li":
            pdf.set_font(_FONT, size=_BODY_SIZE)
            pdf.set_x(pdf.l_margin + _INDENT / 2)
            pdf.cell(_INDENT, _LINE_HEIGHT, block.marker)
            pdf.multi_cell(
                pdf.epw - _INDENT * 1.5,
                _LINE_HEIGHT,
                block.text,
                new_x=XPos.LMARGIN,
                new_y=YPos.NEXT,
            )
            pdf.ln(1)
        else:
            pdf.set_font(_FONT, size=_BODY_SIZE)
            pdf.multi_cell(0, _LINE_HEIGHT, block.text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            pdf.ln(2.5)

    return bytes(pdf.output())


def build_demo_pdfs(out_dir: Path, source_dir: Path = DOCUMENTS_DIR) -> list[Path]:
    """Render every ``*.md`` in ``source_dir`` to ``out_dir/<stem>.pdf``.

    ``source_dir`` defaults to the demo clinic's documents. Returns the written
    paths, sorted by name.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for source in sorted(source_dir.glob("*.md")):
        target = out_dir / f"{source.stem}.pdf"
        target.write_bytes(build_pdf(source.read_text(encoding="utf-8")))
        written.append(target)
    return written


def main(argv: list[str] | None = None) -> None:
    """Command line: ``python -m agent.demo.pdf OUT_DIR [SOURCE_DIR]``."""
    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("source_dir", type=Path, nargs="?", default=DOCUMENTS_DIR)
    args = parser.parse_args(argv)
    for path in build_demo_pdfs(args.out_dir, args.source_dir):
        print(path)


if __name__ == "__main__":
    main()
