"""How well `crosscheck add` reads the test pages: text recall, chrome leaked, metadata found.

The pages are the ones the tests serve (tests/pages.py): articles wrapped in a menu, a cookie
banner, share buttons, an advert slot, a newsletter box, an inline "Read more:" link, related
links and a footer, with their dates in a meta tag, JSON-LD or a <time> element, one in
Windows-1252, one undated, and a section front with no article at all.

    python benchmarks/extraction.py

- text recall: article paragraphs kept word for word, over all article paragraphs;
- chrome leaked: lines written that are not article text (trafilatura's output, then what
  is left after crosscheck's chrome rules, which is what `add` writes);
- metadata: fields the page states (title, outlet, author, url, published) read exactly.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the repository root, for tests.pages

from crosscheck.errors import PageError
from crosscheck.extract import Extracted, extract
from crosscheck.fetch import Page as Fetched
from tests.pages import Page, all_pages

FIELDS = ("title", "outlet", "author", "url", "published")


def read(page: Page) -> Extracted:
    """The page as `add` gets it from a server that names its charset."""
    served = Fetched(page.name, page.canonical, page.body, page.charset, dt.datetime(2025, 1, 1, tzinfo=dt.UTC))
    return extract(served)


def main() -> int:
    kept = total = leaked_raw = leaked = found = stated = refused = without_article = 0
    print(f"{'page':<16} {'recall':>7} {'leaked (trafilatura)':>21} {'leaked (written)':>17} {'metadata':>9}")
    for page in all_pages():
        if page.story is None:
            without_article += 1
            try:
                read(page)
                print(f"{page.name:<16} wrongly read as an article")
            except PageError:
                refused += 1
                print(f"{page.name:<16} refused: no article")
            continue
        extracted = read(page)
        truth = set(page.story.paragraphs)
        page_kept = sum(1 for p in page.story.paragraphs if p in extracted.paragraphs)
        raw_leaks = [p for p in (*extracted.paragraphs, *extracted.dropped) if p not in truth]
        leaks = [p for p in extracted.paragraphs if p not in truth]
        values = {field: getattr(extracted, field) for field in FIELDS}
        page_found = sum(1 for field, value in page.metadata.items() if values[field] == value)
        kept, total = kept + page_kept, total + len(page.story.paragraphs)
        leaked_raw, leaked = leaked_raw + len(raw_leaks), leaked + len(leaks)
        found, stated = found + page_found, stated + len(page.metadata)
        print(
            f"{page.name:<16} {page_kept:>3}/{len(page.story.paragraphs):<3} {len(raw_leaks):>21} {len(leaks):>17}"
            f" {page_found:>4}/{len(page.metadata):<4}"
        )
        for line in leaks:
            print(f"{'':<16} leaked: {line[:90]}")
    chrome = sum(len(p.chrome) for p in all_pages())
    print()
    print(f"text recall: {kept}/{total} article paragraphs = {kept / total:.3f}")
    print(f"chrome lines leaked: {leaked_raw} by trafilatura, {leaked} written (of {chrome} chrome lines on the pages)")
    print(f"metadata fields found: {found}/{stated} = {found / stated:.3f}")
    print(f"pages without an article refused: {refused}/{without_article}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
