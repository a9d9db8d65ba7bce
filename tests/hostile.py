"""Articles written to attack an HTML report: markup, script and `javascript:` links in file
names, front matter and text. Every attack sets `window.__pwned`, so a browser test can tell."""

from __future__ import annotations

from pathlib import Path

from tests.story import A, B

# Front matter: a title closing <title>, an outlet breaking out of an attribute, a script URL.
FRONT = (
    "---\n"
    "title: '</title><script>window.__pwned = \"title\"</script>'\n"
    'outlet: \'" onmouseover="window.__pwned = 1" x="\'\n'
    "url: 'javascript:window.__pwned = \"url\"'\n"
    "tags: ['<img src=x onerror=\"window.__pwned = 1\">']\n"
    "---\n"
)
# Text: a script, a stylesheet closed early, a link, an attribute injection, an SVG.
TEXT = (
    'Residents said <script>window.__pwned = "body"</script> the closure came as a surprise to them.\n'
    "One shop owner wrote </style><img src=x onerror=\"window.__pwned = 'style'\"> on the shop window.\n"
    "Details are at <a href=\"javascript:window.__pwned = 'link'\">the council site</a> for everyone.\n"
    'A sign read "><svg onload="window.__pwned = \'svg\'"> near the bridge all week long.\n'
)
HOSTILE = {
    'a"><img src=x onerror="window.__pwned=1">.txt': FRONT + A + TEXT,
    "b <svg onload=window.__pwned=1>.txt": B + TEXT,  # "/" cannot be in a file name
}


def write_hostile(root: Path) -> Path:
    """The hostile articles in `root`/seeds; returns that folder."""
    seeds = root / "seeds"
    seeds.mkdir()
    for name, text in HOSTILE.items():
        (seeds / name).write_text(text, encoding="utf-8")
    return seeds
