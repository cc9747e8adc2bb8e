"""A Streamlit client that talks to a real `streamlit run` server as a browser does: over
its websocket (`/_stcore/stream`), with Streamlit's own protocol messages (`BackMsg` out,
`ForwardMsg` in). It loads the server like a browser without spending the machine's two
cores on browsers: no rendering, only the messages.

A run is one `rerun_script` sent and every message up to its `script_finished`; what the
run drew (widgets, alerts, exceptions) is collected so the caller can find the next widget
to use. Widgets are found by their key (Streamlit ends a keyed widget's id with it) or by
their label. Values go on the wire as Streamlit 1.67 sends them: option labels as strings.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field
from urllib.parse import parse_qs

import websockets
from streamlit.proto.Alert_pb2 import Alert
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

FINISHED = ForwardMsg.ScriptFinishedStatus
#: Widget kinds and how their options are listed in their element.
WIDGETS = {"radio", "selectbox", "button", "button_group", "checkbox", "text_area", "text_input"}


@dataclass
class Widget:
    id: str
    kind: str
    label: str
    options: list[str]
    form_id: str

    @property
    def key(self) -> str:
        """The user key Streamlit appends to a keyed widget's id ("None" when unkeyed)."""
        return self.id.split("-", 2)[-1] if self.id.count("-") >= 2 else ""


@dataclass
class Run:
    """What one rerun drew, and how long it took from the message sent to its end."""

    seconds: float
    widgets: list[Widget] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    status: int = FINISHED.FINISHED_SUCCESSFULLY

    @property
    def ok(self) -> bool:
        return not self.errors and self.status in {
            FINISHED.FINISHED_SUCCESSFULLY,
            FINISHED.FINISHED_FRAGMENT_RUN_SUCCESSFULLY,
        }

    def widget(self, key: str | None = None, label: str | None = None) -> Widget:
        for widget in self.widgets:
            if (key is not None and widget.key == key) or (
                label is not None and widget.label == label
            ):
                return widget
        raise LookupError(f"no widget with key={key!r} label={label!r} in this run")


class ServerGone(ConnectionError):
    """The connection closed (or the server stopped answering) during a run."""


class Session:
    """One browser tab: a websocket session on one page of the app."""

    def __init__(self, base_url: str, timeout: float = 60.0) -> None:
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self.page = ""
        self.query_string = ""
        self.pages: dict[str, str] = {}  # url path → page script hash
        self.fragments: dict[str, float] = {}  # fragment id → refresh interval (s)
        self._ws: websockets.ClientConnection | None = None

    async def open(self, page: str, query_string: str) -> Run:
        """Load `page` with `query_string`, as typing the address does."""
        host = self.base_url.split("://", 1)[1]
        self._ws = await websockets.connect(
            f"ws://{host}/_stcore/stream",
            subprotocols=[websockets.Subprotocol("streamlit")],
            origin=websockets.Origin(self.base_url),
            max_size=None,
            open_timeout=self.timeout,
        )
        self.page, self.query_string = page, query_string
        return await self._run([])

    async def send(self, *states: WidgetState, fragment_id: str = "") -> Run:
        """A rerun carrying these widget values (the server keeps the others)."""
        return await self._run(list(states), fragment_id)

    async def close(self) -> None:
        if self._ws is not None:
            await self._ws.close()
            self._ws = None

    def param(self, name: str) -> str:
        return parse_qs(self.query_string).get(name, [""])[0]

    async def _run(self, states: list[WidgetState], fragment_id: str = "") -> Run:
        if self._ws is None:
            raise ServerGone("not connected")
        back = BackMsg()
        rerun = back.rerun_script
        rerun.query_string = self.query_string
        rerun.page_name = self.page
        rerun.page_script_hash = self.pages.get(self.page, "")
        rerun.widget_states.widgets.extend(states)
        if fragment_id:
            rerun.fragment_id = fragment_id
            rerun.is_auto_rerun = True
        start = time.perf_counter()
        try:
            await self._ws.send(back.SerializeToString())
            return await asyncio.wait_for(self._collect(start), self.timeout)
        except (websockets.ConnectionClosed, OSError, TimeoutError) as exc:
            raise ServerGone(str(exc) or type(exc).__name__) from exc

    async def _collect(self, start: float) -> Run:
        assert self._ws is not None  # noqa: S101 - checked by _run
        run = Run(seconds=0.0)
        while True:
            msg = ForwardMsg()
            msg.ParseFromString(await self._ws.recv())  # type: ignore[arg-type]
            kind = msg.WhichOneof("type")
            if kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
                self._element(msg.delta.new_element, run)
            elif kind == "navigation":
                self.pages = {p.url_pathname: p.page_script_hash for p in msg.navigation.app_pages}
            elif kind == "page_info_changed":  # st.switch_page, or query params set
                self.query_string = msg.page_info_changed.query_string
            elif kind == "new_session":
                self._follow_page(msg.new_session.page_script_hash)
            elif kind == "auto_rerun":
                self.fragments[msg.auto_rerun.fragment_id] = msg.auto_rerun.interval
            elif kind == "script_finished":
                if msg.script_finished == FINISHED.FINISHED_EARLY_FOR_RERUN:
                    run = Run(seconds=0.0)  # a rerun follows (a page switch): keep waiting
                    continue
                run.status = msg.script_finished
                run.seconds = time.perf_counter() - start
                return run

    def _follow_page(self, page_hash: str) -> None:
        for path, known in self.pages.items():
            if known == page_hash:
                self.page = path

    @staticmethod
    def _element(element: object, run: Run) -> None:
        kind = element.WhichOneof("type")  # type: ignore[attr-defined]
        if kind == "exception":
            run.errors.append(f"exception: {element.exception.message}")  # type: ignore[attr-defined]
        elif kind == "alert" and element.alert.format == Alert.ERROR:  # type: ignore[attr-defined]
            run.errors.append(f"error: {element.alert.body}")  # type: ignore[attr-defined]
        elif kind in WIDGETS:
            proto = getattr(element, kind)
            options = [
                getattr(option, "content", option) for option in getattr(proto, "options", [])
            ]
            run.widgets.append(
                Widget(proto.id, kind, proto.label, [str(o) for o in options], proto.form_id)
            )


async def warm_up(base_url: str) -> None:
    """Open the app once: a fresh server's first run imports it (about 1.5 s), which is
    not what a workshop costs."""
    session = Session(base_url)
    try:
        await session.open("", "")
    finally:
        await session.close()


def chosen(widget: Widget, label: str) -> WidgetState:
    """A radio or select box set to the option shown as `label`."""
    return WidgetState(id=widget.id, string_value=label)


def picked(widget: Widget, labels: list[str]) -> WidgetState:
    """Pills (a button group) with these options selected, by their current labels."""
    state = WidgetState(id=widget.id)
    state.string_array_value.data.extend(labels)
    return state


def typed(widget: Widget, text: str) -> WidgetState:
    return WidgetState(id=widget.id, string_value=text)


def clicked(widget: Widget) -> WidgetState:
    return WidgetState(id=widget.id, trigger_value=True)
