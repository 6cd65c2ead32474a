"""Render images/nvim.png: real Neovim in a pseudo-terminal, its screen read by pyte and drawn with Pillow.

Run by ``scripts/editor-tests`` (``PYTHONPATH`` holds pyte from the editors' cache); not a test, and not part of the
filedesc package. Usage: ``python tests/screenshot.py NVIM OUTPUT.png``.
"""

from __future__ import annotations

import fcntl
import os
import pty
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pyte
from PIL import Image, ImageDraw, ImageFont

COLS, ROWS = 128, 14
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf"
FONT_BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono-Bold.ttf"
SIZE = 15
DEFAULT_FG, DEFAULT_BG = "e0e2ea", "14161b"
NAMED = {
    "black": "07080d",
    "red": "ffc0b9",
    "green": "b3f6c0",
    "brown": "fce094",
    "blue": "a6dbff",
    "magenta": "ffcaff",
    "cyan": "8cf8f7",
    "white": "eef1f8",
}


def color(value: str, default: str) -> str:
    """A cell colour: pyte gives 'default', a colour name, or six hex digits."""
    if value == "default":
        return default
    return NAMED.get(value, value if len(value) == 6 else default)


def capture(nvim: str, root: Path, wanted: str, timeout: float = 60.0) -> pyte.Screen:
    """Run nvim with the scene until ``wanted`` shows on the screen (or the timeout), and return the screen."""
    screen = pyte.Screen(COLS, ROWS)
    stream = pyte.ByteStream(screen)
    env = dict(os.environ, TERM="screen-256color", COLORTERM="truecolor", FILEDESC_NVIM_ROOT=str(root))
    main, child = pty.openpty()
    os.set_blocking(main, False)
    fcntl.ioctl(child, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))
    init = root / "tests" / "screenshot_init.lua"
    process = subprocess.Popen(
        [nvim, "--clean", "-u", str(init)], stdin=child, stdout=child, stderr=child, env=env, start_new_session=True
    )
    os.close(child)
    deadline = time.monotonic() + timeout
    seen_at: float | None = None
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([main], [], [], 0.2)
            if ready:
                try:
                    stream.feed(os.read(main, 65536))
                except OSError:
                    break
            text = "\n".join(screen.display)
            if wanted in text and seen_at is None:
                seen_at = time.monotonic()
            if seen_at is not None and time.monotonic() - seen_at > 1.0:
                return screen
        raise SystemExit(f"screenshot: {wanted!r} never showed; screen:\n" + "\n".join(screen.display))
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(10)
        os.close(main)


def render(screen: pyte.Screen, output: Path) -> None:
    """Draw each cell with its colours; a 16-pixel margin in the background colour."""
    font = ImageFont.truetype(FONT, SIZE)
    bold = ImageFont.truetype(FONT_BOLD, SIZE)
    width, height = int(font.getlength("M")), SIZE + 5
    margin = 16
    image = Image.new("RGB", (COLS * width + 2 * margin, ROWS * height + 2 * margin), "#" + DEFAULT_BG)
    draw = ImageDraw.Draw(image)
    for y in range(ROWS):
        line = screen.buffer[y]
        for x in range(COLS):
            cell = line[x]
            fg, bg = color(cell.fg, DEFAULT_FG), color(cell.bg, DEFAULT_BG)
            if cell.reverse:
                fg, bg = bg, fg
            px, py = margin + x * width, margin + y * height
            draw.rectangle((px, py, px + width, py + height), fill="#" + bg)
            if cell.data.strip():
                draw.text((px, py + 2), cell.data, fill="#" + fg, font=bold if cell.bold else font)
    output.parent.mkdir(parents=True, exist_ok=True)
    image.save(output, optimize=True)


def main() -> None:
    """``screenshot.py NVIM OUTPUT``."""
    nvim, output = sys.argv[1], Path(sys.argv[2])
    root = Path(__file__).resolve().parents[1]
    screen = capture(nvim, root, "TypeScript module")
    render(screen, output)


if __name__ == "__main__":
    main()
