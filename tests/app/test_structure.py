"""Code rules of the app: no torch, every widget keyed, no unsafe HTML with user text."""
import ast
import re
import subprocess
import sys
from pathlib import Path

APP = Path(__file__).resolve().parents[2] / "app"
WIDGETS = {
    "button", "download_button", "text_input", "selectbox", "slider", "number_input", "toggle",
    "segmented_control", "radio", "checkbox", "multiselect", "select_slider", "text_area", "pills",
}


def app_files():
    return sorted(APP.rglob("*.py"))


def test_app_never_imports_torch():
    """Every app module (the page scripts aside: they run only under streamlit) imported in a fresh
    interpreter leaves torch unloaded: the app draws its inputs before torch is there."""
    modules = [".".join(("app", *p.relative_to(APP).with_suffix("").parts)).removesuffix(".__init__")
               for p in app_files() if "views" not in p.parts and p.name != "main.py"]
    check = ("import importlib, sys\n"
             f"for name in {modules!r}: importlib.import_module(name)\n"
             "print(sorted(m for m in sys.modules if m == 'torch' or m.startswith('torch.')))")
    result = subprocess.run([sys.executable, "-c", check], capture_output=True, text=True, cwd=APP.parent, check=True)
    assert len(modules) > 20 and result.stdout.strip() == "[]", result.stdout


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
