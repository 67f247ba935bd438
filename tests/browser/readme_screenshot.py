"""`make screenshot`: redraw docs/screenshot.png, the README's picture, from the app with the committed models.
(`make test` never writes a tracked file; its browser test draws the same picture into test-output/.)"""
from pathlib import Path

from bench.harness.app_server import ROOT, chromium, streamlit_server
from tests.browser.browser_helpers import draw_readme_screenshot, new_page


def main() -> None:
    path = ROOT / "docs" / "screenshot.png"
    with streamlit_server(ROOT / "pretrained") as server, chromium() as browser:
        server.wait_healthy()
        page = new_page(browser)
        try:
            draw_readme_screenshot(page, server.url, path, en_fr=(ROOT / "pretrained" / "en-fr").is_dir())
        finally:
            page.context.close()
    print(f"wrote {Path(path).relative_to(ROOT)}")


if __name__ == "__main__":
    main()
