"""First page of an ordinary material: render worker against in-process QtPdf (issue 11).

    python bench/bench_viewer_worker.py [--quick]

Both sides start from the decrypted bytes of a 5 MB, 100-page PDF and end with the first
page as a QPixmap at the size the viewer shows it (fit width in a 900 x 700 viewer):

- baseline (how the viewer worked before): QPdfDocument.load from a QBuffer in the GUI
  process, render the page, paint it on white;
- worker: MaterialViewer.load_pdf through a warm render worker until pageRendered: the
  material into the shared area, parsed and rendered there, pixels back through the
  shared area (Linux; gui/widgets/render_shared.py), the page copied into a QPixmap;
- pipe (for reference, the path of Windows and macOS): the same with the shared area
  switched off, material and pixels through the worker's stdin and stdout.

Each worker round starts once the worker has sized the previous material's pages (in
steps of 10 pages, after its first page: an expert looks at a page before switching);
closing the previous material is part of the round, as in the app.

Target: worker median <= 1.5 x baseline median, measured in the same run. Runs offscreen;
not collected by pytest.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def in_process(data: bytes, width: int) -> float:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize, Qt
    from PySide6.QtGui import QImage, QPainter, QPixmap
    from PySide6.QtPdf import QPdfDocument

    start = time.perf_counter()
    document = QPdfDocument()
    buffer = QBuffer(document)
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document.load(buffer)
    points = document.pagePointSize(0)
    size = QSize(width, round(width * points.height() / points.width()))
    raw = document.render(0, size)
    image = QImage(raw.size(), QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    painter.drawImage(0, 0, raw)
    painter.end()
    QPixmap.fromImage(image)
    elapsed = time.perf_counter() - start
    document.close()
    return elapsed


def through_worker(app, viewer, data: bytes) -> float:
    from PySide6.QtCore import QEventLoop

    done = []
    loop = QEventLoop()

    def rendered(_page: int) -> None:
        done.append(time.perf_counter())
        loop.quit()

    viewer.pdf_view.pageRendered.connect(rendered)
    start = time.perf_counter()
    viewer.load_pdf(1, data)
    if not done:
        loop.exec()  # as the app's own event loop: woken by the pipe, no polling
    viewer.pdf_view.pageRendered.disconnect()
    return done[0] - start


def settle(app, viewer) -> None:
    """Let the worker finish what the last material still asked for (page sizes)."""
    while viewer.client.busy():
        app.processEvents()
        time.sleep(0.0005)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    rounds = 5 if args.quick else 15
    from bench_gui import big_pdf

    from reviewer_app.gui.app import create_app
    from reviewer_app.gui.widgets.render_client import RenderClient
    from reviewer_app.gui.widgets.viewer import MaterialViewer

    app = create_app()
    data = big_pdf()
    piped = RenderClient()
    piped.use_shared_area = False
    viewers = (MaterialViewer(), MaterialViewer(client=piped))
    for viewer in viewers:
        viewer.resize(900, 700)
        viewer.show()
        app.processEvents()
        through_worker(app, viewer, data)  # the warm worker, as after unlock
        settle(app, viewer)
    shared, pipe = viewers
    width = shared.pdf_view.page_size().width()
    assert pipe.pdf_view.page_size().width() == width
    in_process(data, width)
    base, worker, piped_times = [], [], []
    for _ in range(rounds):  # interleaved: all see the same machine load
        base.append(in_process(data, width))
        shared.unload()
        worker.append(through_worker(app, shared, data))
        settle(app, shared)
        pipe.unload()
        piped_times.append(through_worker(app, pipe, data))
        settle(app, pipe)
    b, w, p = (statistics.median(times) for times in (base, worker, piped_times))
    how = "shared area" if shared.client.shares_memory() else "pipe (no shared area here)"
    print(f"first page of a {len(data) / 1048576:.1f} MB, 100-page PDF at {width} px wide "
          f"(medians of {rounds}): in-process {b * 1000:.1f} ms; render worker via {how} "
          f"{w * 1000:.1f} ms -> ratio {w / b:.2f} (target <= 1.5); via the pipe only "
          f"{p * 1000:.1f} ms -> {p / b:.2f}")
    for viewer in viewers:
        viewer.client.stop()
    return 0


if __name__ == "__main__":
    code = main()
    sys.stdout.flush()
    os._exit(code)  # PySide6 objects destroyed after QApplication can abort teardown
