"""Mobile evidence (issue 13): intake of officers' files into a content-addressed
store, review, each item's hash-chained custody log, and signed exports that
verify without the database."""
