"""The clinic profile: who the clinic is and how patients reach help."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any, Self

import yaml
from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationError


class ClinicProfileError(Exception):
    """The clinic profile file is missing or invalid; the message says what to fix."""


class ClinicProfile(BaseModel):
    """Name, languages, emergency numbers, portal and contacts of one clinic.

    ``emergency_numbers`` and ``crisis_lines`` map an ISO country code (or
    ``default``) to the numbers to give a patient in danger.
    """

    model_config = ConfigDict(extra="allow", frozen=True)
    _facts: str | None = PrivateAttr(default=None)

    name: str = Field(min_length=1)
    languages: list[str] = Field(default_factory=lambda: ["it", "en", "fr", "es"])
    default_language: str = "en"
    timezone: str = "UTC"
    country: str = "default"
    emergency_numbers: dict[str, Any] = Field(default_factory=dict)
    crisis_lines: dict[str, Any] = Field(default_factory=dict)
    portal_url: str = ""
    contact_phone: str = ""
    contact_email: str = ""

    def emergency_numbers_for(self, country: str | None = None) -> list[str]:
        """Return the emergency numbers for ``country`` (the clinic's own, else ``default``)."""
        for key in (country, self.country, "default"):
            if key and key in self.emergency_numbers:
                value = self.emergency_numbers[key]
                return [str(v) for v in value] if isinstance(value, list) else [str(value)]
        return ["112"]

    def crisis_line_for(self, country: str | None = None) -> str:
        """Return "name: number" of the crisis line for ``country`` (the clinic's, else default)."""
        for key in (country, self.country, "default"):
            if key and key in self.crisis_lines:
                line = self.crisis_lines[key]
                if isinstance(line, dict):
                    name, number = line.get("name", ""), line.get("number", "")
                    return f"{name}: {number}" if name else str(number)
                return str(line)
        return ""

    def facts_text(self) -> str:
        """Return the profile as text: what a reply may state besides the documents.

        The profile is frozen, so the text is made once (it is read on every turn).
        """
        if self._facts is None:
            self._facts = yaml.safe_dump(self.model_dump(), allow_unicode=True, sort_keys=False)
        return self._facts

    def model_copy(self, *, update: Mapping[str, Any] | None = None, deep: bool = False) -> Self:
        """Copy the profile; a changed copy makes its own facts text."""
        copy = super().model_copy(update=update, deep=deep)
        copy._facts = None
        return copy

    @property
    def contact(self) -> str:
        """The contact line patients are given when the bot cannot help."""
        return self.contact_phone or self.contact_email or self.name


def load_clinic_profile(path: Path) -> ClinicProfile:
    """Read and validate a clinic profile YAML file."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ClinicProfileError(f"clinic profile {path} does not exist") from exc
    except yaml.YAMLError as exc:
        raise ClinicProfileError(f"clinic profile {path} is not valid YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise ClinicProfileError(f"clinic profile {path} must be a mapping (name: ..., ...)")
    try:
        return ClinicProfile.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        raise ClinicProfileError(f"clinic profile {path} is invalid: {problems}") from exc
