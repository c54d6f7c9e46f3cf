"""Content decides the type: a file whose name lies is refused with what it is and what to do."""

from __future__ import annotations

import io
import zipfile

import pytest
from PIL import Image

from knowledge.errors import UnsupportedFileType
from knowledge.extract import PDF, extract
from knowledge.index import ChromaIndex
from knowledge.library import KnowledgeBase
from tests.knowledge.builders import HOURS_EN, make_pdf, png_bytes

HTML = b"<!DOCTYPE html>\n<html><head><title>Orari</title></head><body>Aperti 8-19</body></html>"


def _image(fmt: str) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (16, 16), (10, 120, 200)).save(buf, format=fmt)
    return buf.getvalue()


def _zip(members: dict[str, str]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in members.items():
            archive.writestr(name, text)
    return buf.getvalue()


DOCX = _zip({"[Content_Types].xml": "<Types/>", "word/document.xml": "<w:document/>"})


@pytest.mark.parametrize(
    ("data", "name", "what", "todo"),
    [
        # a web page saved under a .pdf name
        (HTML, "orari.pdf", "'orari.pdf' is not a PDF (its content looks like an HTML", "to PDF"),
        # plain text renamed .pdf: say how to keep it as text
        (HOURS_EN.encode(), "hours.pdf", "looks like plain text", "rename it to .txt or .md"),
        # a photo renamed .pdf
        (_image("JPEG"), "scan.pdf", "looks like a JPEG image", "PDF with a text layer"),
        # a Word file renamed .pdf
        (DOCX, "policy.pdf", "looks like a Word document (DOCX)", "export it as PDF"),
        # a PNG named .txt
        (png_bytes(), "notes.txt", "'notes.txt' is a PNG image", "PDF with a text layer"),
        # a GIF named .md
        (_image("GIF"), "logo.md", "'logo.md' is a GIF image", "PDF with a text layer"),
        # a Word document under its own name
        (DOCX, "policy.docx", "is a Word document (DOCX)", "export it as PDF"),
        # a ZIP archive named .txt
        (_zip({"a.txt": "x"}), "docs.txt", "is a ZIP archive", "unzip it"),
        # text with NUL bytes
        (b"Orari\x00\x00\x00 di apertura\x00", "orari.txt", "binary file", "NUL bytes"),
        # UTF-16 from a Windows editor (byte-order mark first)
        (
            "Orari di apertura".encode("utf-16"),
            "orari.txt",
            "is UTF-16 text",
            "save it again with the UTF-8",
        ),
        # Latin-1 text: not UTF-8
        (
            "Il parcheggio è gratuito.".encode("latin-1"),
            "p.txt",
            "nor UTF-8 text",
            "save it again with the UTF-8",
        ),
    ],
)
def test_content_that_does_not_match_is_refused_with_advice(
    data: bytes, name: str, what: str, todo: str
) -> None:
    with pytest.raises(UnsupportedFileType) as caught:
        extract(data, name)
    message = str(caught.value)
    assert name in message
    assert what in message and todo in message, message
    assert "accepted: PDF" in message


def test_a_pdf_under_a_text_name_is_read_as_the_pdf_it_is() -> None:
    data = make_pdf([[("h", "Opening hours"), ("p", HOURS_EN)]])
    doc = extract(data, "hours.txt")
    assert doc.media_type == PDF and doc.pages == 1
    assert "Saturday from 8:00 to 12:30" in doc.text


def test_real_documents_are_still_accepted() -> None:
    assert extract(make_pdf([[("p", HOURS_EN)]]), "hours.pdf").media_type == PDF
    assert extract(f"# Hours\n\n{HOURS_EN}".encode(), "hours.md").sections[0].heading == "Hours"
    # Text that merely starts with letters used by a signature is still text.
    assert "Picture" in extract(b"PK is how we abbreviate Picture Keeping.", "pk.txt").text


def test_a_refused_upload_leaves_nothing_behind(kb: KnowledgeBase, index: ChromaIndex) -> None:
    with pytest.raises(UnsupportedFileType, match="HTML web page"):
        kb.add(HTML, "orari.pdf")
    with pytest.raises(UnsupportedFileType, match="PNG image"):
        kb.add(png_bytes(), "orari.txt")
    assert kb.list() == [] and index.count() == 0
