"""The one settings class, read from the environment (prefix ``FRONTDESK_``) and ``.env``."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PLACEHOLDER_SECRETS = {"changeme", "change-me", "secret", "xxx", "todo", "your-token-here"}


def _default_cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "frontdesk"


class Settings(BaseSettings):
    """Everything configurable about one Frontdesk deployment.

    Only ``server.py`` and the CLI build this; every other module takes plain
    arguments, so tests never touch the environment.
    """

    model_config = SettingsConfigDict(
        env_prefix="FRONTDESK_", env_file=".env", env_file_encoding="utf-8", extra="ignore"
    )

    data_dir: Path = Path("data")
    database_url: str | None = None
    chroma_url: str | None = None
    llm: Literal["extractive", "openai", "local"] = "extractive"
    llm_model: str = "gpt-4o-mini"
    llm_timeout_s: float = Field(default=20.0, gt=0)
    clinic: Path | None = None
    max_message_chars: int = Field(default=4096, gt=0)
    max_upload_bytes: int = Field(default=20 * 1024 * 1024, gt=0)
    max_upload_pages: int = Field(default=300, gt=0)
    # Where fitted guard classifiers are kept between starts (shared by data directories).
    cache_dir: Path = Field(default_factory=lambda: _default_cache_dir())
    semantic_guards: bool = True
    # Conversations idle longer than this are purged (daily by the server, or `frontdesk purge`).
    retention_days: int = Field(default=90, ge=1)
    # The model that judges eval rubrics, on the OpenAI-compatible endpoint below
    # (unset: rubric checks are reported as skipped).
    eval_judge_model: str | None = None

    # The standard OpenAI variables (no prefix), for any OpenAI-compatible server.
    openai_base_url: str | None = Field(default=None, validation_alias="OPENAI_BASE_URL")
    openai_api_key: SecretStr | None = Field(default=None, validation_alias="OPENAI_API_KEY")

    whatsapp_verify_token: SecretStr | None = None
    whatsapp_app_secret: SecretStr | None = None
    whatsapp_access_token: SecretStr | None = None
    whatsapp_phone_number_id: str | None = None
    whatsapp_api_url: str = "https://graph.facebook.com/v21.0"
    # About one message per 6 s to one user is what WhatsApp sustains; replies due together merge.
    whatsapp_pace_s: float = Field(default=6.0, ge=0)
    whatsapp_retry_base_s: float = Field(default=2.0, gt=0)
    whatsapp_max_attempts: int = Field(default=12, ge=1)
    # How long a worker holds an update, message or send before another may take it over
    # (after a crash); longer than the slowest answer.
    whatsapp_lease_s: float = Field(default=60.0, gt=0)
    # Where the WhatsApp workers run: a child process of the server (acknowledgements never
    # wait for an answer being worked out) or threads of the server's process.
    whatsapp_worker: Literal["process", "thread"] = "process"
    # SQLite's commit durability: FULL survives a power cut; NORMAL survives a crashed
    # process (the WhatsApp worker process uses it: what it loses is work it redoes).
    sqlite_synchronous: Literal["FULL", "NORMAL"] = "FULL"
    # A pre-approved template inviting the patient to write, sent when a staff reply
    # waits outside the 24-hour window (unset: the reply waits for the patient).
    whatsapp_reopen_template: str | None = None

    @field_validator(
        "openai_api_key", "whatsapp_verify_token", "whatsapp_app_secret", "whatsapp_access_token"
    )
    @classmethod
    def _refuse_placeholder_secrets(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and value.get_secret_value().strip().lower() in PLACEHOLDER_SECRETS:
            raise ValueError("is a placeholder value; set the real secret or leave it unset")
        return value

    @property
    def resolved_database_url(self) -> str:
        """The database URL, defaulting to SQLite inside the data directory."""
        return self.database_url or f"sqlite:///{(self.data_dir / 'frontdesk.db').resolve()}"

    @property
    def chroma_path(self) -> Path:
        """Where the embedded Chroma keeps its files."""
        return self.data_dir / "chroma"
