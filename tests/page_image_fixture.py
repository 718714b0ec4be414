"""A made-up picture of a printed page for the page-image tests (no real scans exist in the seeds):
a red masthead, a headline bar and grey columns of "text", drawn with Pillow."""

from pathlib import Path

from PIL import Image, ImageDraw


def draw_page_image(path: Path, size: tuple[int, int] = (600, 900), fmt: str = "PNG") -> Path:
    width, height = size
    image = Image.new("RGB", size, (250, 247, 240))
    draw = ImageDraw.Draw(image)
    draw.rectangle((20, 20, width - 20, 90), fill=(179, 38, 30))        # masthead
    draw.rectangle((20, 110, width - 20, 150), fill=(40, 40, 40))       # headline
    columns = 4
    column_width = (width - 40 - (columns - 1) * 16) // columns
    for column in range(columns):
        left = 20 + column * (column_width + 16)
        for top in range(170, height - 30, 14):
            draw.rectangle((left, top, left + column_width, top + 6), fill=(150, 150, 150))
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, fmt)
    return path
