"""Small documents built in memory for the knowledge tests (fpdf2 core fonts: latin-1 only)."""

from __future__ import annotations

import io

from fpdf import FPDF
from PIL import Image


def make_pdf(pages: list[list[tuple[str, str]]], *, title: str | None = None) -> bytes:
    """Build a PDF; each page is a list of ("h" | "p" | "line", text) blocks (latin-1 only)."""
    pdf = FPDF()
    if title:
        pdf.set_title(title)
    for blocks in pages:
        pdf.add_page()
        for kind, text in blocks:
            if kind == "h":
                pdf.set_font("Helvetica", "B", 14)
                pdf.cell(0, 10, text, new_x="LMARGIN", new_y="NEXT")
            elif kind == "line":
                pdf.set_font("Helvetica", size=11)
                pdf.cell(0, 7, text, new_x="LMARGIN", new_y="NEXT")
            else:
                pdf.set_font("Helvetica", size=11)
                pdf.multi_cell(0, 6, text, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def png_bytes() -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (64, 32), (200, 30, 30)).save(buf, format="PNG")
    return buf.getvalue()


def image_only_pdf() -> bytes:
    """A 'scanned' PDF: one page holding only a picture, no text layer."""
    pdf = FPDF()
    pdf.add_page()
    pdf.image(Image.new("RGB", (400, 300), (240, 240, 240)), x=10, y=10, w=180)
    return bytes(pdf.output())


HOURS_EN = (
    "The clinic is open Monday to Friday from 8:00 to 19:00 and on Saturday from 8:00 "
    "to 12:30. On Sundays and public holidays the clinic is closed."
)
PARKING_EN = (
    "Free parking for patients is available behind the building, with forty spaces. "
    "Bicycles can be left in the covered rack next to the entrance."
)
RESULTS_EN = (
    "Blood test results are published on the patient portal within three working days. "
    "Printed copies can be collected at reception with an identity document."
)


def toy_language(text: str) -> str:
    """Tell Italian from English by a few function words; good enough for tests."""
    words = set(text.lower().split())
    if words & {"il", "la", "è", "di", "per", "dalle", "alle", "sono"}:
        return "it"
    return "en" if words & {"the", "is", "and", "of", "to", "are"} else "und"
