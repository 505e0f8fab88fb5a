"""The administration window: accounts, devices, grid cells, alarm rules."""
