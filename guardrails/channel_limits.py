"""The channel limits guard: rewrites a draft reply so that WhatsApp shows it as meant.

WhatsApp accepts at most 4,096 characters per text message and renders no
Markdown tables, headings or links: a model's "| Giorno | Orario |" arrives
as a wall of pipes. This guard rewrites instead of blocking:

- a Markdown table becomes one line per row ("Lunedì: 8:00–18:00");
- a ``#`` heading becomes a plain line; ``**bold**`` becomes WhatsApp's ``*bold*``;
- a link ``[portale](https://…)`` becomes "portale (https://…)";
- horizontal rules and control characters are removed;
- a text over the limit is cut at the last line or sentence end before it,
  and ends with an ellipsis.

Length is counted in UTF-16 code units (an emoji counts two), never fewer
than the characters WhatsApp counts, so a rewritten reply always fits.
"""

from __future__ import annotations

import re
import unicodedata

from guardrails.base import GuardContext, Verdict

WHATSAPP_MAX_CHARS = 4096
ELLIPSIS = "…"
_MIN_CHARS = 16

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_SEPARATOR_ROW = re.compile(r"^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$")
_PIPE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_CELL_SPLIT = re.compile(r"(?<!\\)\|")
_HEADING = re.compile(r"^ {0,3}#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
_RULE = re.compile(r"^ {0,3}(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$")
_LINK = re.compile(r"!?\[([^\]\n]+)\]\(([^)\s]+)\)")
_DOUBLE_BOLD = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_SENTENCE_END = re.compile(r"[.!?…](?=\s)|\n")
_SPACE = re.compile(r"\s")


def utf16_length(text: str) -> int:
    """Return the length of ``text`` in UTF-16 code units (emoji outside the BMP count two)."""
    return len(text.encode("utf-16-le")) // 2


class ChannelLimitsGuard:
    """Rewrite a draft so that it fits one WhatsApp message and shows no raw Markdown.

    The verdict is allowed, with ``text`` rewritten and ``reason`` listing the
    changes ("" when there were none). It is not allowed only when nothing
    sensible is left to send (an empty or whitespace-only draft), or when the
    rewrite itself fails on unexpected input (fail closed).
    """

    name = "channel_limits"

    def __init__(self, *, max_chars: int = WHATSAPP_MAX_CHARS) -> None:
        if isinstance(max_chars, bool) or not isinstance(max_chars, int) or max_chars < _MIN_CHARS:
            raise ValueError(f"max_chars must be an integer of at least {_MIN_CHARS}")
        self.max_chars = max_chars

    def check(self, text: str, context: GuardContext) -> Verdict:
        """Return the reply rewritten for the channel (see the class docstring)."""
        try:
            return self._check(text)
        except Exception as error:  # fail closed: never send what could not be made to fit
            return Verdict(
                guard=self.name,
                allowed=False,
                text=text if isinstance(text, str) else "",
                risk=1.0,
                reason=f"could not decide ({type(error).__name__}): reply not rewritten",
            )

    def _check(self, text: str) -> Verdict:
        if not isinstance(text, str):
            raise TypeError("the draft is not a string")
        changes: list[str] = []
        for rewrite in (_drop_controls, _markdown_blocks, _inline_markdown):
            text = rewrite(text, changes)
        if not text.strip():
            return Verdict(guard=self.name, allowed=False, text="", risk=1.0, reason="empty reply")
        if utf16_length(text) > self.max_chars:
            text = cut(text, self.max_chars)
            changes.append(f"cut to {self.max_chars} characters")
        return Verdict(guard=self.name, allowed=True, text=text, reason="; ".join(changes))


def _drop_controls(text: str, changes: list[str]) -> str:
    cleaned = _CONTROL.sub("", text)
    if cleaned != text:
        changes.append("control characters removed")
    return cleaned


def _inline_markdown(text: str, changes: list[str]) -> str:
    linked = _LINK.sub(_link, text)
    if linked != text:
        changes.append("links written out")
    bold = _DOUBLE_BOLD.sub(r"*\2*", linked)
    if bold != linked:
        changes.append("bold marks made single")
    return bold


def _link(match: re.Match[str]) -> str:
    label, url = match.group(1).strip(), match.group(2)
    bare = re.sub(r"^(?:https?://)?(?:www\.)?|/$", "", url)
    return url if label in (url, bare) else f"{label} ({url})"


def _markdown_blocks(text: str, changes: list[str]) -> str:
    """Flatten tables, make headings plain, drop rules; untouched text keeps its bytes."""
    lines = text.splitlines()
    if "|" not in text and "#" not in text and not any(map(_RULE.match, lines)):
        return text
    out: list[str] = []
    done: set[str] = set()
    i = 0
    while i < len(lines):
        table_end = _table_end(lines, i)
        if table_end > i:
            out += _table_lines(lines[i:table_end])
            done.add("tables flattened")
            i = table_end
            continue
        line = lines[i]
        if heading := _HEADING.match(line):
            out.append(heading.group(1))
            done.add("headings made plain")
        elif _RULE.match(line) or ("|" in line and _SEPARATOR_ROW.match(line)):
            done.add("rules removed")
        else:
            out.append(line)
        i += 1
    if not done:
        return text
    changes += sorted(done)
    return "\n".join(out)


def _table_end(lines: list[str], start: int) -> int:
    """Return the end of a Markdown table starting at ``start`` (``start`` when there is none).

    A table is a header row with a separator row ("|---|---|") under it, or
    at least two rows that start and end with a pipe.
    """
    if start + 1 >= len(lines) or "|" not in lines[start]:
        return start
    below = lines[start + 1]
    with_header = "|" in below and _SEPARATOR_ROW.match(below)
    if not with_header and not (_PIPE_ROW.match(lines[start]) and _PIPE_ROW.match(below)):
        return start
    end = start + 2
    while end < len(lines) and "|" in lines[end] and lines[end].strip():
        end += 1
    return end


def _cells(row: str) -> list[str]:
    row = row.strip()
    row = row[1:] if row.startswith("|") else row
    row = row[:-1] if row.endswith("|") and not row.endswith("\\|") else row
    return [cell.strip().replace("\\|", "|") for cell in _CELL_SPLIT.split(row)]


def _table_lines(rows: list[str]) -> list[str]:
    """Turn rows into lines: "Lunedì: 8:00–18:00"; "RM: Prezzo 230 EUR, Durata 30 min"."""
    header: list[str] = []
    if len(rows) > 1 and _SEPARATOR_ROW.match(rows[1]):
        header, rows = _cells(rows[0]), rows[2:]
    lines: list[str] = []
    for row in rows:
        if _SEPARATOR_ROW.match(row):
            continue
        cells = _cells(row)
        first, rest = cells[0], cells[1:]
        if len(cells) > 2 and header:
            labels = header[1:] + [""] * len(rest)
            rest = [
                f"{label} {cell}".strip() if cell else ""
                for label, cell in zip(labels, rest, strict=False)
            ]
        values = ", ".join(cell for cell in rest if cell)
        line = f"{first}: {values}" if first and values else first or values
        if line:
            lines.append(line)
    return lines


def cut(text: str, limit: int) -> str:
    """Cut ``text`` to at most ``limit`` UTF-16 units, at a line or sentence end, plus "…".

    The last line break or sentence end in the second half of the allowance
    wins; failing that, the last space; failing that, the last whole
    character (never inside an accented letter or a combined emoji).
    """
    if utf16_length(text) <= limit:
        return text
    end, size, budget = 0, 0, limit - utf16_length(" " + ELLIPSIS)
    while end < len(text) and size + (2 if ord(text[end]) > 0xFFFF else 1) <= budget:
        size += 2 if ord(text[end]) > 0xFFFF else 1
        end += 1
    prefix, half = text[:end], end // 2
    boundaries = [m.end() for m in _SENTENCE_END.finditer(prefix) if m.end() >= half]
    spaces = [m.start() for m in _SPACE.finditer(prefix) if m.start() >= half]
    if boundaries or spaces:
        end = boundaries[-1] if boundaries else spaces[-1]
    else:
        while 0 < end < len(text) and _continues(text, end):
            end -= 1
    return f"{text[:end].rstrip()} {ELLIPSIS}"


def _continues(text: str, index: int) -> bool:
    """Tell whether ``text[index]`` belongs to the character before it (accent, emoji part)."""
    char = text[index]
    return bool(
        unicodedata.combining(char)
        or char in "\u200d\ufe0e\ufe0f"
        or 0x1F3FB <= ord(char) <= 0x1F3FF
        or text[index - 1] == "\u200d"
    )
