"""A minimal Streamlit client: one browser tab's websocket, without the browser.

It speaks Streamlit's own protocol (protobuf BackMsg / ForwardMsg over /_stcore/stream) the way
the frontend does: a rerun request carries the URL's query string and the widget values, and the
server streams the page's elements until `script_finished`. That is what one request of one
student costs the server, measured from outside, with nothing simulated on the server side.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState
from websockets.sync.client import connect

DONE = {ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY}


@dataclass
class Widget:
    id: str
    kind: str  # the Element oneof: "button", "text_input", ...
    label: str
    fragment_id: str  # "" outside a fragment


@dataclass
class Page:
    """What one run sent: widgets by label, Markdown texts, and errors shown."""

    widgets: list[Widget] = field(default_factory=list)
    markdown: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # st.error / st.exception bodies
    components: list[str] = field(default_factory=list)  # the data (JSON) of each st.components.v2 element

    def widget(self, kind: str, label_contains: str) -> Widget:
        for widget in self.widgets:
            if widget.kind == kind and label_contains in widget.label:
                return widget
        raise LookupError(f"no {kind} labelled like {label_contains!r}; problems on the page: {self.problems}")


class StreamlitSession:
    """One session: connect, then `open` the page and `rerun` with widget values, each timed."""

    def __init__(self, base_url: str, timeout: float = 600):
        self.timeout = timeout
        self.websocket = connect(base_url.replace("http", "ws", 1) + "/_stcore/stream", subprotocols=["streamlit"],
                                 max_size=None, open_timeout=timeout,
                                 ping_interval=None,  # as a browser: no client pings, which a busy server may answer late
                                 ).__enter__()  # websockets 17: enter, then close()
        self.query_string = ""
        self.page_name = ""  # the page's url_path ("train"); "" for the default page
        self.widgets: dict[str, Widget] = {}  # latest of each widget, by id

    def close(self) -> None:
        self.websocket.close()

    def open(self, query_string: str, page_name: str = "") -> tuple[float, Page]:
        """The first run, as when the tab loads `/<page_name>?<query_string>`."""
        self.query_string, self.page_name = query_string, page_name
        return self._run(BackMsg())

    def type_text(self, widget: Widget, text: str) -> tuple[float, Page]:
        message = BackMsg()
        message.rerun_script.widget_states.widgets.append(WidgetState(id=widget.id, string_value=text))
        return self._run(message)

    def click(self, widget: Widget) -> tuple[float, Page]:
        """A button press; inside a fragment only the fragment reruns, as in the browser."""
        message = BackMsg()
        message.rerun_script.widget_states.widgets.append(WidgetState(id=widget.id, trigger_value=True))
        message.rerun_script.fragment_id = widget.fragment_id
        return self._run(message)

    def _run(self, message: BackMsg) -> tuple[float, Page]:
        """Send a rerun request; seconds until the server says the run finished, and what it sent."""
        message.rerun_script.query_string = self.query_string
        message.rerun_script.page_name = self.page_name
        message.rerun_script.context_info.locale = "en-US"
        start = time.perf_counter()
        self.websocket.send(message.SerializeToString())
        page = Page()
        deadline = start + self.timeout
        while True:
            forward = ForwardMsg()
            forward.ParseFromString(self.websocket.recv(timeout=max(0.0, deadline - time.perf_counter())))
            kind = forward.WhichOneof("type")
            if kind == "delta":
                self._read_delta(forward.delta, page)
            elif kind == "script_finished" and forward.script_finished in DONE:
                return time.perf_counter() - start, page

    def _read_delta(self, delta, page: Page) -> None:
        if delta.WhichOneof("type") != "new_element":
            return
        element = delta.new_element
        kind = element.WhichOneof("type")
        if kind == "markdown":
            page.markdown.append(element.markdown.body)
        elif kind == "bidi_component":
            page.components.append(element.bidi_component.json)
        elif kind in ("exception", "alert") and (kind == "exception" or element.alert.format == element.alert.ERROR):
            page.problems.append(element.exception.message if kind == "exception" else element.alert.body)
        else:
            inner = getattr(element, kind, None) if kind else None
            if inner is not None and hasattr(inner, "id") and hasattr(inner, "label") and inner.id:
                widget = Widget(inner.id, kind, inner.label, delta.fragment_id)
                page.widgets.append(widget)
                self.widgets[widget.id] = widget
