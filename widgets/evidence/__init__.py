"""The evidence browser and its viewers (issue 13)."""
