"""The district: its grid cells and where a point lies, the device registry and
its files, the camera catalogue, what the nine-grid map draws, and local time."""
