"""Ingestion: MQTT messages into the shared database, exactly once."""
