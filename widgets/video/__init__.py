"""The video wall: tiles, players (libVLC), layouts, pages, the camera tree."""
