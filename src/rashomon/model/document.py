"""The report: :class:`rashomon.models.Document`, the record ingest builds and the store keeps.

It lives in ``rashomon.models`` because ingest builds it in steps (a fetched page's outlet and date
are filled in after its text); from the store on it is read-only. Its two derived facts each have
one rule: ``display_name`` (the outlet shown) and ``origin_id`` (the report its story comes from).
"""

from __future__ import annotations

from ..models import Document, InputFailure, text_id

__all__ = ["Document", "InputFailure", "text_id"]
