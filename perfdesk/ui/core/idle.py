"""When did the clerk last press a key or click: heavy work (checks of a large document, the
recovery journal) waits for a pause so it never delays a keystroke."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QElapsedTimer, QEvent, QObject

_INPUT = {
    QEvent.Type.KeyPress,
    QEvent.Type.InputMethod,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseButtonDblClick,
    QEvent.Type.Wheel,
}


class InputActivity(QObject):
    """An application-wide event filter that notes the time of the last input event."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.clock = QElapsedTimer()
        self.clock.start()
        self.last = -1_000_000

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        """Note input; never consume it."""
        if event.type() in _INPUT:
            self.last = self.clock.elapsed()
        return False

    def idle_ms(self) -> int:
        """Milliseconds since the last key press, input-method commit or click."""
        return int(self.clock.elapsed() - self.last)


_activity: InputActivity | None = None


def install(app: QCoreApplication) -> InputActivity:
    """Watch the application's input (once)."""
    global _activity
    if _activity is None:
        _activity = InputActivity(app)
        app.installEventFilter(_activity)
    return _activity


def idle_ms() -> int:
    """Milliseconds since the last input (very large when nothing is watched)."""
    return _activity.idle_ms() if _activity is not None else 1_000_000
