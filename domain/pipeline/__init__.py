"""Pipeline velocity audit: CRM opportunities imported from CSV, measured per rep.

- `columns`: the documented column and stage mapping (data).
- `csv_import.parse_opportunities`: bytes -> good rows and bad rows by line.
- `audit.audit_reps`: per-rep stage times, conversion, deal sizes, losses.
"""
