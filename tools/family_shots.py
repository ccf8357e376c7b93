"""docs/screenshots/family-*.png: a corpus table printed by perfdesk beside its transcription.

For each fixture under tests/data/families (a real table of ../shared/realtables entered by
hand), the table pages of perfdesk's PDF are rendered with pdftoppm and put on the left; the
transcription section of the corpus file is rendered on the right.  Run from the repository:

    QT_QPA_PLATFORM=offscreen .venv/bin/python tools/family_shots.py [../shared/realtables]

``--realtables 12 15`` prints those fixtures of tests/data/realtables instead (docs/screenshots/
realtable-*.png: the printed parts beyond a family's header — notice, 资金安排表, 成本构成, 总分).
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QImage, QPainter, QTextDocument

from perfdesk.export.compose import Form, Scope
from perfdesk.export.service import export_document
from perfdesk.models.jsonio import document_from_json
from perfdesk.ui.app import register_fonts

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "data" / "families"
REALTABLES = ROOT / "tests" / "data" / "realtables"
OUT = ROOT / "docs" / "screenshots"
HEIGHT = 1100  # pixels of the finished picture
TEXT_WIDTH = 700


def transcription(corpus: Path, number: str) -> str:
    """The title and the transcription section of corpus file ``number`` as markdown."""
    path = next(corpus.glob(f"{number}-*.md"))
    text = path.read_text(encoding="utf-8")
    title = text.splitlines()[0].lstrip("# ")
    body = text.split("## Transcription", 1)[1].split("## Observed", 1)[0]
    return f"### 转录 · {title}\n\n{body}"


def text_image(markdown: str, family: str, height: int) -> QImage:
    """The transcription rendered on white, ``TEXT_WIDTH`` wide."""
    doc = QTextDocument()
    doc.setDefaultFont(QFont(family, 8))
    doc.setMarkdown(markdown)
    doc.setTextWidth(TEXT_WIDTH - 20)
    image = QImage(TEXT_WIDTH, max(height, int(doc.size().height()) + 20), QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.translate(10, 10)
    doc.drawContents(painter, QRectF(0, 0, TEXT_WIDTH - 20, image.height()))
    painter.end()
    return image


def pdf_pages(fixture: Path, work: Path) -> list[QImage]:
    """The table pages perfdesk prints for the fixture."""
    doc = document_from_json(fixture.read_text(encoding="utf-8"))
    form = Form.DEPT if doc.dept_table is not None and not doc.projects else Form.PROJECTS
    pdf = work / f"{fixture.stem}.pdf"
    export_document(doc, pdf, scope=Scope(form))
    subprocess.run(["pdftoppm", "-png", "-r", "70", str(pdf), str(work / fixture.stem)], check=True)
    return [QImage(str(p)) for p in sorted(work.glob(f"{fixture.stem}-*.png"))]


def compose(pages: list[QImage], text: QImage) -> QImage:
    """Pages side by side on the left, the transcription on the right, scaled to ``HEIGHT``."""
    width = sum(p.width() for p in pages) + text.width() + 10 * len(pages)
    height = max([p.height() for p in pages] + [text.height()])
    out = QImage(width, height, QImage.Format.Format_RGB32)
    out.fill(QColor("#d0d0d0"))
    painter = QPainter(out)
    x = 0
    for page in pages:
        painter.drawImage(x, 0, page)
        x += page.width() + 10
    painter.drawImage(x, 0, text)
    painter.end()
    if out.height() <= HEIGHT:
        return out
    return out.scaledToHeight(HEIGHT, Qt.TransformationMode.SmoothTransformation)


def main(argv: list[str]) -> int:
    """Write one picture per fixture."""
    numbers = argv[argv.index("--realtables") + 1 :] if "--realtables" in argv else []
    argv = argv[: argv.index("--realtables")] if numbers else argv
    corpus = Path(argv[1]) if len(argv) > 1 else ROOT.parent / "shared" / "realtables"
    app = QGuiApplication.instance() or QGuiApplication(argv)
    families = register_fonts()
    family = families[0] if families else "sans"
    if numbers:
        chosen = [(f, f.name[:2], f"realtable-{f.stem}") for n in numbers for f in REALTABLES.glob(f"{n}-*.json")]
    else:
        found = [(f, re.search(r"-(\d\d)-", f.name)) for f in sorted(FIXTURES.glob("*.json"))]
        chosen = [(f, m.group(1), f"family-{f.stem}") for f, m in found if m]
    with tempfile.TemporaryDirectory() as tmp:
        for fixture, number, name in chosen:
            pages = pdf_pages(fixture, Path(tmp))
            text = text_image(transcription(corpus, number), family, pages[0].height())
            target = OUT / f"{name}.png"
            compose(pages, text).save(str(target))
            print(target)
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
