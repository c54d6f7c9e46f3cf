"""The LLM composer: a chat model writes the reply from approved passages, citing them.

The request holds exactly three things — the system prompt
(``prompts/system_answer.txt``), the redacted question and the retrieved
passages, numbered and trimmed to a token budget — never earlier turns, names
or anything else. The model cites passages as ``[n]``; those markers become
the draft's citations and are removed from the text. When the model is
unreachable the composer hands the question to its fallback composer.
"""

from __future__ import annotations

import dataclasses
import logging
import re

import prompts
from agent.composers.base import Citation, Composer, Draft
from agent.llm import (
    ChatClient,
    ChatMessage,
    LLMError,
    count_tokens,
    request_body,
    truncate_tokens,
)
from agent.observability import event
from knowledge.types import Passage

logger = logging.getLogger("frontdesk.composer.llm")

NO_ANSWER = "NO_ANSWER"

# A truncated passage shorter than this tells the model nothing; drop it instead.
MIN_TRUNCATED_TOKENS = 32

LANGUAGE_NAMES = {"it": "Italian", "fr": "French", "en": "English", "es": "Spanish", "de": "German"}

# "[1]", "[1, 2]", "[1][3]", "[ 2 ]": bracketed passage numbers (a "[2023]" in text is no citation).
_CITATION = re.compile(r"\[\s*(\d{1,2}(?:\s*[,;]\s*\d{1,2})*)\s*\]")
_SPACE_BEFORE_PUNCT = re.compile(r"\s+([.,;:!?])")


class LLMComposer:
    """Asks a chat model to answer from the passages; falls back when the model fails.

    ``max_context_tokens`` bounds the whole prompt (system prompt, question and
    passages, counted with cl100k as an estimate); passages are dropped from
    the lowest-ranked up, and the last one that still partly fits is cut.
    """

    name = "llm"

    def __init__(
        self,
        *,
        client: ChatClient,
        fallback: Composer,
        max_context_tokens: int = 1500,
        max_answer_tokens: int = 300,
        system_prompt: str | None = None,
    ) -> None:
        self.client = client
        self.fallback = fallback
        self.max_context_tokens = max_context_tokens
        self.max_answer_tokens = max_answer_tokens
        self.system_prompt = (
            system_prompt if system_prompt is not None else prompts.load_text("system_answer.txt")
        ).strip()

    def compose(self, question: str, passages: list[Passage], language: str) -> Draft:
        """Return the model's cited answer, ungrounded on NO_ANSWER, the fallback's on error."""
        if not passages:
            return Draft(text="", grounded=False, composer=self.name)
        used, messages = self.build_request(question, passages, language)
        if not used:  # not even a cut passage fits the budget: nothing to answer from
            return Draft(text="", grounded=False, composer=self.name)
        body = request_body(messages, max_tokens=self.max_answer_tokens)
        try:
            completion = self.client.complete(messages, max_tokens=self.max_answer_tokens)
        except LLMError as exc:
            cause = exc.__cause__ if exc.__cause__ is not None else exc
            event(logger, "llm_fallback", error=type(cause).__name__, kind=exc.kind)
            draft = self.fallback.compose(question, passages, language)
            # The request was sent (or tried): it stays on record for audits.
            return dataclasses.replace(draft, llm_requests=(*draft.llm_requests, body))
        return parse_reply(completion.text, used, composer=self.name, request=body)

    def build_request(
        self, question: str, passages: list[Passage], language: str
    ) -> tuple[list[Passage], list[ChatMessage]]:
        """Return the passages that fit the budget and the messages that carry them."""
        head = _question_block(question, language)
        budget = self.max_context_tokens - count_tokens(self.system_prompt) - count_tokens(head)
        blocks: list[str] = []
        used: list[Passage] = []
        for passage in passages:
            number = len(used) + 1
            block = _passage_block(number, passage, passage.text)
            cost = count_tokens(block) + 2  # the blank line between blocks
            if cost <= budget:
                blocks.append(block)
                used.append(passage)
                budget -= cost
                continue
            # Cut this passage to what is left, if that is still worth reading.
            overhead = count_tokens(_passage_block(number, passage, "")) + 2
            room = budget - overhead
            if room >= MIN_TRUNCATED_TOKENS:
                blocks.append(_passage_block(number, passage, truncate_tokens(passage.text, room)))
                used.append(passage)
            break
        user = "Passages:\n\n" + "\n\n".join(blocks) + "\n\n" + head
        messages = [ChatMessage("system", self.system_prompt), ChatMessage("user", user)]
        return used, messages


def parse_reply(
    text: str, used: list[Passage], *, composer: str, request: dict[str, object]
) -> Draft:
    """Turn the model's reply into a draft: citations from ``[n]``, markers removed."""
    reply = text.strip()
    if not reply or NO_ANSWER in reply or not used:
        return Draft(text="", grounded=False, composer=composer, llm_requests=(request,))
    cited: list[Passage] = []
    for match in _CITATION.finditer(reply):
        for number in re.split(r"\s*[,;]\s*", match.group(1)):
            index = int(number) - 1
            if 0 <= index < len(used) and used[index] not in cited:
                cited.append(used[index])
    if not cited:
        cited = [used[0]]
    clean = _SPACE_BEFORE_PUNCT.sub(r"\1", _CITATION.sub("", reply))
    clean = re.sub(r"[ \t]{2,}", " ", clean).strip()
    if not clean:  # the model sent only markers
        return Draft(text="", grounded=False, composer=composer, llm_requests=(request,))
    citations = tuple(dict.fromkeys(_citation(p) for p in cited))
    return Draft(
        text=clean, citations=citations, grounded=True, composer=composer, llm_requests=(request,)
    )


def _citation(passage: Passage) -> Citation:
    return Citation(document_id=passage.document_id, title=passage.title, page=passage.page)


def _passage_block(number: int, passage: Passage, text: str) -> str:
    title = passage.title
    if passage.heading and passage.heading != passage.title:
        title = f"{title} — {passage.heading}"
    return f"[{number}] {title}\n{text}".rstrip()


def _question_block(question: str, language: str) -> str:
    name = LANGUAGE_NAMES.get(language)
    lang = f"{language} ({name})" if name else language
    return f"Patient language: {lang}\nQuestion: {question.strip()}"
