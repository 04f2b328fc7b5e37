"""Renderings of a dossier: HTML (Jinja2, autoescaped) and CSV."""
