"""The referral graph: scene, items, interaction, the panel around it."""
