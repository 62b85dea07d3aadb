"""PhotoEdit: a person's photo, chosen from a file or pasted, kept small; and how it is kept.

A photo is scaled down to ``core.limits.PHOTO_PIXELS`` on its longer side and kept
as PNG when that fits in ``PHOTO_BYTES`` (drawings, transparency), otherwise as JPEG
at the best quality that fits.
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt, Signal
from PySide6.QtGui import QGuiApplication, QImage, QImageReader, QPixmap
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from netdesk.core.limits import PHOTO_BYTES, PHOTO_PIXELS
from netdesk.ui.common.actions import make_action
from netdesk.ui.common.plain_text import problem_label

_JPEG_QUALITIES = (90, 80, 70, 60, 50, 40)


def _encoded(image: QImage, kind: str, quality: int = -1) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, kind, quality)
    buffer.close()
    return bytes(data.data())


def encode_photo(image: QImage) -> bytes:
    """``image`` as the bytes netdesk keeps: at most PHOTO_PIXELS a side, PHOTO_BYTES long."""
    if image.isNull():
        return b""
    if max(image.width(), image.height()) > PHOTO_PIXELS:
        image = image.scaled(PHOTO_PIXELS, PHOTO_PIXELS, Qt.AspectRatioMode.KeepAspectRatio,
                             Qt.TransformationMode.SmoothTransformation)
    while True:
        if image.hasAlphaChannel():
            png = _encoded(image, "PNG")
            if len(png) <= PHOTO_BYTES:
                return png
        flat = image.convertToFormat(QImage.Format.Format_RGB32)
        for quality in _JPEG_QUALITIES:
            jpeg = _encoded(flat, "JPEG", quality)
            if len(jpeg) <= PHOTO_BYTES:
                return jpeg
        image = image.scaled(image.width() // 2 or 1, image.height() // 2 or 1,
                             Qt.AspectRatioMode.KeepAspectRatio,
                             Qt.TransformationMode.SmoothTransformation)


class PhotoEdit(QWidget):
    """A preview of the photo and buttons to choose a file, paste an image (Ctrl+V while a
    button has focus) or remove it. ``edited`` says the user changed it."""

    edited = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setAccessibleName("Photo")
        self._photo = b""
        self.file_dialog: QFileDialog | None = None
        self.preview = QLabel()
        side = self.fontMetrics().height() * 5
        self.preview.setFixedSize(side, side)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setFrameShape(QLabel.Shape.StyledPanel)
        self.preview.setAccessibleName("Photo preview")
        self.choose_button = QPushButton("Choose…")
        self.choose_button.setToolTip("Choose an image file for their photo")
        self.choose_button.setAccessibleName("Choose a photo")
        self.paste_button = QPushButton("Paste")
        self.paste_button.setToolTip("Use the image on the clipboard (Ctrl+V)")
        self.paste_button.setAccessibleName("Paste a photo")
        self.remove_button = QPushButton("Remove")
        self.remove_button.setToolTip("Remove the photo")
        self.remove_button.setAccessibleName("Remove the photo")
        for button in (self.choose_button, self.paste_button, self.remove_button):
            button.setAutoDefault(False)
        self.choose_button.clicked.connect(self.choose_file)
        self.paste_button.clicked.connect(self.paste)
        self.remove_button.clicked.connect(self.remove)
        self.paste_action = make_action(
            self, "Paste Photo", self.paste, "Ctrl+V", "Use the image on the clipboard",
            context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.message = problem_label()
        self.message.hide()
        buttons = QVBoxLayout()
        buttons.addWidget(self.choose_button)
        buttons.addWidget(self.paste_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.preview)
        row.addLayout(buttons)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.message)
        self.setFocusProxy(self.choose_button)
        self._show()

    def value(self) -> bytes:
        return self._photo

    def set_value(self, photo: bytes) -> None:
        self._photo = bytes(photo)
        self._say("")
        self._show()

    # Choosing ----------------------------------------------------------------------------

    def choose_file(self) -> None:
        """Ask for an image file (without blocking); the photo is taken when one is chosen."""
        formats = " ".join(f"*.{bytes(f).decode()}" for f in QImageReader.supportedImageFormats())
        dialog = QFileDialog(self, "Choose a Photo", "", f"Images ({formats});;All files (*)")
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(self.take_file)
        dialog.finished.connect(lambda _result: setattr(self, "file_dialog", None))
        self.file_dialog = dialog
        dialog.open()

    def take_file(self, path: str) -> bool:
        """Use the image in ``path``; False (said under the photo) when it cannot be read."""
        reader = QImageReader(path)
        reader.setAutoTransform(True)  # a phone's photo stands the right way up
        image = reader.read()
        if image.isNull():
            self._say(f"“{path}” is not an image netdesk can read ({reader.errorString()}).")
            return False
        return self._take(image)

    def paste(self) -> bool:
        image = QGuiApplication.clipboard().image()
        if image.isNull():
            self._say("The clipboard holds no image; copy one first.")
            return False
        return self._take(image)

    def remove(self) -> None:
        if self._photo:
            self._photo = b""
            self._say("")
            self._show()
            self.edited.emit()

    def _take(self, image: QImage) -> bool:
        self._photo = encode_photo(image)
        self._say("")
        self._show()
        self.edited.emit()
        return True

    # Showing -----------------------------------------------------------------------------

    def _say(self, message: str) -> None:
        self.message.setText(message)
        self.message.setVisible(bool(message))

    def _show(self) -> None:
        image = QImage.fromData(self._photo) if self._photo else QImage()
        if image.isNull():
            self.preview.setPixmap(QPixmap())
            self.preview.setText("No photo")
        else:
            ratio = self.devicePixelRatioF()
            side = round(self.preview.width() * ratio)
            scaled = image.scaled(side, side, Qt.AspectRatioMode.KeepAspectRatio,
                                  Qt.TransformationMode.SmoothTransformation)
            pixmap = QPixmap.fromImage(scaled)
            pixmap.setDevicePixelRatio(ratio)
            self.preview.setPixmap(pixmap)
        self.remove_button.setEnabled(bool(self._photo))
        self.preview.setAccessibleDescription("A photo" if self._photo else "No photo")

