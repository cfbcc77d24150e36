"""Session-wide fixtures: the expensive things are loaded once."""

import pytest

from crisislens.pipeline import Pipeline


@pytest.fixture(scope="session")
def pipeline() -> Pipeline:
    return Pipeline()
