"""Trust at the door, in Chromium against real servers (`cxmaturity serve`): the address a
server believes, one seat per browser, the roster's removals, and facilitator sign-in with
OpenID Connect against a real provider the test starts."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from sqlalchemy import select

from cxmaturity.i18n import t
from cxmaturity.questionnaire import default_questionnaire
from cxmaturity.store.factory import open_store
from cxmaturity.store.tables import join_attempts
from cxmaturity.workshops.views import NewWorkshop
from tests.browser import TIMEOUT, expect_progress, wait_idle
from tests.conftest import LaunchedServer, StreamlitServer
from tests.oidc_provider import free_port, have_node, oidc_provider
from tests.test_oidc_harness import sign_in, write_secrets

Q = default_questionnaire()
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1440, "height": 900}


@contextmanager
def server(tmp: Path, port: int | None = None, **env: str) -> Iterator[LaunchedServer]:
    tmp.mkdir(parents=True, exist_ok=True)
    launched = LaunchedServer(f"sqlite:///{tmp / 'door.db'}", tmp / "door.log", env, port)
    try:
        launched.wait_until_healthy(timeout=60)
        yield launched
    finally:
        launched.stop()


def open_workshop(database_url: str, anonymity: str = "anonymous") -> tuple[str, str, str]:
    store = open_store(database_url)
    try:
        access = store.workshops.create_workshop(
            NewWorkshop(
                organisation="Porte SA",
                workshop_date=dt.date(2026, 12, 2),
                language="fr",
                questionnaire_id=Q.id,
                questionnaire_version=Q.version,
                anonymity=anonymity,
                role_figures="open",
            )
        )
        view = store.workshops.open_workshop(access.workshop_id, access.token)
        assert view.join_code
        return access.workshop_id, access.token, view.join_code
    finally:
        store.dispose()


def wrong_code_addresses(database_url: str) -> list[str]:
    store = open_store(database_url)
    try:
        assert store.engine is not None
        with store.engine.connect() as connection:
            return list(connection.execute(select(join_attempts.c.client_key)).scalars())
    finally:
        store.dispose()


def type_a_wrong_code(browser: Any, url: str, forwarded: str) -> None:
    from playwright.sync_api import expect

    context = browser.new_context(extra_http_headers={"X-Forwarded-For": forwarded})
    try:
        page = context.new_page()
        page.goto(f"{url}/join?code=ZZZ0000&lang=fr")
        expect(page.get_by_text(t("error_invalid_join_code", "fr"))).to_be_visible(timeout=TIMEOUT)
    finally:
        context.close()


def join(page: Any, url: str, code: str, role: str) -> None:
    page.goto(f"{url}/join?code={code}&lang=fr")
    page.get_by_role("combobox", name=t("join_role_label", "fr")).click()
    page.get_by_role("option", name=Q.roles_by_id[role].label("fr"), exact=True).click()
    page.get_by_role("button", name=t("join_submit", "fr")).click()
    page.wait_for_url(re.compile(r"/answer\?p="), timeout=TIMEOUT)


def resume_token(url: str) -> str:
    return parse_qs(urlsplit(url).query)["p"][0]


def first_answer(page: Any) -> None:
    question = Q.sections[0].questions[0]
    group = page.get_by_role("radiogroup", name=question.text("fr"), exact=True)
    group.get_by_test_id("stRadioOption").nth(2).click()
    expect_progress(page, Q, 1, "fr")


# --- the client's address -------------------------------------------------------------


def test_a_spoofed_forwarded_for_is_ignored_unless_a_trusted_proxy_sent_it(
    browser: Any, tmp_path: Path
) -> None:
    with server(tmp_path / "direct") as direct:
        type_a_wrong_code(browser, direct.url, "203.0.113.9")
        # Loopback peer, not a trusted proxy: the header chose nothing.
        assert wrong_code_addresses(direct.database_url) == ["address:local"]
    with server(tmp_path / "proxied", CXM_TRUSTED_PROXIES="127.0.0.1") as proxied:
        # A proxy on 127.0.0.1 appends the real client to whatever the client sent:
        # the right-most address that is not a trusted proxy is the client.
        type_a_wrong_code(browser, proxied.url, "6.6.6.6, 198.51.100.7")
        assert wrong_code_addresses(proxied.database_url) == ["address:198.51.100.7"]


# --- one seat per browser, the roster -----------------------------------------------------


def test_back_then_the_code_again_is_the_same_seat_with_its_answers(
    browser: Any, streamlit_server: StreamlitServer, screenshots: Path
) -> None:
    from playwright.sync_api import expect

    workshop_id, token, code = open_workshop(streamlit_server.database_url)
    context = browser.new_context(viewport=PHONE, locale="fr-FR")
    try:
        page = context.new_page()
        join(page, streamlit_server.url, code, "sales")
        first_answer(page)
        seat = page.url
        page.go_back()  # to the join page…
        page.get_by_label(t("join_code_label", "fr")).fill(code)  # …and the code again
        page.get_by_role("button", name=t("join_continue", "fr")).click()
        expect(page.get_by_text(t("join_already", "fr"))).to_be_visible(timeout=TIMEOUT)
        wait_idle(page)
        page.screenshot(path=screenshots / "join-already-phone.png", full_page=True)
        page.get_by_role("link", name=t("join_resume", "fr")).click()
        page.wait_for_url(re.compile(r"/answer\?p="), timeout=TIMEOUT)
        expect_progress(page, Q, 1, "fr")
        assert resume_token(page.url) == resume_token(seat)

        # A new tab in the same browser, the code typed again: its cookie brings it back
        # to the same seat (a new link, the same answers).
        other = context.new_page()
        join(other, streamlit_server.url, code, "sales")
        expect_progress(other, Q, 1, "fr")
    finally:
        context.close()
    store = open_store(streamlit_server.database_url)
    try:
        assert store.workshops.progress(workshop_id, token).joined == 1
    finally:
        store.dispose()


def test_the_facilitator_removes_a_seat_and_the_counts_follow(
    browser: Any, streamlit_server: StreamlitServer, screenshots: Path
) -> None:
    from playwright.sync_api import expect

    workshop_id, token, code = open_workshop(streamlit_server.database_url)
    for role in ("sales", "cx"):
        context = browser.new_context(viewport=PHONE, locale="fr-FR")
        try:
            page = context.new_page()
            join(page, streamlit_server.url, code, role)
            first_answer(page)
        finally:
            context.close()
    context = browser.new_context(viewport=DESKTOP, locale="fr-FR")
    try:
        page = context.new_page()
        page.goto(f"{streamlit_server.url}/facilitate?w={workshop_id}&t={token}&lang=fr")
        views = page.get_by_role("radiogroup", name=t("console_view", "fr"))
        views.get_by_role("radio", name=t("view_progress", "fr"), exact=True).click()
        joined = page.get_by_test_id("stMetric").filter(has_text=t("progress_joined", "fr"))
        expect(joined).to_contain_text("2", timeout=TIMEOUT)
        page.get_by_role("button", name=t("remove_menu", "fr")).click()
        page.get_by_role("combobox", name=t("remove_pick", "fr")).click()
        page.get_by_role("option", name=re.compile("^" + Q.roles_by_id["cx"].label("fr"))).click()
        wait_idle(page)
        page.screenshot(path=screenshots / "console-remove-desktop.png", full_page=True)
        page.get_by_role("button", name=t("remove_now", "fr")).click()
        expect(page.get_by_text(t("progress_removed", "fr", n=1))).to_be_visible(timeout=TIMEOUT)
        expect(joined).to_contain_text("1", timeout=TIMEOUT)
        wait_idle(page)
        page.screenshot(path=screenshots / "console-removed-desktop.png", full_page=True)
    finally:
        context.close()
    store = open_store(streamlit_server.database_url)
    try:
        archive = store.workshops.archive(workshop_id, token)
        assert [p.role for p in archive.participants] == ["sales"]
    finally:
        store.dispose()


# --- facilitator sign-in ------------------------------------------------------------------


@pytest.mark.skipif(not have_node(), reason="Node.js is missing: the test OIDC provider needs it")
def test_a_facilitator_signs_in_creates_a_workshop_and_opens_it_without_the_link(
    browser: Any, tmp_path: Path, screenshots: Path
) -> None:
    from playwright.sync_api import expect

    port = free_port()
    url = f"http://127.0.0.1:{port}"
    with oidc_provider(f"{url}/oauth2callback", log_dir=tmp_path) as provider:
        write_secrets(tmp_path, provider)  # ~/.streamlit/secrets.toml, HOME being tmp_path
        with server(tmp_path, port=port, HOME=str(tmp_path)) as app:
            context = browser.new_context(viewport=DESKTOP, locale="fr-FR")
            try:
                page = context.new_page()
                page.goto(f"{app.url}/new?lang=fr")
                expect(page.get_by_text(t("signin_needed", "fr"))).to_be_visible(timeout=TIMEOUT)
                assert page.get_by_label(t("new_organisation", "fr")).count() == 0
                wait_idle(page)
                page.screenshot(path=screenshots / "new-sign-in-desktop.png", full_page=True)
                page.get_by_role("button", name=t("signin", "fr")).click()
                sign_in(page, app, provider)  # type: ignore[arg-type]
                page.goto(f"{app.url}/new?lang=fr")
                expect(page.get_by_text("ana@example.com")).to_be_visible(timeout=TIMEOUT)
                page.get_by_label(t("new_organisation", "fr")).fill("Signée SA")
                page.get_by_role("button", name=t("new_submit", "fr")).click()
                expect(page.get_by_text(t("new_created", "fr"))).to_be_visible(timeout=TIMEOUT)

                page.goto(f"{app.url}/?lang=fr")
                mine = page.get_by_role("link", name=re.compile("^Signée SA"))
                expect(mine).to_be_visible(timeout=TIMEOUT)
                wait_idle(page)
                page.screenshot(path=screenshots / "home-signed-in-desktop.png", full_page=True)
                mine.click()
                page.wait_for_url(re.compile(r"/facilitate\?w="), timeout=TIMEOUT)
                assert "t=" not in page.url  # opened as its signed-in owner, no link
                expect(page.get_by_role("heading", name="Signée SA")).to_be_visible(timeout=TIMEOUT)
            finally:
                context.close()
