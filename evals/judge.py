"""Rubric checks judged by an OpenAI-compatible model, when QA configures one."""

from __future__ import annotations

import json
import re

import prompts
from agent.llm import ChatClient, ChatMessage, LLMError
from evals.scorers import Observed

_OBJECT = re.compile(r"\{.*\}", re.DOTALL)


class ModelJudge:
    """Asks a chat model whether a reply meets a rubric; temperature 0, JSON verdict.

    The model sees only what the pipeline stored or sent: the redacted message
    and the replies. A judge that cannot be reached or answers off-format
    fails the check and says so: it is never counted as a pass.
    """

    def __init__(self, client: ChatClient, *, name: str, max_tokens: int = 200) -> None:
        self.client = client
        self.name = name
        self.max_tokens = max_tokens
        self.system = prompts.load_text("eval_judge.txt").strip()
        self.prompt_tokens = 0
        self.completion_tokens = 0

    def judge(self, rubric: str, observed: Observed) -> tuple[bool, str]:
        """Return (met, why) for ``rubric`` against the turn ``observed``."""
        user = (
            f"Patient's message:\n{observed.user}\n\n"
            f"Chatbot's reply:\n{observed.reply_text or '(no reply)'}\n\n"
            f"Rubric:\n{rubric}"
        )
        messages = [ChatMessage("system", self.system), ChatMessage("user", user)]
        try:
            completion = self.client.complete(messages, max_tokens=self.max_tokens)
        except LLMError as exc:
            return False, f"the judge could not answer ({exc}); not counted as a pass"
        self.prompt_tokens += completion.prompt_tokens
        self.completion_tokens += completion.completion_tokens
        return parse_verdict(completion.text)


def parse_verdict(text: str) -> tuple[bool, str]:
    """Read ``{"pass": bool, "reason": str}`` from the judge's reply; anything else fails."""
    match = _OBJECT.search(text)
    try:
        data = json.loads(match.group(0)) if match else None
    except ValueError:
        data = None
    if not isinstance(data, dict) or not isinstance(data.get("pass"), bool):
        return False, "the judge's answer was not a verdict; not counted as a pass"
    reason = str(data.get("reason") or "").strip() or "no reason given"
    return bool(data["pass"]), reason
