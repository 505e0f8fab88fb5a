"""Charts of the centre's figures (pyqtgraph): the dashboard dock and its pieces."""
