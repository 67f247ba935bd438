"""The step view's document cache: built once per trace, page language and mode, shared by every session."""
from __future__ import annotations

import gc

from app import step_view


def test_the_document_is_built_once_per_trace_language_and_mode(toy_model, monkeypatch):
    trace = toy_model.trace("let's go now", truncate=True)
    builds = []
    original = step_view.build_document
    monkeypatch.setattr(step_view, "build_document", lambda *args: builds.append(args) or original(*args))
    first = step_view.packed_document(trace, "en", False, False)
    assert step_view.packed_document(trace, "en", False, False) is first  # a second session: no new build
    french = step_view.packed_document(trace, "fr", False, False)
    assert french[0] != first[0] and len(builds) == 2
    key = id(trace)
    builds.clear()  # they hold the trace too
    del trace
    gc.collect()
    assert key not in step_view._documents  # gone with the trace it was built from


def test_a_link_names_a_panel_by_its_number_or_its_id():
    assert step_view.panel_id("7") == "heatmap" and step_view.panel_id("heatmap") == "heatmap"
    assert step_view.panel_id("99") is None and step_view.panel_id("<b>") is None
