"""The vocabulary: how each stored domain word is shown to the user, in one place.

The keys are the words stored in the database (``netdesk.db.models`` lists
them); every window, sheet, export and message shows the labels below, so one
word is never spelt two ways. Each mapping keeps the order of its word list.
"""

from __future__ import annotations

# How I know them (Person.relationship).
RELATIONSHIP_LABELS = {
    "family": "Family", "friend": "Friend", "neighbour": "Neighbour", "coworker": "Coworker",
    "classmate": "Classmate", "professor": "Professor", "acquaintance": "Acquaintance",
    "referral": "Referred to me", "other": "Other",
}
# Where the outreach stands (Person.stage).
STAGE_LABELS = {
    "to_contact": "To contact", "contacted": "Contacted", "meeting_set": "Meeting set",
    "interviewed": "Interviewed", "thanked": "Thanked", "keeping_in_touch": "Keeping in touch",
    "declined": "Declined",
}
# The common labels of an email, phone or address (person_details.ENTRY_LABELS).
ENTRY_LABEL_LABELS = {"work": "Work", "home": "Home", "mobile": "Mobile", "other": "Other"}
# What a further entry of a person is (PersonEntry.kind).
ENTRY_KIND_LABELS = {
    "email": "Email", "phone": "Phone", "web": "Web page", "social": "Social profile",
    "im": "Messaging", "event": "Date", "related": "Related name", "custom": "Custom field",
}
# Work settings (Organization.sector); "" is an organization whose sector is not set.
SECTOR_LABELS = {
    "": "Not set", "government": "Government", "private": "Private sector",
    "nonprofit": "Non-profit", "education": "Education",
}
# How the interview happens (Interview.mode): as a label, and in "Meeting …".
MODE_LABELS = {"in_person": "In person", "phone": "Phone call", "video": "Video call"}
MODE_PHRASES = {"in_person": "in person", "phone": "by phone", "video": "by video call"}
# What the place of an interview is, per mode.
PLACE_LABELS = {"in_person": "Place", "phone": "Phone", "video": "Link"}
# Where an interview stands (Interview.status).
STATUS_LABELS = {
    "planning": "Planning", "scheduled": "Scheduled", "done": "Done", "cancelled": "Cancelled",
}
# Question bank categories (Question.category).
CATEGORY_LABELS = {
    "career_path": "Career path",
    "environment": "Work environment",
    "organization": "The organization",
    "trends": "Trends",
    "insights": "Insights",
    "advice": "Advice",
    "resources": "Resources",
    "assignments": "Assignments",
    "own": "My own",
}
# Timeline entries (Interaction.kind).
INTERACTION_LABELS = {
    "message_sent": "Message sent",
    "reply": "Reply",
    "meeting": "Meeting",
    "interview": "Interview",
    "thank_you": "Thank-you",
    "update": "Update",
    "help_given": "Help given back",
    "help_received": "Help received",
    "declined": "A no",
    "note": "Note",
}
# Things due on a date (FollowUp.kind).
FOLLOW_UP_LABELS = {
    "reply_check": "Check for a reply",
    "thank_you": "Send the thank-you",
    "keep_in_touch": "Keep in touch",
    "report_back": "Report back on advice",
}
# Units of a follow-up delay.
UNIT_LABELS = {"days": "days", "working_days": "working days"}
# Message templates (Template.kind).
TEMPLATE_KIND_LABELS = {
    "outreach": "Outreach",
    "thank_you": "Thank you",
    "keep_in_touch": "Keep in touch",
}
# The passes that build the LAMP list (LampEntry.found_in).
LAMP_PASS_LABELS = {
    "dream": "Dream employers", "alumni": "Alumni employers",
    "posting": "Employers with postings", "trending": "Employers in trending fields",
}
# The same, short, for a table column.
LAMP_PASS_SHORT_LABELS = {
    "dream": "Dream", "alumni": "Alumni", "posting": "Posting", "trending": "Trending",
}
# Where an introduction request stands (Introduction.status).
INTRODUCTION_LABELS = {"asked": "Asked", "introduced": "Introduced", "declined": "Declined"}
# Keep-in-touch tiers (Person.tier); "" is a person without one.
TIER_LABELS = {"": "No tier", "A": "Tier A", "B": "Tier B", "C": "Tier C"}
# How far past their interval someone is (core.keep_in_touch marks).
TOUCH_LABELS = {"due": "Due for a catch-up", "cold": "Going cold"}
# How someone responds (Person.response_label, or worked out from reply times).
RESPONSE_LABELS = {"quick": "Quick helper", "slow": "Slow but helpful",
                   "no_answer": "No answer"}
# Who else sees a person or an interview on a server (Person.sharing, Interview.sharing).
SHARING_LABELS = {"private": "Only me", "advisor": "My advisor", "center": "The whole center"}
# The kinds of member of a shared network (netdesk_member.kind).
MEMBER_KIND_LABELS = {"student": "Student", "advisor": "Advisor", "admin": "Administrator"}
