"""Streamlit's built-in sign-in (st.login, st.user, st.logout) against a real OIDC provider.

The provider is oidc-provider on Node (tests/oidc, started by tests/oidc_provider.py) on plain
http on loopback; the app is tests/fixtures/oidc_app.py run by a real `streamlit run` server;
the person is Debian's Chromium driven by Playwright. The whole round trip: Log in → the
provider's sign-in form → its consent form → back in the app as ana@example.com → Log out →
the provider's sign-out confirmation → back in the app, signed out, and signed out at the
provider too (the next Log in asks for the password again).
"""

from __future__ import annotations

import os
import secrets
import shutil
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import pytest

from tests.oidc_provider import OIDCProvider, free_port, have_node, oidc_provider

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.server,
    pytest.mark.skipif(not have_node(), reason="Node.js is missing: the OIDC provider runs on it"),
]

APP = Path(__file__).resolve().parent / "fixtures" / "oidc_app.py"
TIMEOUT = 20_000  # ms, for each thing the person waits to see
LOGIN = "ana@example.com"
#: What st.user holds after signing in: the ID token's claims (Streamlit never calls the
#: userinfo endpoint), plus Streamlit's is_logged_in, provider and tokens (empty unless
#: `expose_tokens` is set in [auth]).
USER_KEYS = {
    "aud", "email", "email_verified", "exp", "iat", "iss", "name", "nonce", "sub",
    "is_logged_in", "provider", "tokens",
}  # fmt: skip


@dataclass(frozen=True)
class App:
    url: str
    log: Path


def _toml(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def write_secrets(directory: Path, provider: OIDCProvider) -> Path:
    """`.streamlit/secrets.toml` in the app's working directory, where Streamlit looks."""
    path = directory / ".streamlit" / "secrets.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        "[auth]\n"
        f"redirect_uri = {_toml(provider.redirect_uri)}\n"
        f"cookie_secret = {_toml(secrets.token_urlsafe(32))}\n"
        f"client_id = {_toml(provider.client_id)}\n"
        f"client_secret = {_toml(provider.client_secret)}\n"
        f"server_metadata_url = {_toml(provider.metadata_url)}\n"
    )
    return path


def wait_healthy(url: str, process: subprocess.Popen[bytes], log: Path, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited ({process.returncode}): {log.read_text()}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as answer:  # noqa: S310 - loopback
                if answer.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.1)
    raise TimeoutError(f"{url} did not become healthy in {timeout:.0f}s: {log.read_text()}")


@pytest.fixture
def signed_in_app(tmp_path: Path) -> Iterator[tuple[App, OIDCProvider]]:
    """The provider, then the app configured for it (each needs the other's address)."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"  # the host of redirect_uri: the browser must use it too
    with oidc_provider(f"{url}/oauth2callback", log_dir=tmp_path) as provider:
        shutil.copy(APP, tmp_path / APP.name)
        write_secrets(tmp_path, provider)
        log = tmp_path / "streamlit.log"
        # HOME too: ~/.streamlit/secrets.toml (a developer's own [auth]) must not mix in.
        env = {**os.environ, "HOME": str(tmp_path)}
        with log.open("wb") as out:
            process = subprocess.Popen(
                [
                    sys.executable, "-m", "streamlit", "run", APP.name,
                    "--server.port", str(port),
                    "--server.address", "127.0.0.1",
                    "--server.headless", "true",
                    "--server.fileWatcherType", "none",
                    "--browser.gatherUsageStats", "false",
                ],
                cwd=tmp_path,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
            )  # fmt: skip
            try:
                wait_healthy(url, process, log, timeout=30)
                yield App(url, log), provider
            finally:
                process.terminate()
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()


class Requests:
    """Every request the browser makes, redirects included; none may leave the machine."""

    def __init__(self) -> None:
        self.urls: list[str] = []
        self.refused: list[str] = []

    def seen(self, request: Any) -> None:  # each hop of a redirect is a request of its own
        self.urls.append(request.url)

    def route(self, route: Any) -> None:  # only first hops pass here, not redirects
        url = route.request.url
        if url.startswith("http://127.0.0.1:"):
            route.continue_()
        else:
            self.refused.append(url)
            route.abort()

    def off_loopback(self) -> list[str]:
        local = ("http://127.0.0.1:", "ws://127.0.0.1:", "data:", "blob:")
        return self.refused + [u for u in self.urls if not u.startswith(local)]

    def authorization_request(self, provider: OIDCProvider) -> dict[str, str]:
        """The query of the app's request to the provider's authorization endpoint."""
        url = next(u for u in self.urls if u.startswith(f"{provider.issuer}/auth?"))
        return dict(parse_qsl(urlsplit(url).query))


def _failure_report(app: App, provider: OIDCProvider) -> str:
    return (
        f"--- streamlit log ---\n{app.log.read_text()}\n"
        f"--- provider log ---\n{provider.log.read_text()}"
    )


def sign_in(page: Any, app: App, provider: OIDCProvider) -> None:
    """On the provider's pages: the sign-in form, then the consent form if it is asked."""
    from playwright.sync_api import expect

    page.wait_for_url(f"{provider.issuer}/interaction/**", timeout=TIMEOUT)
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible(timeout=TIMEOUT)
    page.get_by_label("Login").fill(LOGIN)
    page.get_by_label("Password").fill("any password")
    page.get_by_role("button", name="Sign in").click()
    consent = page.get_by_role("heading", name="Authorize")
    expect(consent.or_(page.get_by_test_id("stApp"))).to_be_visible(timeout=TIMEOUT)
    if page.url.startswith(provider.issuer) and consent.is_visible():
        page.get_by_role("button", name="Continue").click()
    page.wait_for_url(f"{app.url}/", timeout=TIMEOUT)


def test_login_and_logout_against_a_real_oidc_provider(
    signed_in_app: tuple[App, OIDCProvider], browser: Any
) -> None:
    """On the session's Chromium (one Playwright per test session: a second would find
    the first one's event loop running)."""
    from playwright.sync_api import expect

    app, provider = signed_in_app
    context = browser.new_context()
    try:
        requests = Requests()
        context.on("request", requests.seen)
        context.route("**/*", requests.route)
        page = context.new_page()
        try:
            page.goto(app.url)
            log_in = page.get_by_role("button", name="Log in")
            expect(log_in).to_be_visible(timeout=TIMEOUT)

            log_in.click()
            sign_in(page, app, provider)
            asked = requests.authorization_request(provider)
            assert asked["client_id"] == provider.client_id
            assert asked["redirect_uri"] == provider.redirect_uri
            assert asked["scope"] == "openid email profile"
            assert asked["prompt"] == "select_account"  # Streamlit's default: see provider.mjs
            assert asked["code_challenge_method"] == "S256"  # PKCE, as the provider offers

            # Back in the app, signed in: st.user has the provider's claims.
            expect(page.get_by_text(LOGIN, exact=True)).to_be_visible(timeout=TIMEOUT)
            keys = page.get_by_test_id("stCaptionContainer").inner_text()
            assert set(keys.split(", ")) == USER_KEYS
            cookies = {c["name"] for c in context.cookies(app.url)}
            assert {"_streamlit_user", "_streamlit_user_tokens"} <= cookies

            # Log out: Streamlit ends the provider's session too (RP-initiated logout).
            page.get_by_role("button", name="Log out").click()
            page.wait_for_url(f"{provider.issuer}/session/end**", timeout=TIMEOUT)
            page.get_by_role("button", name="Yes, sign me out").click()
            page.wait_for_url(f"{app.url}/", timeout=TIMEOUT)
            expect(page.get_by_role("button", name="Log in")).to_be_visible(timeout=TIMEOUT)
            expect(page.get_by_text(LOGIN, exact=True)).to_have_count(0)
            assert "_streamlit_user" not in {c["name"] for c in context.cookies(app.url)}

            # Signed out at the provider as well: the next Log in asks for the password.
            page.get_by_role("button", name="Log in").click()
            page.wait_for_url(f"{provider.issuer}/interaction/**", timeout=TIMEOUT)
            expect(page.get_by_role("heading", name="Sign in")).to_be_visible(timeout=TIMEOUT)
            assert requests.off_loopback() == []
        except Exception as error:
            page.screenshot(path=str(app.log.with_name("failure.png")))
            raise AssertionError(f"{error}\n{_failure_report(app, provider)}") from error
    finally:
        context.close()
