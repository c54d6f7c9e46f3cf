"""Extraction: type by content, pages and headings, and the right error for each bad upload."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader, PdfWriter

from knowledge.errors import (
    CorruptDocument,
    EncryptedDocument,
    NoExtractableText,
    UnsupportedFileType,
)
from knowledge.extract import MARKDOWN, PDF, PLAIN_TEXT, extract
from tests.knowledge.builders import HOURS_EN, PARKING_EN, image_only_pdf, make_pdf, png_bytes


def _two_page_pdf(title: str | None = None) -> bytes:
    return make_pdf(
        [
            [("h", "Opening hours"), ("p", HOURS_EN)],
            [
                ("p", "Reception answers the phone from 9:00 to 17:00."),
                ("h", "Parking"),
                ("p", PARKING_EN),
            ],
        ],
        title=title,
    )


def test_pdf_keeps_pages_and_headings() -> None:
    doc = extract(_two_page_pdf(), "info.pdf")
    assert doc.media_type == PDF
    assert doc.pages == 2
    assert [(s.page, s.heading) for s in doc.sections] == [
        (1, "Opening hours"),
        (2, "Opening hours"),  # the heading in force carries over to the next page
        (2, "Parking"),
    ]
    assert "Saturday from 8:00 to 12:30" in doc.sections[0].text
    assert "\n" not in doc.sections[0].text  # wrapped lines were joined back
    assert doc.title == "Opening hours"  # no metadata: the first heading


def test_pdf_title_prefers_metadata() -> None:
    assert extract(_two_page_pdf(title="Clinic guide"), "x.pdf").title == "Clinic guide"


def test_pdf_short_lines_in_a_row_are_a_list_not_headings() -> None:
    data = make_pdf(
        [
            [
                ("h", "Hours"),
                ("p", HOURS_EN),
                ("line", "Monday 8:00-19:00"),
                ("line", "Tuesday 8:00-19:00"),
                ("line", "Saturday 8:00-12:30"),
            ]
        ]
    )
    (section,) = extract(data, "h.pdf").sections
    assert section.heading == "Hours"
    assert section.text.endswith("Monday 8:00-19:00\nTuesday 8:00-19:00\nSaturday 8:00-12:30")


def test_pdf_dehyphenates_wrapped_words() -> None:
    words = "Appointments can be booked online or by phone; " * 2
    text = words + "cancel-\nlations need twenty-four hours of notice."
    data = make_pdf([[("h", "Booking"), ("p", text)]])
    assert "cancellations need" in extract(data, "b.pdf").sections[0].text


def test_markdown_headings_become_sections() -> None:
    md = (
        "# Clinic guide\n\nWelcome.\n\n## Opening hours\n\n"
        + HOURS_EN
        + "\n\n## Parking\n"
        + PARKING_EN
    )
    doc = extract(md.encode(), "guide.md")
    assert doc.media_type == MARKDOWN
    assert doc.title == "Clinic guide"
    assert [s.heading for s in doc.sections] == ["Clinic guide", "Opening hours", "Parking"]
    assert {s.page for s in doc.sections} == {1}


def test_markdown_detected_by_content_under_a_txt_name() -> None:
    doc = extract(b"## Orari\nAperti dalle 8:00.\n", "orari.txt")
    assert doc.media_type == MARKDOWN
    assert doc.sections[0].heading == "Orari"


def test_plain_text_with_bom_and_messy_spaces() -> None:
    doc = extract("\ufeffParcheggio\n\nIl   parcheggio è\tgratuito.\r\n".encode(), "p.txt")
    assert doc.media_type == PLAIN_TEXT
    assert doc.title == "Parcheggio"
    assert doc.sections[-1].text == "Il parcheggio è gratuito."


@pytest.mark.parametrize(
    ("data", "name", "error", "message"),
    [
        # a PNG renamed .pdf: the name lies, the content decides
        (png_bytes(), "orari.pdf", UnsupportedFileType, "accepted: PDF"),
        # a zip archive
        (
            b"PK\x03\x04\x14\x00\x00\x00\x08\x00\xff\xfe\x00\x00",
            "a.docx",
            UnsupportedFileType,
            "accepted",
        ),
        # ASCII with NUL bytes is binary, not text
        (b"abc\x00\x00\x00def", "x.txt", UnsupportedFileType, "binary"),
        # the PDF magic and nothing readable after it
        (
            b"%PDF-1.7\n this is not really a pdf",
            "broken.pdf",
            CorruptDocument,
            "could not be read as a PDF",
        ),
        # a scanned page: only a picture
        (image_only_pdf(), "scan.pdf", NoExtractableText, "no text layer"),
        # empty text file
        (b"  \n\n", "empty.txt", NoExtractableText, "empty"),
    ],
)
def test_bad_uploads_raise_the_right_error(
    data: bytes, name: str, error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=message):
        extract(data, name)


def test_truncated_pdf_is_corrupt() -> None:
    data = _two_page_pdf()
    with pytest.raises(CorruptDocument, match="could not be read as a PDF"):
        extract(data[: len(data) // 3], "cut.pdf")


def _encrypt(data: bytes, user_password: str) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password=user_password, owner_password="owner", algorithm="AES-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_password_protected_pdf_is_refused() -> None:
    with pytest.raises(EncryptedDocument, match="encrypted; upload an unprotected copy"):
        extract(_encrypt(_two_page_pdf(), "secret"), "locked.pdf")
    assert issubclass(EncryptedDocument, CorruptDocument)


def test_pdf_restricted_only_by_owner_password_is_read() -> None:
    doc = extract(_encrypt(_two_page_pdf(), ""), "restricted.pdf")
    assert doc.pages == 2 and "Saturday" in doc.sections[0].text


def test_soft_hyphens_joiners_and_typographic_hyphens() -> None:
    # as a word processor exports them: a soft hyphen where a word broke at a line end,
    # another inside a word, a zero-width joiner, a non-breaking hyphen
    text = "Réservations\n\nLa réser\u00ad\nvation est pos\u00adsible\u200d le week\u2011end."
    (section,) = extract(text.encode("utf-8"), "r.txt").sections
    assert section.text == "La réservation est possible le week-end."
