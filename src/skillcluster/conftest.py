"""Personas shared by every context's tests.

`firm` belongs to `cluster`; `outsider_firm` to another cluster with its own owner. Scoping is
switched off for the whole test (visibly, here); requests made through the test client run
under the middleware's scope like in production.
"""

import os
from dataclasses import dataclass

import pytest
from django.test import Client
from django.utils import translation
from django_scopes import scopes_disabled

from skillcluster.tenancy.domain.roles import ClusterRoleKind, FirmRole
from skillcluster.tenancy.models import Cluster, Firm, Person
from skillcluster.tenancy.tests.factories import (
    ClusterFactory,
    ClusterRoleFactory,
    FirmFactory,
    MembershipFactory,
    PersonFactory,
)


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts and ends in the default language: a request in another one leaves that language active
    in the thread (the locale middleware never switches back), and the next test would read it."""
    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _no_scopes():
    with scopes_disabled():
        yield


@dataclass
class World:
    cluster: Cluster
    firm: Firm
    outsider_firm: Firm
    owner: Person
    manager: Person  # firm manager
    employee: Person
    cluster_manager: Person
    auditor: Person
    assessor: Person
    outsider: Person  # owner of outsider_firm


@pytest.fixture
def world(db) -> World:
    cluster = ClusterFactory(name="Fermo Footwear")
    firm = FirmFactory(cluster=cluster, legal_name="Calzaturificio Rossi S.r.l.")
    outsider_firm = FirmFactory(cluster=ClusterFactory(name="Linz Plastics"), legal_name="Huber GmbH")
    people = {
        name: PersonFactory(email=f"{name}@example.org", full_name=name.replace("_", " ").title())
        for name in ("owner", "manager", "employee", "cluster_manager", "auditor", "assessor", "outsider")
    }
    MembershipFactory(person=people["owner"], firm=firm, role=FirmRole.OWNER)
    MembershipFactory(person=people["manager"], firm=firm, role=FirmRole.MANAGER)
    MembershipFactory(person=people["employee"], firm=firm, role=FirmRole.EMPLOYEE)
    MembershipFactory(person=people["outsider"], firm=outsider_firm, role=FirmRole.OWNER)
    ClusterRoleFactory(person=people["cluster_manager"], cluster=cluster, role=ClusterRoleKind.MANAGER)
    ClusterRoleFactory(person=people["auditor"], cluster=cluster, role=ClusterRoleKind.AUDITOR)
    ClusterRoleFactory(person=people["assessor"], cluster=cluster, role=ClusterRoleKind.ASSESSOR)
    return World(cluster=cluster, firm=firm, outsider_firm=outsider_firm, **people)


@pytest.fixture
def client_for(db):
    """client_for(person) → a test client logged in as that person; client_for(None) → anonymous."""

    def make(person: Person | None) -> Client:
        client = Client()
        if person is not None:
            client.force_login(person)
        return client

    return make


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_call(item: pytest.Item):
    """After a browser test's body, close the database connections its ORM checks opened while
    Playwright's loop ran; left open, they keep PostgreSQL from dropping the test database."""
    yield
    if "chromium" in getattr(item, "fixturenames", ()):
        from django.db import connections

        connections.close_all()


@pytest.fixture
def chromium(live_server):
    """Debian's chromium, launched by Playwright, for pages against the live test server."""
    from playwright.sync_api import sync_playwright

    from skillcluster.browser import CHROMIUM_ARGS, chromium_path

    executable = chromium_path()
    if executable is None:
        pytest.fail("Debian's chromium is not installed (apt-get install chromium); .ci/run installs it")
    # Playwright's sync API runs an event loop in this thread; the ORM calls the test makes are safe here.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def _page(browser, base: str, **options):
    page = browser.new_context(viewport={"width": 1280, "height": 900}, **options).new_page()
    page.base = base
    return page


@pytest.fixture
def browser_page(chromium, live_server):
    """A page with JavaScript on; `page.base` is the live server's URL."""
    return _page(chromium, live_server.url)


@pytest.fixture
def browser_page_without_js(chromium, live_server):
    """The same, with JavaScript off: every page must work without it."""
    return _page(chromium, live_server.url, java_script_enabled=False)


def browser_login(page, email: str, password: str) -> None:
    page.goto(f"{page.base}/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Django removes the SQLite test database file; its WAL side files (-wal, -shm) stay behind: remove them."""
    from pathlib import Path

    from django.conf import settings

    name = str(settings.DATABASES["default"].get("TEST", {}).get("NAME") or "")
    if name.endswith(".sqlite3"):
        for suffix in ("-wal", "-shm"):
            Path(name + suffix).unlink(missing_ok=True)
