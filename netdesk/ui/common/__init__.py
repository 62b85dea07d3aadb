"""Shared by every feature: plain-text labels and messages, actions, the change publisher, theme."""
