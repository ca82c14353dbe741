"""Cek performa: account and post performance against the account's own baseline.

Every metric is defined once in `catalogue` as SQL and runs in DuckDB; results are Arrow tables.
"""

from .account import summary as account_summary
from .account import summary_wide
from .drivers import what_works
from .league import league_table, platform_context
from .posts import post_table, topic_map
from .relations import Selection, resolve
from .spikes import spikes
from .timing import best_times

__all__ = ["Selection", "account_summary", "best_times", "league_table", "platform_context",
           "post_table", "resolve", "spikes", "summary_wide", "topic_map", "what_works"]
