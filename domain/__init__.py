"""Coaching logic in plain Python: the model, pure rules, ports and use cases.

Imports only the standard library and pydantic (DESIGN.md section 3, rule 1).
"""
