"""ocrmypdf plugin for ocr-scan.ts (written for ocrmypdf 14 on Debian 12).

1. Progress. ocrmypdf draws its progress bar only when stderr is a terminal,
   and its log lines do not say how many pages are done. This replaces the
   bar with one tab-separated line per update on stderr:

       @@progress<TAB>OCR<TAB>pages done<TAB>page count

   Counts may be fractional: ocrmypdf counts two steps per page (recognised,
   then merged into the output).

2. Deskew angle. --deskew asks `tesseract --psm 2` for the angle, and
   tesseract 5.3 answers "Deskew angle: 0.0000" even for a page fed 5° askew
   (ocrmypdf issue #1464, tesseract issue #4445), so nothing was straightened
   and tesseract then lost most lines of the page. The angle is found here
   instead, by projection profile: turned by the right angle, text lines
   make the ink per row alternate sharply between full and empty.
"""

import logging
import sys

from PIL import Image, ImageOps

from ocrmypdf import hookimpl
from ocrmypdf.builtin_plugins.tesseract_ocr import TesseractOcrEngine

log = logging.getLogger(__name__)

MAX_SKEW_DEGREES = 10
# Below this gain over leaving the page as it is, the page is taken as straight,
# so straight pages and photographs are not turned by noise.
MIN_SKEW_GAIN = 1.05


class LineProgress:
    def __init__(self, *, total=None, desc='', unit_scale=1, **_ignored):
        # unit_scale=True means "no scaling" in tqdm's protocol.
        self.scale = 1 if isinstance(unit_scale, bool) else unit_scale
        self.total = total or 0
        self.desc = desc
        self.done = 0

    def __enter__(self):
        self._emit()
        return self

    def __exit__(self, *_exc):
        return False

    def update(self, n=1, *, completed=None):
        self.done = completed if completed is not None else self.done + n
        self._emit()

    def _emit(self):
        print(
            f'@@progress\t{self.desc}\t{self.done * self.scale:g}\t{self.total * self.scale:g}',
            file=sys.stderr,
            flush=True,
        )


def find_skew(image_path):
    """The angle (degrees, counter-clockwise, as PIL's rotate takes it) that makes text lines level."""
    with Image.open(image_path) as image:
        image.draft('L', (image.width // 4, image.height // 4))  # JPEG: decode at reduced size
        page = image.convert('L')
    # About 800 pixels on the long side keeps lines of 10-point text apart and each trial fast.
    page = page.reduce(max(1, round(max(page.size) / 800)))
    ink = ImageOps.invert(page).point(lambda v: 255 if v > 96 else 0)

    def sharpness(angle):
        rows = ink.rotate(angle, resample=Image.NEAREST).convert('F').resize((1, ink.height), Image.BOX)
        ink_per_row = list(rows.getdata())
        return sum((a - b) ** 2 for a, b in zip(ink_per_row, ink_per_row[1:]))

    coarse = max(range(-MAX_SKEW_DEGREES, MAX_SKEW_DEGREES + 1), key=sharpness)
    fine = max((coarse + step / 10 for step in range(-9, 10)), key=sharpness)
    if sharpness(fine) < sharpness(0) * MIN_SKEW_GAIN:
        return 0.0
    return fine


class LevellingTesseractOcrEngine(TesseractOcrEngine):
    @staticmethod
    def get_deskew(input_file, options) -> float:
        angle = find_skew(input_file)
        log.info('deskew angle %.1f', angle)
        return angle


@hookimpl
def get_progressbar_class():
    return LineProgress


@hookimpl
def get_ocr_engine():
    return LevellingTesseractOcrEngine()
