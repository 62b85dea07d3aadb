"""The referral graph: the view, its scene, interaction, menus, tooltips and export; the panel."""
