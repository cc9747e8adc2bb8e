"""Workshops kept for real: SQLite by default, PostgreSQL when hosted.

`cxmaturity.store.factory.open_store(url)` gives the service the UI and the CLI use;
`memory_store()` the same service on an in-memory fake, for fast tests. This package file
imports nothing, so `cxmaturity.workshops.errors` stays cheap to import.
"""
