"""What the stages know, loaded once per process and passed in (never module-level state)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path


@dataclass
class Settings:
    """Configuration a user can change; passed to the Pipeline, never read from globals."""

    model: str | None = None
    gazetteer_path: Path | None = None
    batch_size: int = 64
    max_chars: int = 1_000_000
    relevance_gate: bool = False
    # an event a report does not date happened this many days before publication (events stage)
    undated_event_offset_days: int = 1
    extra: dict = field(default_factory=dict)


class Resources:
    """Lazily loaded knowledge shared by all stages of one Pipeline."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings()

    @cached_property
    def gazetteer(self):
        """The GeoNames index; built on first use and cached on disk."""
        from crisislens.geo import Gazetteer

        return Gazetteer.open(self.settings.gazetteer_path)
