"""`kenali demo`: a fictional DKI Jakarta agency's year, written as real exports and imported."""

from .build import build_demo

__all__ = ["build_demo"]
