"""Back up and restore: the actions and the recovery dialog."""
