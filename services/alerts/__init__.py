"""Alerts from devices: messages, parsing and validation, ingestion."""
