"""Benchmarks: medians over repeated runs, each printed with the command that reproduces it.

Run them all with `make bench`, or one with `python -m bench.<name>`.
"""
