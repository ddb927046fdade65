"""支部画像 Branch profile: the organisations one may pick, and one organisation's profile
(``metrics.profile``)."""

from __future__ import annotations

from metrics.profile import branch_choices, profile

__all__ = ["branch_choices", "profile"]
