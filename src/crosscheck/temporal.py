"""The public names of crosscheck.dates under their first import path (benchmarks and users
import `crosscheck.temporal`); the code lives in the `dates` package."""

from crosscheck.dates import *  # noqa: F403
from crosscheck.dates import __all__ as __all__
