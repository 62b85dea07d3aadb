"""Planning, running and debriefing interviews; the question bank; profile and pitch."""
