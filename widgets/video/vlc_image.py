"""libVLC decoding into memory (video callbacks, RV32) that a tile paints as a QImage.

Works on every Qt platform, offscreen included. The callbacks run on libVLC's video
output thread: they copy the picture and hand it to a ``FrameSlot`` (which drops the
repeat VLC 3 shows of a 10 fps picture after 80 ms) and emit a queued signal; the GUI
thread wraps the bytes in a QImage without another copy.
"""

from __future__ import annotations

import ctypes
import logging
from typing import Any

import vlc
from PySide6.QtCore import QObject

from widgets.video.player import PlayerOptions, SlotPlayer
from widgets.video.session import FrameSlot
from widgets.video.vlc_common import VlcSession

log = logging.getLogger(__name__)

MAX_WIDTH = 1920  # larger sources are scaled down by libVLC

# Own prototypes: python-vlc's format callback takes the chroma as c_char_p, which a
# Python callback cannot write to.
_Format = ctypes.CFUNCTYPE(
    ctypes.c_uint,
    ctypes.POINTER(ctypes.c_void_p),
    ctypes.c_void_p,
    ctypes.POINTER(ctypes.c_uint),
    ctypes.POINTER(ctypes.c_uint),
    ctypes.POINTER(ctypes.c_uint),
    ctypes.POINTER(ctypes.c_uint),
)
_Cleanup = ctypes.CFUNCTYPE(None, ctypes.c_void_p)
_Lock = ctypes.CFUNCTYPE(ctypes.c_void_p, ctypes.c_void_p, ctypes.POINTER(ctypes.c_void_p))
_Unlock = ctypes.CFUNCTYPE(None, ctypes.c_void_p, ctypes.c_void_p, ctypes.POINTER(ctypes.c_void_p))
_Display = ctypes.CFUNCTYPE(None, ctypes.c_void_p, ctypes.c_void_p)
_set_format_callbacks = ctypes.CFUNCTYPE(None, ctypes.c_void_p, _Format, _Cleanup)(
    ("libvlc_video_set_format_callbacks", vlc.dll)
)
_set_callbacks = ctypes.CFUNCTYPE(None, ctypes.c_void_p, _Lock, _Unlock, _Display, ctypes.c_void_p)(
    ("libvlc_video_set_callbacks", vlc.dll)
)


def visible_guess(width: int, height: int) -> tuple[int, int]:
    """libVLC offers the decoder's padded size (320x194 for a 320x180 stream) and would
    scale the picture into it. A 16:9 or 4:3 height just under the offered one is what
    the stream has; else keep the offer (the player corrects the aspect from the
    visible size once playing)."""
    for num, den in ((9, 16), (3, 4)):
        if width * num % den == 0 and 0 <= height - width * num // den < 16:
            return width, width * num // den
    return width, height


class ImageSession(VlcSession):
    """A VlcSession whose pictures land in a FrameSlot."""

    def __init__(self, options: PlayerOptions, mrl: str, loop: bool) -> None:
        super().__init__(options, mrl, loop)
        self.slot = FrameSlot(self.bridge.frame.emit)
        self._buffer: Any = None
        self._address = 0
        self._size = (0, 0, 0)  # width, height, stride
        callbacks = (
            _Format(self._format),
            _Cleanup(self._cleanup),
            _Lock(self._lock),
            _Unlock(self._unlock),
            _Display(self._display),
        )
        self.keep.extend(callbacks)
        handle = self.player._as_parameter_
        _set_format_callbacks(handle, callbacks[0], callbacks[1])
        _set_callbacks(handle, callbacks[2], callbacks[3], callbacks[4], None)

    # The five callbacks run on libVLC threads: no logging, no libVLC calls.

    def _format(self, _opaque: Any, chroma: int, width: Any, height: Any, pitches: Any,
                lines: Any) -> int:  # fmt: skip
        w, h = visible_guess(width[0], height[0])
        if w > MAX_WIDTH:
            w, h = MAX_WIDTH, max(2, h * MAX_WIDTH // w)
        w, h = max(2, w), max(2, h)
        stride = (w * 4 + 31) & ~31
        rows = (h + 31) & ~31
        ctypes.memmove(chroma, b"RV32", 4)
        width[0], height[0], pitches[0], lines[0] = w, h, stride, rows
        self._buffer = ctypes.create_string_buffer(stride * rows + 32)
        self._address = (ctypes.addressof(self._buffer) + 31) & ~31
        self._size = (w, h, stride)
        return 1

    def _cleanup(self, _opaque: Any) -> None:
        pass  # the buffer goes with the session (or with the next format)

    def _lock(self, _opaque: Any, planes: Any) -> int:
        planes[0] = self._address
        return 0

    def _unlock(self, _opaque: Any, _picture: Any, _planes: Any) -> None:
        pass

    def _display(self, _opaque: Any, _picture: Any) -> None:
        w, h, stride = self._size
        if not self.slot.closed and self._address:
            self.slot.put(ctypes.string_at(self._address, stride * h), w, h, stride)

    def release(self) -> None:
        self.slot.closed = True
        super().release()


class VlcImagePlayer(SlotPlayer):
    """libVLC with video callbacks; ``current_image`` is the latest distinct frame."""

    backend = "vlc-callbacks"

    def __init__(
        self, url: str, options: PlayerOptions, mrl: str, loop: bool = False,
        parent: QObject | None = None,
    ) -> None:  # fmt: skip
        super().__init__(url, options, parent)
        self._mrl = mrl
        self._loop = loop

    def _start_session(self) -> ImageSession:
        return self._started(ImageSession(self.options, self._mrl, self._loop))

    def _new_image(self, session: Any) -> None:
        if not self.aspect:
            # libVLC hands the callbacks the coded size (320x192 for 320x180) and
            # scales into it; the tile paints with the visible size's aspect.
            try:
                width, height = session.player.video_get_size(0)
            except Exception:  # no video output yet
                width = height = 0
            if width and height:
                self.aspect = width / height
