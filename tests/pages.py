"""News pages as a browser gets them, with site chrome and metadata, and what each truly holds.

Shared by the `add` tests (served from a local HTTP server) and benchmarks/extraction.py (which
measures what the extraction keeps of each page): one builder, so both read the same pages.
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass, field
from enum import StrEnum


class DatePlace(StrEnum):
    """Where a page states its publication date: the usual places a publisher puts it."""

    META = "meta"  # <meta property="article:published_time">
    JSON_LD = "json-ld"  # a NewsArticle's datePublished
    TIME = "time"  # <time datetime="..."> in the byline
    NONE = "none"


@dataclass(frozen=True)
class Story:
    """What a page is about, as its publisher wrote it: the truth the extraction is held to."""

    slug: str
    title: str
    outlet: str
    author: str
    published: str  # YYYY-MM-DD
    paragraphs: tuple[str, ...]
    host: str = "news.example"


@dataclass(frozen=True)
class Page:
    """A built page: its bytes as served, and what a perfect extraction would find in it."""

    name: str
    body: bytes
    charset: str
    story: Story | None  # None: a page with no article (a section front)
    date_place: DatePlace
    canonical: str | None
    chrome: tuple[str, ...]  # every line of site furniture on the page
    # Metadata the page states, as a perfect reader would return it.
    metadata: dict[str, str] = field(default_factory=dict)

    @property
    def html(self) -> str:
        return self.body.decode(self.charset)


MENU = ("Home", "World", "Politics", "Business", "Technology", "Opinion", "Sport")
SHARE = ("Share on Facebook", "Share on X", "Share on LinkedIn", "Email this article", "Print")
COOKIE = (
    "We use cookies to personalise content and ads and to analyse our traffic.",
    "Accept all",
    "Manage preferences",
)
NEWSLETTER = ("Sign up for our morning briefing", "The day's top stories, in your inbox before breakfast.")
RELATED = (
    "Related stories",
    "Markets slip as investors weigh rate outlook",
    "Opinion: what the budget means for your family",
    "Five things to watch this week",
)
ADVERT = "Advertisement"
CAPTION = "Photo: Reuters / File"
COMMENTS = (
    "Comments (2)",
    "jdoe42: Finally some good news, about time they sorted this out.",
    "mary_k: Does anyone know whether this changes anything for the rest of us?",
)
READ_MORE = f"Read more: {RELATED[1]}"
FOOTER = ("About us", "Privacy policy", "Terms of use", "Contact")


def copyright_line(outlet: str) -> str:
    return f"© 2025 {outlet}. All rights reserved."


def build_page(
    story: Story | None,
    *,
    name: str,
    date_place: DatePlace = DatePlace.META,
    charset: str = "utf-8",
    canonical: bool = True,
    outlet: str = "The Daily Example",
) -> Page:
    """A full article page (or, without a story, a section front of headlines and chrome)."""
    outlet = story.outlet if story is not None else outlet
    host = story.host if story is not None else "news.example"
    url = f"https://{host}/{story.slug if story else 'politics'}" if canonical else None
    esc = html.escape
    title = story.title if story else "Politics"
    head = [f'<meta charset="{charset}">', f"<title>{esc(title)} | {esc(outlet)}</title>"]
    head.append(f'<meta property="og:site_name" content="{esc(outlet)}">')
    if url is not None:
        head.append(f'<link rel="canonical" href="{url}">')
    metadata: dict[str, str] = {}
    byline: list[str] = []
    article: list[str] = []
    if story is not None:
        metadata = {"title": story.title, "outlet": outlet, "author": story.author}
        if url is not None:
            metadata["url"] = url
        head += [
            f'<meta property="og:title" content="{esc(story.title)}">',
            f'<meta name="author" content="{esc(story.author)}">',
        ]
        stamp = f"{story.published}T09:30:00+09:00"
        if date_place is DatePlace.META:
            head.append(f'<meta property="article:published_time" content="{stamp}">')
        elif date_place is DatePlace.JSON_LD:
            ld = {
                "@context": "https://schema.org",
                "@type": "NewsArticle",
                "headline": story.title,
                "datePublished": stamp,
                "author": {"@type": "Person", "name": story.author},
                "publisher": {"@type": "Organization", "name": outlet},
            }
            head.append(f'<script type="application/ld+json">{json.dumps(ld)}</script>')
        if date_place is not DatePlace.NONE:
            metadata["published"] = story.published
        byline.append(f'<p class="byline">By <a href="/authors/x" rel="author">{esc(story.author)}</a>')
        if date_place is DatePlace.TIME:
            byline.append(f'<time datetime="{stamp}" class="published">{story.published}</time>')
        byline.append("</p>")
        article = [
            '<article class="story">',
            f"<h1>{esc(story.title)}</h1>",
            *byline,
            f'<figure><img src="/img/lead.jpg" alt=""><figcaption>{CAPTION}</figcaption></figure>',
            '<div class="story-body">',
            # Furniture inside the story body, where extractors most often let it through.
            f"<p>{esc(story.paragraphs[0])}</p>",
            f'<div class="ad-slot"><span>{ADVERT}</span></div>',
            *(f"<p>{esc(p)}</p>" for p in story.paragraphs[1:2]),
            f'<aside class="newsletter"><h3>{esc(NEWSLETTER[0])}</h3><p>{esc(NEWSLETTER[1])}</p></aside>',
            *(f"<p>{esc(p)}</p>" for p in story.paragraphs[2:3]),
            f'<p class="read-more"><strong>Read more:</strong> <a href="/r/0">{esc(RELATED[1])}</a></p>',
            *(f"<p>{esc(p)}</p>" for p in story.paragraphs[3:]),
            "</div>",
            '<div class="share">' + "".join(f'<a href="#" class="share">{esc(s)}</a>' for s in SHARE) + "</div>",
            "</article>",
            f'<section id="comments"><h2>{COMMENTS[0]}</h2>'
            + "".join(f'<div class="comment"><p>{esc(c)}</p></div>' for c in COMMENTS[1:])
            + "</section>",
        ]
    else:
        article = [
            '<main class="section-front"><h1>Politics</h1><ul class="teasers">',
            *(f'<li><a href="/story/{n}">{esc(h)}</a></li>' for n, h in enumerate(RELATED[1:])),
            "</ul></main>",
        ]
    body = [
        f'<div id="cookie-banner" class="cookie-consent"><p>{esc(COOKIE[0])}</p>'
        f"<button>{COOKIE[1]}</button><button>{COOKIE[2]}</button></div>",
        '<header><nav class="menu"><ul>' + "".join(f'<li><a href="/{m.lower()}">{m}</a></li>' for m in MENU),
        '</ul></nav><form role="search"><input type="search" placeholder="Search"></form></header>',
        *article,
        f'<aside class="related"><h2>{RELATED[0]}</h2><ul>'
        + "".join(f'<li><a href="/r/{n}">{esc(h)}</a></li>' for n, h in enumerate(RELATED[1:]))
        + "</ul></aside>",
        "<footer><ul>" + "".join(f'<li><a href="/{f.lower()}">{f}</a></li>' for f in FOOTER) + "</ul>",
        f"<p>{esc(copyright_line(outlet))}</p></footer>",
    ]
    lang_head = "\n".join(head)
    text = f'<!DOCTYPE html>\n<html lang="en">\n<head>\n{lang_head}\n</head>\n<body>\n' + "\n".join(body)
    text += "\n</body>\n</html>\n"
    around = (*COOKIE, *MENU, *RELATED, *FOOTER, copyright_line(outlet))
    inside = (CAPTION, ADVERT, *NEWSLETTER, READ_MORE, *SHARE, *COMMENTS) if story is not None else RELATED[1:]
    chrome = (*around, *inside)
    return Page(
        name=name,
        body=text.encode(charset),
        charset=charset,
        story=story,
        date_place=date_place if story is not None else DatePlace.NONE,
        canonical=url,
        chrome=chrome,
        metadata=metadata,
    )


# Two reports of one event, written like the seeds (seeds/000_…, seeds/004_…): one gives the
# meeting's date, the other its weekday, which only the page's date can place on the calendar.
SCM_ANNOUNCED = Story(
    slug="politics/defense-chiefs-to-hold-security-talks-in-seoul",
    title="Defense chiefs of South Korea and US to hold annual security talks in Seoul",
    outlet="Seoul Wire",
    author="Kim Min-ji",
    published="2025-10-27",
    host="seoulwire.example",
    paragraphs=(
        "The defense chiefs of South Korea and the United States will hold their annual security talks "
        "in Seoul early next month, focusing on policy coordination on North Korea and their combined "
        "defense posture, South Korea's defense ministry said on Monday.",
        "Defense Minister Ahn Gyu-back and U.S. Defense Secretary Pete Hegseth will attend the 57th "
        "Security Consultative Meeting (SCM) in Seoul on November 4, the ministry said.",
        "It will be their first in-person talks since both took office.",
        "The two sides plan to discuss extended deterrence and the maintenance, repair and overhaul "
        "of U.S. Navy ships at South Korean shipyards, according to the ministry.",
        "Korea will be the final stop of Hegseth's Asia tour, which also takes him to Hawaii, Japan, "
        "Malaysia and Vietnam.",
    ),
)
SCM_ARRIVED = Story(
    slug="world/asia/hegseth-arrives-in-south-korea",
    title="Hegseth arrives in South Korea ahead of security talks",
    outlet="Pacific Ledger",
    author="Daniel Ortiz",
    published="2025-11-03",
    host="pacificledger.example",
    paragraphs=(
        "U.S. Defense Secretary Pete Hegseth arrived in South Korea on Monday for talks on the role of "
        "American troops on the Korean Peninsula.",
        "Hegseth and Defense Minister Ahn Gyu-back will attend the annual Security Consultative "
        "Meeting (SCM) in Seoul on Tuesday, officials said.",
        "Washington is reportedly weighing changes to the mission of the 28,500 U.S. troops stationed in South Korea.",
        "Seoul plans its largest defense budget increase in years for 2026.",
    ),
)
# Written in Windows-1252: typographic quotes, accents and a euro sign that UTF-8 would mangle.
CAFE = Story(
    slug="local/zurich-cafe-reopens",
    title="Zürich’s oldest café reopens after a year of repairs",
    outlet="Alpine Courier",
    author="Léa Müller",
    published="2025-09-12",
    host="alpinecourier.example",
    paragraphs=(
        "The Café Odéon on Limmatquai reopened on Friday after renovations that cost €2.4 million, its owners said.",
        "“We kept every mirror and every marble table,” said manager René Fässler, who has run the café since 2009.",
        "The city’s heritage office had required that the façade and the Art Nouveau interior be preserved.",
        "Regulars queued from seven in the morning for the first coffee, served at 1925 prices.",
    ),
)
BRIDGE = Story(
    slug="local/council-votes-to-close-elm-street-bridge",
    title="Council votes to close Elm Street bridge for repairs",
    outlet="Riverside Gazette",
    author="Sam Patel",
    published="2025-06-10",
    host="riversidegazette.example",
    paragraphs=(
        "The city council voted on Tuesday to close the Elm Street bridge for repairs.",
        "The repairs will cost 4 million dollars, the city engineer said.",
        "Engineers will replace 40 steel beams before the bridge reopens in March.",
        "Mayor Jane Ortiz said the closure would cost local shops a great deal of business.",
    ),
)


def all_pages() -> list[Page]:
    """Every page the tests serve and the benchmark measures, one per way a page is built."""
    return [
        build_page(SCM_ANNOUNCED, name="scm-announced", date_place=DatePlace.META),
        build_page(SCM_ARRIVED, name="scm-arrived", date_place=DatePlace.JSON_LD),
        build_page(BRIDGE, name="bridge-time", date_place=DatePlace.TIME),
        build_page(CAFE, name="cafe-cp1252", date_place=DatePlace.META, charset="windows-1252"),
        build_page(BRIDGE, name="bridge-undated", date_place=DatePlace.NONE, canonical=False),
        build_page(None, name="section-front"),
    ]
