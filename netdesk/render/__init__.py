"""Pages drawn with QtGui only, shared by the command line and the window."""
