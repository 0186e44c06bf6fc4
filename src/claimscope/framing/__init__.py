"""Framing: persuasion techniques, narratives and actors' roles (issue 6)."""
