"""The nine-grid map: cells, devices and alarms on it, the legend, a device's card."""
