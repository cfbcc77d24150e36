"""Session-wide fixtures: the expensive things are loaded once."""

import pytest

from crisislens.pipeline import Pipeline


@pytest.fixture(scope="session")
def pipeline() -> Pipeline:
    return Pipeline()


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"]


@pytest.fixture(scope="session")
def browser():
    """One headless Debian chromium for every browser test: Playwright's sync API allows one
    driver per process, so two test modules cannot each start their own."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def pg_url():
    """One PostgreSQL server for every test that claims PostgreSQL (started here unless
    CRISISLENS_TEST_PG names one), rather than a cluster per test module."""
    from pg_server import postgres_server

    with postgres_server() as url:
        yield url


@pytest.fixture(params=["duckdb", "postgres"])
def target(request, tmp_path):
    """A fresh store location on each database: a DuckDB file, then a new PostgreSQL database."""
    if request.param == "duckdb":
        return str(tmp_path / "events.duckdb")
    from pg_server import fresh_database

    return fresh_database(request.getfixturevalue("pg_url"))
