"""Code rules of the app: no torch, every widget keyed, no unsafe HTML with user text."""
import ast
import re
from pathlib import Path

APP = Path(__file__).resolve().parents[2] / "app"
WIDGETS = {
    "button", "download_button", "text_input", "selectbox", "slider", "number_input", "toggle",
    "segmented_control", "radio", "checkbox", "multiselect", "select_slider", "text_area", "pills",
}


def app_files():
    return sorted(APP.rglob("*.py"))


def test_app_never_imports_torch():
    for path in app_files():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                assert all(not alias.name.startswith("torch") for alias in node.names), path
            if isinstance(node, ast.ImportFrom):
                assert not (node.module or "").startswith("torch"), path


def test_every_widget_has_a_key():
    for path in app_files():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in WIDGETS:
                if isinstance(node.func.value, ast.Name) and node.func.value.id == "st":
                    assert any(k.arg == "key" for k in node.keywords), f"{path}:{node.lineno} st.{node.func.attr}"


def test_unsafe_html_only_for_static_css():
    for path in app_files():
        text = path.read_text(encoding="utf-8")
        assert "unsafe_allow_html" not in text, path
        for match in re.finditer(r"st\.html\((\w+)\)", text):
            assert match.group(1).isupper(), f"{path}: st.html with a non-constant"


def test_pages_folder_is_not_called_pages():
    assert not (APP / "pages").exists()
