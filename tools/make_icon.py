"""Draw the perfdesk application icon (resources/icons/perfdesk.png and .ico) with Qt.

Run once when the design changes: .venv/bin/python tools/make_icon.py
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QGuiApplication, QImage, QPainter, QPainterPath, QPen


def draw(size: int) -> QImage:
    """The icon at ``size`` pixels: a red seal-like tile, a white form sheet with a grid and a tick."""
    img = QImage(size, size, QImage.Format.Format_ARGB32)
    img.fill(Qt.GlobalColor.transparent)
    p = QPainter(img)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    s = size / 256
    tile = QPainterPath()
    tile.addRoundedRect(QRectF(8 * s, 8 * s, 240 * s, 240 * s), 44 * s, 44 * s)
    p.fillPath(tile, QBrush(QColor("#b3261e")))
    sheet = QRectF(58 * s, 36 * s, 140 * s, 184 * s)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QColor("#fffaf0"))
    p.drawRoundedRect(sheet, 10 * s, 10 * s)
    p.setPen(QPen(QColor("#b3261e"), 6 * s))
    for y in (84, 116, 148):
        p.drawLine(QPointF(78 * s, y * s), QPointF(178 * s, y * s))
    p.drawLine(QPointF(112 * s, 68 * s), QPointF(112 * s, 164 * s))
    p.setPen(QPen(QColor("#1b7f3b"), 16 * s, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin))
    tick = QPainterPath(QPointF(104 * s, 188 * s))
    tick.lineTo(128 * s, 208 * s)
    tick.lineTo(176 * s, 164 * s)
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawPath(tick)
    p.end()
    return img


def main() -> int:
    """Write the PNG and ICO files."""
    app = QGuiApplication(sys.argv)  # noqa: F841 - QImage drawing needs an application
    out = Path(__file__).resolve().parents[1] / "resources" / "icons"
    out.mkdir(parents=True, exist_ok=True)
    draw(256).save(str(out / "perfdesk.png"))
    draw(256).save(str(out / "perfdesk.ico"))
    draw(64).save(str(out / "perfdesk-64.png"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
