"""Local development: safe defaults, then everything from base."""

import os

os.environ.setdefault("DEBUG", "true")
os.environ.setdefault("SECRET_KEY", "dev-only-not-secret-regiespiegel")

from .base import *  # noqa: E402,F403
