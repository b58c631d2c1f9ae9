"""Write static/favicon.ico: the mark of static/img/mark.svg drawn at 16, 32 and 48 px.

No image library is a dependency, so the two rings on the rounded square are rasterised here
(4x4 supersampling) and stored as PNG images inside the ICO container. Run it after changing
the mark: ``python scripts/make_favicon.py``.
"""

import struct
import zlib
from pathlib import Path

BLUE, WHITE, GOLD = (0x0B, 0x53, 0x94), (0xFF, 0xFF, 0xFF), (0xF0, 0xC7, 0x5E)
SAMPLES = 4


def colour_at(x, y):
    """The colour of the 48-unit mark at (x, y), or None outside it."""
    corner = 10
    cx, cy = min(max(x, corner), 48 - corner), min(max(y, corner), 48 - corner)
    if (x - cx) ** 2 + (y - cy) ** 2 > corner**2:
        return None
    for centre, colour in ((29.5, GOLD), (18.5, WHITE)):
        distance = ((x - centre) ** 2 + (y - 24) ** 2) ** 0.5
        if abs(distance - 10) <= 1.75:
            return colour
    return BLUE


def pixel(px, py, size):
    rgb, alpha = [0, 0, 0], 0
    for sx in range(SAMPLES):
        for sy in range(SAMPLES):
            x = (px + (sx + 0.5) / SAMPLES) * 48 / size
            y = (py + (sy + 0.5) / SAMPLES) * 48 / size
            colour = colour_at(x, y)
            if colour:
                alpha += 1
                rgb = [total + part for total, part in zip(rgb, colour, strict=True)]
    if not alpha:
        return bytes(4)
    return bytes([*(round(total / alpha) for total in rgb), round(255 * alpha / SAMPLES**2)])


def png(size):
    rows = b"".join(b"\0" + b"".join(pixel(x, y, size) for x in range(size)) for y in range(size))

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows, 9))
        + chunk(b"IEND", b"")
    )


def ico(sizes=(16, 32, 48)):
    images = [png(size) for size in sizes]
    offset = 6 + 16 * len(images)
    directory = b""
    for size, image in zip(sizes, images, strict=True):
        directory += struct.pack("<BBBBHHII", size, size, 0, 0, 1, 32, len(image), offset)
        offset += len(image)
    return struct.pack("<HHH", 0, 1, len(images)) + directory + b"".join(images)


if __name__ == "__main__":
    target = Path(__file__).resolve().parent.parent / "static" / "favicon.ico"
    target.write_bytes(ico())
    print(f"wrote {target}")
