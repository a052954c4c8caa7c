"""Build the fallback fonts in ``resources/fonts`` from their upstream files (fontTools).

The PDF blueprint draws every script with a shipped font (see ``resources/fonts/README.md``).
The Noto and Nanum families cover far more than the blueprint needs, so this script keeps
only the scripts' Unicode blocks (with every OpenType layout feature, so that HarfBuzz can
still shape Arabic, Devanagari and Thai) and writes small TrueType files. It is
reproducible: the same sources give byte-identical output.

Sources (all SIL Open Font License 1.1):

* Debian ``fonts-noto-core``: NotoSansArabic, NotoSansHebrew, NotoSansDevanagari,
  NotoSansThai (static Regular TTFs in ``/usr/share/fonts/truetype/noto``).
* Debian ``fonts-nanum``: NanumGothic (Hangul; ``/usr/share/fonts/truetype/nanum``).
* PyPI ``manimgx-fonts`` (``pip download --no-deps manimgx-fonts``, unzip the wheel):
  ``NotoEmoji[wght].ttf``, Google's monochrome Noto Emoji, instanced at weight 400 here
  because reportlab reads plain TrueType outlines only.

Usage::

    apt-get install fonts-noto-core fonts-nanum
    pip download --no-deps -d /tmp/mgx manimgx-fonts && unzip /tmp/mgx/*.whl -d /tmp/mgx
    python tools/subset_fonts.py --emoji /tmp/mgx/manimgx_fonts/NotoEmoji[wght].ttf
"""

from __future__ import annotations

import argparse
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "resources" / "fonts"
NOTO = Path("/usr/share/fonts/truetype/noto")
NANUM = Path("/usr/share/fonts/truetype/nanum")

#: Shared by every subset: ASCII, Latin-1 punctuation, general punctuation, joiners and
#: direction marks, the dotted circle HarfBuzz inserts for a stray mark.
_COMMON = [
    (0x0020, 0x007E),
    (0x00A0, 0x00BF),
    (0x00D7, 0x00D7),
    (0x00F7, 0x00F7),
    (0x2000, 0x206F),
    (0x25CC, 0x25CC),
]

#: (output file, source file name, folder, Unicode ranges kept).
FONTS: list[tuple[str, str, Path, list[tuple[int, int]]]] = [
    (
        "NotoSansArabic-Subset.ttf",
        "NotoSansArabic-Regular.ttf",
        NOTO,
        # Arabic, Arabic Supplement, Extended-A, presentation forms A and B.
        [(0x0600, 0x06FF), (0x0750, 0x077F), (0x08A0, 0x08FF), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF)],
    ),
    (
        "NotoSansHebrew-Subset.ttf",
        "NotoSansHebrew-Regular.ttf",
        NOTO,
        [(0x0590, 0x05FF), (0xFB1D, 0xFB4F)],
    ),
    (
        "NotoSansDevanagari-Subset.ttf",
        "NotoSansDevanagari-Regular.ttf",
        NOTO,
        [(0x0900, 0x097F), (0xA8E0, 0xA8FF), (0x1CD0, 0x1CFF), (0x20B9, 0x20B9)],
    ),
    (
        "NotoSansThai-Subset.ttf",
        "NotoSansThai-Regular.ttf",
        NOTO,
        [(0x0E00, 0x0E7F)],
    ),
    (
        "NanumGothic-Hangul.ttf",
        "NanumGothic.ttf",
        NANUM,
        # Hangul Jamo, Compatibility Jamo, Jamo Extended-A/B, Syllables.
        [(0x1100, 0x11FF), (0x3130, 0x318F), (0xA960, 0xA97F), (0xAC00, 0xD7A3), (0xD7B0, 0xD7FF)],
    ),
]

#: Emoji and pictographic blocks taken from Noto Emoji (monochrome).
EMOJI_RANGES = [
    (0x00A9, 0x00A9),
    (0x00AE, 0x00AE),
    (0x203C, 0x203C),
    (0x2049, 0x2049),
    (0x2122, 0x2122),
    (0x2139, 0x2139),
    (0x2194, 0x21FF),
    (0x2300, 0x23FF),
    (0x24C2, 0x24C2),
    (0x25A0, 0x27BF),
    (0x2900, 0x297F),
    (0x2B00, 0x2BFF),
    (0x3030, 0x3030),
    (0x303D, 0x303D),
    (0x3297, 0x3299),
    (0xFE0E, 0xFE0F),
    (0x1F000, 0x1FAFF),
    (0x200D, 0x200D),
    (0x20E3, 0x20E3),
    (0xE0020, 0xE007F),
]


def _codepoints(ranges: list[tuple[int, int]]) -> list[int]:
    return sorted({c for low, high in ranges for c in range(low, high + 1)})


def _options() -> subset.Options:
    options = subset.Options()
    options.layout_features = ["*"]  # keep every shaping feature (init/medi/fina, conjuncts …)
    options.name_IDs = ["*"]  # keep copyright and licence strings
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.glyph_names = False
    options.hinting = False  # a PDF is not rasterised by the font's hinting
    options.recalc_timestamp = False  # reproducible output
    options.drop_tables += ["DSIG"]
    return options


def subset_font(source: Path, target: Path, ranges: list[tuple[int, int]]) -> int:
    """Write the subset of ``source`` holding ``ranges`` (plus common punctuation) to ``target``."""
    font = TTFont(str(source), recalcTimestamp=False)
    if "fvar" in font:
        from fontTools.varLib import instancer

        font = instancer.instantiateVariableFont(font, {"wght": 400}, updateFontNames=False)
    subsetter = subset.Subsetter(options=_options())
    subsetter.populate(unicodes=_codepoints(ranges + _COMMON))
    subsetter.subset(font)
    font.save(str(target), reorderTables=True)
    return target.stat().st_size


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--emoji", type=Path, help="path of NotoEmoji[wght].ttf")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    total = 0
    for name, source_name, folder, ranges in FONTS:
        size = subset_font(folder / source_name, args.out / name, ranges)
        total += size
        print(f"{name}: {size:,} bytes")
    if args.emoji:
        size = subset_font(args.emoji, args.out / "NotoEmoji-Mono.ttf", EMOJI_RANGES)
        total += size
        print(f"NotoEmoji-Mono.ttf: {size:,} bytes")
    print(f"total: {total:,} bytes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
