"""Recurring-issue clustering at scale: one account's comments at 1x, 5x and 20x the demo's rate.

Run: python bench/cluster_scale.py [--factors 1 5 20]. The comments are the demo generator's for
its busiest account; each copy is moved by a random offset of up to two weeks, so a larger factor
means more comments in the same year (the rate grows, as on a busy account), not a longer year.
Questions, complaints and criticism are clustered, as in a store's triage.
"""

from __future__ import annotations

import argparse
import random
import resource
import time
from datetime import timedelta

from kenali.demo.accounts import ACCOUNTS
from kenali.demo.build import build_account
from kenali.demo.comments import CommentWriter
from kenali.triage.cluster import Comment, find_clusters

CANDIDATE_KINDS = {"question", "complaint", "urgent", "criticism", "sarcasm"}


def main() -> None:
    """Print seconds, comments per second and clusters for each factor."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--factors", type=int, nargs="+", default=[1, 5, 20])
    args = parser.parse_args()
    busiest = max(ACCOUNTS, key=lambda spec: len(CommentWriter(7, build_account(spec, 7)).generate()))
    base = [c for c in CommentWriter(7, build_account(busiest, 7)).generate() if c.kind != "official_reply"]
    print(f"account {busiest.platform}/{busiest.handle}: {len(base):,} comments in the demo year")
    r = random.Random(7)
    for factor in args.factors:
        comments: list[Comment] = []
        candidates: set[str] = set()
        for copy in range(factor):
            for c in base:
                key = f"{copy}:{c.comment_id}"
                shift = timedelta(minutes=r.randrange(-14 * 24 * 60, 14 * 24 * 60)) if copy else timedelta()
                comments.append(Comment(key, c.text, busiest.key, c.created + shift))
                if c.kind in CANDIDATE_KINDS:
                    candidates.add(key)
        start = time.perf_counter()
        clusters, membership = find_clusters(comments, candidates)
        seconds = time.perf_counter() - start
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"{factor:>3}x: {len(comments):>9,} comments ({len(candidates):,} clustered) in "
              f"{seconds:6.1f} s = {len(comments) / seconds:8,.0f} comments/s; {len(clusters):,} "
              f"recurring clusters holding {len(membership):,}; peak memory {peak:,.0f} MiB")


if __name__ == "__main__":
    main()
