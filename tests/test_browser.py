"""The notebooks where students use them: JupyterLab, started here on localhost, opened in a real (headless)
Chromium driven by Playwright. Each fast notebook is run top to bottom in smoke mode through JupyterLab's own "Run All
Cells"; the test fails on any error output or "Error displaying widget", and for notebook 05 it moves the explorer's
slider and checks that the picture changes. A failure leaves a screenshot, whose path the message gives.

Needs Playwright's Python package (in requirements.txt) and a Chromium: Debian's ``chromium`` package (``.ci/run``
installs it), or else Playwright's own, which the tests download the first time (``playwright install chromium``);
offline and without either, they are skipped and say why."""
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import nbformat
import pytest

sync_api = pytest.importorskip("playwright.sync_api")

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
FAST = ["00_gan_you_can_watch", "01_vanilla_gan", "05_latent_space"]  # the quickest in smoke mode, 05 with widgets


def _chromium():
    """A Chromium to drive: GANLIB_CHROMIUM, the system's (Debian's ``chromium``), or Playwright's own download
    (``playwright install chromium``)."""
    found = os.environ.get("GANLIB_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if found:
        return found
    try:
        with sync_api.sync_playwright() as playwright:
            path = playwright.chromium.executable_path
    except Exception:  # Playwright cannot say: no browser of its own
        return None
    return path if Path(path).exists() else None


SHOTS = Path(tempfile.gettempdir()) / "ganlib-browser-screenshots"
TOKEN = "ganlib-browser-test"


@pytest.fixture(scope="module")
def chromium_binary():
    """The Chromium to drive; where there is none, Playwright's own is downloaded once (the README's set-up then
    needs nothing more); offline, the tests are skipped and say why."""
    found = _chromium()
    if found is None:
        fetched = subprocess.run([sys.executable, "-m", "playwright", "install", "chromium"], capture_output=True,
                                 text=True, timeout=900)
        found = _chromium()
        if found is None:
            why = (fetched.stderr or fetched.stdout).strip().splitlines()
            pytest.skip("no Chromium, and Playwright could not download its own (" + (why[0] if why else "no reason "
                        "given") + "): apt-get install chromium (Debian, Ubuntu), or set GANLIB_CHROMIUM to a "
                        "Chromium or Chrome binary")
    return found


# The notebook's panel, found by its path (not "the current widget": a page may restore others)
_PANEL = """(path) => { for (const w of window.jupyterapp.shell.widgets('main')) {
  if (w.context && w.context.path === path && w.sessionContext) { return w; } } return null; }"""
# Done when every code cell has run, or one has failed (Run All stops there), and the kernel is idle.
_FINISHED = f"""(path) => {{
  const panel = ({_PANEL})(path);
  if (!panel || !panel.sessionContext.session || !panel.sessionContext.session.kernel) {{ return false; }}
  const cells = panel.content.widgets.filter(c => c.model.type === 'code');
  const failed = cells.some(c => c.model.outputs.toJSON().some(o => o.output_type === 'error'));
  const ran = cells.every(c => c.model.executionCount !== null);
  return (failed || ran) && panel.sessionContext.session.kernel.status === 'idle';
}}"""
_READY = f"(path) => {{ const panel = window.jupyterapp && ({_PANEL})(path); return !!panel && panel.sessionContext.isReady; }}"
_RUN_ALL = f"""(path) => {{ const panel = ({_PANEL})(path);
  window.jupyterapp.shell.activateById(panel.id);
  return window.jupyterapp.commands.execute('notebook:run-all-cells'); }}"""
_ERRORS = f"""(path) => ({_PANEL})(path).content.widgets
  .flatMap(c => c.model.type === 'code' ? c.model.outputs.toJSON() : [])
  .filter(o => o.output_type === 'error').map(o => o.ename + ': ' + o.evalue)"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """JupyterLab on localhost, serving a copy of the notebooks (its autosave must not touch the committed ones),
    its kernels in smoke mode; the app exposed to the page, so the test can ask it what ran."""
    root = tmp_path_factory.mktemp("lab")
    for name in FAST:
        shutil.copy(NOTEBOOKS / f"{name}.ipynb", root / f"{name}.ipynb")
    broken = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = 1"),
                                             nbformat.v4.new_code_cell("raise ValueError('a broken cell')"),
                                             nbformat.v4.new_code_cell("y = 2")])
    broken.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(broken, str(root / "broken.ipynb"))
    port = _free_port()
    # Every cell in the page, as in JupyterLab 3: JupyterLab 4 draws only the cells in view ("windowing")
    settings = root.parent / f"{root.name}-settings"
    tracker = settings / "@jupyterlab" / "notebook-extension" / "tracker.jupyterlab-settings"
    tracker.parent.mkdir(parents=True)
    tracker.write_text('{"windowingMode": "none"}')
    env = {**os.environ, "GANLIB_SMOKE": "1", "JUPYTERLAB_SETTINGS_DIR": str(settings)}
    server = subprocess.Popen([sys.executable, "-m", "jupyterlab", "--no-browser", f"--port={port}",
                               "--ServerApp.ip=127.0.0.1", f"--ServerApp.token={TOKEN}", f"--ServerApp.root_dir={root}",
                               "--LabApp.expose_app_in_browser=True"]
                              + (["--allow-root"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []),  # CI runs as root
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    url = f"http://127.0.0.1:{port}"
    for _ in range(120):
        try:
            urllib.request.urlopen(f"{url}/api/status?token={TOKEN}", timeout=2)
            break
        except OSError:
            if server.poll() is not None:
                pytest.fail(f"JupyterLab did not start:\n{server.stderr.read()[-3000:]}")
            time.sleep(0.5)
    else:
        server.kill()
        pytest.fail("JupyterLab did not answer within a minute")
    try:
        yield url
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()


@pytest.fixture(scope="module")
def browser(chromium_binary):
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=chromium_binary, headless=True)
        try:
            yield chromium
        finally:
            chromium.close()


def _run_all(browser, lab, name):
    """Open the notebook in JupyterLab, Run All Cells, wait for the end; the page, and what went wrong."""
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    path = f"{name}.ipynb"  # a workspace of its own, reset: only this notebook opens
    page.goto(f"{lab}/lab/workspaces/{name}/tree/{path}?token={TOKEN}&reset")
    page.wait_for_function(_READY, arg=path, timeout=120_000)
    page.evaluate(_RUN_ALL, path)
    page.wait_for_function(_FINISHED, arg=path, timeout=300_000, polling=1000)
    problems = page.evaluate(_ERRORS, path)
    if page.get_by_text("Error displaying widget").count():
        problems.append("Error displaying widget")
    return page, problems


def _shot(page, name) -> Path:
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


@pytest.mark.parametrize("name", FAST)
def test_the_notebook_runs_top_to_bottom_in_jupyterlab(browser, lab, name):
    page, problems = _run_all(browser, lab, name)
    try:
        if problems:
            pytest.fail(f"{name}: {problems} (screenshot: {_shot(page, name)})")
        if name == "05_latent_space":
            _moving_the_slider_changes_the_picture(page)
    finally:
        page.close()


def _moving_the_slider_changes_the_picture(page):
    """The explorer's live picture is drawn again when a slider moves."""
    pictures = page.locator(".widget-output img, .jupyter-widgets-output-area img")
    pictures.last.wait_for(timeout=60_000)
    before = pictures.last.get_attribute("src")
    slider = page.get_by_role("slider").last  # the last "shift z[d]" slider of the explorer
    slider.scroll_into_view_if_needed()
    slider.focus()
    for _ in range(10):
        page.keyboard.press("ArrowRight")
    page.wait_for_function("(before) => { const imgs = document.querySelectorAll('.widget-output img, "
                           ".jupyter-widgets-output-area img'); return imgs.length && imgs[imgs.length - 1].src !== "
                           "before; }", arg=before, timeout=60_000)


def test_an_error_in_a_cell_is_caught_where_a_student_would_see_it(browser, lab):
    page, problems = _run_all(browser, lab, "broken")
    page.close()
    assert problems == ["ValueError: a broken cell"]
