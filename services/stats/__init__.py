"""The centre's figures (issue 14): aggregates over alerts, work orders, devices
and telemetry, and the report built from them.  Plain Python and SQL that runs
on SQLite and PostgreSQL; no Qt.

Ranges are half-open ``[since, until)`` of timezone-aware datetimes; days are
local days of the district's zone (``services.district.timezone.district_tz``).
An empty range gives zeros (rates and medians: ``None``, nothing to divide).
"""
