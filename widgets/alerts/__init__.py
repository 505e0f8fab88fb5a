"""The alert queue: its model, table, filter, texts, tone, the false-alarm dialog."""
