"""Patient-facing messages and prompt templates, per language, kept as data files."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml

LANGUAGES = ("it", "fr", "en", "es")
FALLBACK_LANGUAGE = "en"


class PromptError(Exception):
    """A message key or template is missing; the message names the file to fix."""


@cache
def _messages(language: str) -> dict[str, str]:
    path = resources.files(__package__).joinpath("messages", f"{language}.yaml")
    data: Any = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise PromptError(f"prompts/messages/{language}.yaml must be a mapping of key: text")
    return {str(k): str(v) for k, v in data.items()}


def message(key: str, language: str, /, **values: object) -> str:
    """Return the canned message ``key`` in ``language`` with ``values`` filled in.

    An unsupported language falls back to English; a missing key is a bug in
    the message files and raises :class:`PromptError`.
    """
    lang = language if language in LANGUAGES else FALLBACK_LANGUAGE
    texts = _messages(lang)
    if key not in texts:
        raise PromptError(f"message {key!r} is missing from prompts/messages/{lang}.yaml")
    return texts[key].format(**values).strip()


@cache
def load_text(name: str) -> str:
    """Return the prompt template file ``name`` (e.g. ``system_answer.txt``)."""
    path = resources.files(__package__).joinpath(name)
    if not path.is_file():
        raise PromptError(f"prompt template prompts/{name} does not exist")
    return path.read_text(encoding="utf-8")
