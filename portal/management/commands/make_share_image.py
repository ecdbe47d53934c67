"""Draws the image social networks show beside a link to the portal (Open Graph, Twitter cards):
1200 x 630 pixels, the book's title and authors, into portal/static/portal/share.png. Run again when
the title changes; nothing is fetched from elsewhere."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from PIL import Image, ImageDraw, ImageFont

SIZE = (1200, 630)
INK, PAPER, ACCENT = "#1d1d1f", "#f6f1e9", "#9b1b30"
SERIF = [
    "/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSerif-Bold.ttf",
]
SANS = [
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
]
TITLE = "Political guidelines and approaches of Peruvian foreign policy in the new 21st-century order"
SUBTITLE = "(on the bicentennial of the MRE)"
AUTHORS = "Fabián Novak · Sandra Namihás"
PUBLISHERS = "IDEI-PUCP · Konrad Adenauer Stiftung · 2022"


def font(candidates, size):
    for path in candidates:
        if Path(path).exists():
            return ImageFont.truetype(path, size)
    return ImageFont.load_default(size=size)


def wrapped(draw, text, typeface, width):
    lines, line = [], ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if draw.textlength(candidate, font=typeface) <= width:
            line = candidate
        else:
            lines.append(line)
            line = word
    return [*lines, line]


class Command(BaseCommand):
    help = "Draw portal/static/portal/share.png, the image shown beside links to the portal."

    def handle(self, *args, **options):
        image = Image.new("RGB", SIZE, PAPER)
        draw = ImageDraw.Draw(image)
        draw.rectangle([0, 0, 24, SIZE[1]], fill=ACCENT)
        title_font, small = font(SERIF, 54), font(SANS, 30)
        y = 90
        for line in wrapped(draw, TITLE, title_font, 1040):
            draw.text((80, y), line, font=title_font, fill=INK)
            y += 68
        draw.text((80, y + 6), SUBTITLE, font=small, fill=INK)
        draw.text((80, SIZE[1] - 150), AUTHORS, font=font(SANS, 36), fill=INK)
        draw.text((80, SIZE[1] - 95), PUBLISHERS, font=small, fill=ACCENT)
        target = Path(settings.BASE_DIR) / "portal" / "static" / "portal" / "share.png"
        image.save(target, optimize=True)
        self.stdout.write(f"Wrote {target}")
