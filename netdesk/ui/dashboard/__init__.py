"""The dashboard, the habit chart, follow-up actions, reminders and preferences."""
