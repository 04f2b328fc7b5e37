"""Status disputes: an operation declared over or control regained, against violence said to continue."""

from __future__ import annotations

from ...model import Dispute
from .context import Context


def status(ctx: Context) -> list[Dispute]:
    ended = [i for i, c in enumerate(ctx.claims) if c.status == "ended"]
    going = [i for i, c in enumerate(ctx.claims) if c.status == "continuing"]
    if not ended or not going or len({ctx.origin(ctx.claims[i]) for i in ended + going}) < 2:
        return []
    words = ctx.wording["status"]
    return [Dispute(
        id="", kind="status", question=words["question"],
        summary=words["summary"].format(ended=ctx.named(ctx.outlets(ctx.claims[i] for i in ended)),
                                        continuing=ctx.named(ctx.outlets(ctx.claims[i] for i in going))),
        positions=(ctx.position(words["ended"], ended), ctx.position(words["continuing"], going)))]
