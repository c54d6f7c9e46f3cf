"""The bundled demo clinic: its profile and its approved source documents."""

from __future__ import annotations

from pathlib import Path

DEMO_DIR: Path = Path(__file__).resolve().parent
"""Folder of the demo clinic."""

CLINIC_PROFILE: Path = DEMO_DIR / "clinic.yaml"
"""Clinic profile of the demo clinic (Poliambulatorio San Luca)."""

DOCUMENTS_DIR: Path = DEMO_DIR / "documents"
"""Markdown sources of the demo clinic's documents, one file per document and language."""

__all__ = ["CLINIC_PROFILE", "DEMO_DIR", "DOCUMENTS_DIR"]
