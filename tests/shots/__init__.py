"""Screenshots of every window and dialog, rendered offscreen with the sample network."""
