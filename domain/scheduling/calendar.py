"""Local wall-clock times to UTC instants, and the occurrences of a kind.

TO BE IMPLEMENTED: see the specification in the docstrings.
"""
